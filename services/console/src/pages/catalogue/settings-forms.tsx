import { Flex, Form, Input, InputNumber, Space, Typography } from 'antd';
import type { CatalogueDeadlines, CataloguePolicies } from '../../api/catalogue-admin-types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages.zh-CN';
import { useCatalogueChange, useNeeded } from './catalogue-change';
import { CatalogueChangeError } from './change-error';
import { ReasonAndSubmit } from './reason-and-submit';

interface SettingsProps<T> {
  readonly current: T;
  readonly revision: number;
  readonly reload: () => void;
}

const DEADLINE_FIELDS: readonly (readonly [(string | number)[], MessageKey])[] = [
  [['reportIn', '2'], 'deadline.reportIn.2'],
  [['reportIn', '3'], 'deadline.reportIn.3'],
  [['grace', '2'], 'deadline.grace.2'],
  [['grace', '3'], 'deadline.grace.3'],
  [['activity'], 'deadline.activity'],
  [['tabling'], 'deadline.tabling'],
  [['resolutionTasks'], 'deadline.resolutionTasks'],
  [['reopenWindow'], 'deadline.reopenWindow'],
  [['duplicateWindow'], 'deadline.duplicateWindow'],
];

/** The catalogue's deadlines, all of them as they are to stand, with the reason. */
export function DeadlinesForm({ current, revision, reload }: SettingsProps<CatalogueDeadlines>) {
  const { t } = useI18n();
  const needed = useNeeded();
  const [form] = Form.useForm<CatalogueDeadlines & { reason: string }>();
  const change = useCatalogueChange(form, 'deadlines', revision, reload);
  const submit = async ({ reason, ...deadlines }: CatalogueDeadlines & { reason: string }) => {
    if (await change.send('PUT', '/api/catalogue/deadlines', { deadlines: { ...current, ...deadlines }, reason }, t('catalogue.saved'))) {
      form.resetFields(['reason']);
      reload();
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 760 }} data-testid="deadlines-form">
      <Typography.Paragraph type="secondary">{t('catalogue.field.duration.help')}</Typography.Paragraph>
      <CatalogueChangeError error={change.error} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={current}>
        <Flex gap={12} wrap>
          {DEADLINE_FIELDS.map(([name, label]) => (
            <Form.Item key={name.join('.')} name={name} label={t(label)} rules={needed(t(label))} style={{ flex: '1 1 200px' }}>
              <Input data-testid={`deadline-${name.join('-')}`} />
            </Form.Item>
          ))}
        </Flex>
        <ReasonAndSubmit testId="deadlines" busy={change.busy} />
      </Form>
    </Space>
  );
}

/** The joint meeting's policy: the quorum share and the deferrals allowed, with the reason. */
export function PoliciesForm({ current, revision, reload }: SettingsProps<CataloguePolicies>) {
  const { t } = useI18n();
  const [form] = Form.useForm<CataloguePolicies & { reason: string }>();
  const change = useCatalogueChange(form, 'policies', revision, reload);
  const submit = async ({ reason, ...policies }: CataloguePolicies & { reason: string }) => {
    if (await change.send('PUT', '/api/catalogue/policies', { policies: { ...current, ...policies }, reason }, t('catalogue.saved'))) {
      form.resetFields(['reason']);
      reload();
    }
  };
  const required = (label: MessageKey) => [{ required: true, message: t('catalogue.field.needed', { what: t(label) }) }];
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 520 }} data-testid="policies-form">
      <CatalogueChangeError error={change.error} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={current}>
        <Form.Item name="quorumShare" label={t('policy.quorumShare')} extra={t('policy.quorumShare.help')} rules={required('policy.quorumShare')}>
          <InputNumber min={0} max={1} step={0.05} style={{ width: 160 }} data-testid="policy-quorum" />
        </Form.Item>
        <Form.Item name="maxDeferrals" label={t('policy.maxDeferrals')} extra={t('policy.maxDeferrals.help')} rules={required('policy.maxDeferrals')}>
          <InputNumber min={0} precision={0} style={{ width: 160 }} data-testid="policy-deferrals" />
        </Form.Item>
        <ReasonAndSubmit testId="policies" busy={change.busy} />
      </Form>
    </Space>
  );
}
