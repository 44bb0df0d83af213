import { Button, Form, Input, Space, Typography } from 'antd';
import type { AnyEntry, CatalogueListName } from '../../api/catalogue-admin-types';
import { useI18n } from '../../i18n/i18n';
import { useCatalogueChange, useNeeded } from './catalogue-change';
import { CatalogueChangeError } from './change-error';

interface RemovalProps {
  readonly list: CatalogueListName;
  readonly entry: AnyEntry;
  readonly revision: number;
  readonly reload: () => void;
  readonly onDone: () => void;
}

/** Takes an entry out of use, with the reason; the server refuses while open cases or other entries use it, and says which. */
export function RemovalForm({ list, entry, revision, reload, onDone }: RemovalProps) {
  const { t } = useI18n();
  const needed = useNeeded();
  const [form] = Form.useForm<{ reason: string }>();
  const change = useCatalogueChange(form, 'removal', revision, reload);
  const submit = async ({ reason }: { reason: string }) => {
    if (await change.send('POST', `/api/catalogue/${list}/${encodeURIComponent(entry.id)}/removal`, { reason }, t('catalogue.removed'))) onDone();
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="removal-form">
      <Typography.Paragraph type="secondary">{t('catalogue.remove.explain')}</Typography.Paragraph>
      <CatalogueChangeError error={change.error} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item name="reason" label={t('catalogue.field.reason')} rules={needed(t('catalogue.field.reason'))}>
          <Input.TextArea maxLength={1000} rows={2} data-testid="removal-reason" />
        </Form.Item>
        <Button type="primary" danger htmlType="submit" loading={change.busy} data-testid="removal-submit">
          {t('catalogue.submit.remove')}
        </Button>
      </Form>
    </Space>
  );
}
