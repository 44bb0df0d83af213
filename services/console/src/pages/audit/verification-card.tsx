import { useState } from 'react';
import { Alert, Button, Card, List, Space, Table, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { CaseVerification, StreamCheck } from '../../api/audit-types';
import { ErrorAlert } from '../../components/error-alert';
import { isMessageKey, useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';

/** 完整性校验: the case's streams recomputed and held against the audit's ledger, each stream's result in a row. */
export function VerificationCard({ caseId }: { caseId: string }) {
  const { t, locale } = useI18n();
  const { token, principal } = useSignedIn();
  const [report, setReport] = useState<CaseVerification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setReport(await api<CaseVerification>('POST', '/api/audit/verify', { token, body: { caseId } }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const kind = (k: string) => (isMessageKey(`audit.verify.kind.${k}`) ? t(`audit.verify.kind.${k}` as 'audit.verify.kind.hash_mismatch') : k);
  const short = (hash: string) => `${hash.slice(0, 12)}…`;
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('audit.verify.title')}
        </Typography.Title>
      }
      extra={
        principal.role === 'auditor' && (
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={busy} onClick={verify} data-testid="verify">
            {t('audit.verify.run')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('audit.verify.explain')}
        </Typography.Paragraph>
        {error !== null && <ErrorAlert error={error} onRetry={verify} />}
        {report && (
          <>
            <Alert
              type={report.ok ? 'success' : 'error'}
              showIcon
              data-testid="verify-result"
              title={report.ok ? t('audit.verify.ok', { streams: report.checkedStreams, events: report.checkedEvents }) : t('audit.verify.broken', { n: report.breaks.length })}
              description={t('audit.verify.at', { time: new Date(report.verifiedAt).toLocaleString(locale) })}
            />
            <Table<StreamCheck>
              data-testid="verify-streams"
              rowKey="streamId"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={[...report.streams]}
              columns={[
                { title: t('audit.verify.col.stream'), dataIndex: 'streamId', render: (id: string) => <Typography.Text code>{id}</Typography.Text> },
                { title: t('audit.verify.col.service'), key: 'service', render: (_, s) => (s.service ? t(`service.${s.service}`) : t('audit.verify.noStore')) },
                { title: t('audit.verify.col.events'), dataIndex: 'events' },
                { title: t('audit.verify.col.last'), key: 'last', render: (_, s) => (s.last ? `${t('audit.verify.revision', { n: s.last.revision })} · ${short(s.last.hash)}` : '—') },
                { title: t('audit.verify.col.ledger'), key: 'ledger', render: (_, s) => (s.ledgerHead ? `${t('audit.verify.revision', { n: s.ledgerHead.revision })} · ${short(s.ledgerHead.hash)}` : '—') },
                {
                  title: t('audit.verify.col.result'),
                  key: 'ok',
                  render: (_, s) => (s.ok ? <Tag color="#237804">{t('audit.verify.streamOk')}</Tag> : <Tag color="#a8071a">{t('audit.verify.streamBroken', { n: s.breaks })}</Tag>),
                },
              ]}
            />
            {report.breaks.length > 0 && (
              <List
                header={<Typography.Text strong>{t('audit.verify.breaks')}</Typography.Text>}
                bordered
                size="small"
                dataSource={[...report.breaks]}
                renderItem={(b) => (
                  <List.Item>
                    <Typography.Text strong>{kind(b.kind)}</Typography.Text> · <Typography.Text code>{b.streamId}</Typography.Text> {t('audit.verify.revision', { n: b.revision })}
                    <br />
                    <Typography.Text type="secondary">{b.message}</Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
