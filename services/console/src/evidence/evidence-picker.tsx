import { useState } from 'react';
import { Button, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/i18n';
import { sha256OfFile } from './sha256';

export interface EvidenceItem {
  readonly name: string;
  readonly sha256: string;
}

/** As many as the API takes with one report. */
export const MAX_EVIDENCE = 20;

/**
 * Evidence files for a report: each file's name and SHA-256, computed here in the browser. The
 * files themselves stay on the reporter's device (the system keeps their fingerprints, not the files).
 */
export function EvidencePicker({ value = [], onChange }: { value?: readonly EvidenceItem[]; onChange?: (next: EvidenceItem[]) => void }) {
  const { t } = useI18n();
  const [hashing, setHashing] = useState(0);
  // Files chosen together arrive as one batch, so they are hashed and added together.
  const add = async (files: readonly File[]) => {
    setHashing((n) => n + 1);
    try {
      const added = await Promise.all(files.map(async (file) => ({ name: file.name, sha256: await sha256OfFile(file) })));
      const hashes = new Set(added.map((item) => item.sha256));
      onChange?.([...value.filter((item) => !hashes.has(item.sha256)), ...added].slice(0, MAX_EVIDENCE));
    } finally {
      setHashing((n) => n - 1);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Upload
        multiple
        showUploadList={false}
        disabled={value.length >= MAX_EVIDENCE}
        beforeUpload={(file, batch) => {
          if (file === batch[0]) void add(batch);
          return false;
        }}
      >
        <Button icon={<PaperClipOutlined />} loading={hashing > 0} data-testid="evidence-add">
          {t('evidence.add')}
        </Button>
      </Upload>
      {value.length > 0 && (
        <ul aria-label={t('evidence.list')} data-testid="evidence-list" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {value.map((item) => (
            <li key={item.sha256} style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '4px 0', flexWrap: 'wrap' }}>
              <Typography.Text strong style={{ wordBreak: 'break-all' }}>
                {item.name}
              </Typography.Text>
              <Typography.Text code title={item.sha256} data-testid="evidence-sha256" style={{ wordBreak: 'break-all' }}>
                SHA-256 {item.sha256}
              </Typography.Text>
              <Button
                size="small"
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('evidence.remove', { name: item.name })}
                onClick={() => onChange?.(value.filter((other) => other.sha256 !== item.sha256))}
              />
            </li>
          ))}
        </ul>
      )}
    </Space>
  );
}
