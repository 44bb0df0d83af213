import { Form, Space, Typography } from 'antd';
import type { AnyEntry, CatalogueListName } from '../../api/catalogue-admin-types';
import { useI18n } from '../../i18n/i18n';
import { useCatalogueChange } from './catalogue-change';
import { CatalogueChangeError } from './change-error';
import { ReasonAndSubmit } from './reason-and-submit';

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
        <ReasonAndSubmit testId="removal" busy={change.busy} danger label={t('catalogue.submit.remove')} />
      </Form>
    </Space>
  );
}
