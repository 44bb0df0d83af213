import { Button, Card, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import type { PanelProps } from '../station/panel';
import { actorLabel } from '../audit/audit-labels';
import { RevealReporterForm, useReporterContact } from './reporter-contact';

interface ErasureForm {
  reason: string;
}

const FIELDS = { reason: { name: 'reason', label: 'reporterData.reason' } } as const;
/** The API's bound on an erasure's reason. */
const REASON_MAX_LENGTH = 500;
/** antd's danger red fails WCAG AA contrast on white; the darker red the meeting page's close button uses keeps it. */
const DANGER_RED = '#a8071a';

/**
 * The reporter's personal data as the API shows it to the office (in full once a reason is given;
 * the administrator always masked), and its erasure (个人信息删除) with a reason, confirmed first: it cannot be undone.
 */
export function ReporterDataCard({ view, settle }: PanelProps) {
  const { t, nameOf, locale } = useI18n();
  const { token } = useSignedIn();
  const [form] = Form.useForm<ErasureForm>();
  const command = useCommand(form, FIELDS, t);
  const contact = useReporterContact(view.id, true, view.reporterErasure?.at ?? '');
  const erased = contact.data?.erased ?? view.reporterErasure;
  const reporter = contact.data?.reporter;
  const when = (at: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(at));
  const by = (actor: { id: string; role: string }) => actorLabel(t, actor, { unit: (id) => nameOf(view.unitNames[id], id), station: (id) => id });

  const submit = async (values: ErasureForm) => {
    if (await command.run(() => api('POST', `/api/intake/cases/${view.id}/reporter/erasure`, { token, body: values }), t('reporterData.done'))) {
      form.resetFields();
      await settle((next) => next.reporterErasure !== null);
    }
  };

  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('reporterData.title')}</Typography.Title>} data-testid="reporter-data">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {contact.error !== null && <ErrorAlert error={contact.error} onRetry={contact.reload} />}
        {command.error !== null && <ErrorAlert error={command.error} />}
        {erased ? (
          <Typography.Text type="secondary" data-testid="reporter-erased">
            {t('reporterData.erased', { at: when(erased.at), by: by(erased.by), reason: erased.reason })}
          </Typography.Text>
        ) : reporter ? (
          <span data-testid="reporter-details">
            {reporter.name} · {reporter.phone} {contact.data?.masked && <Tag>{t('reporterData.masked')}</Tag>}
          </span>
        ) : (
          '…'
        )}
        {contact.data?.fullRequiresReason && <RevealReporterForm onReveal={contact.reveal} busy={contact.loading} />}
        {!erased && (
          <Form name="erase-reporter-data" form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="reason" label={t('reporterData.reason')} extra={t('reporterData.reasonHint')} rules={[{ required: true, whitespace: true, message: t('reporterData.reasonNeeded') }]}>
              <Input.TextArea rows={2} maxLength={REASON_MAX_LENGTH} data-testid="erasure-reason" />
            </Form.Item>
            <Popconfirm title={t('reporterData.confirm')} okText={t('reporterData.confirmOk')} cancelText={t('reporterData.cancel')} okButtonProps={{ danger: true, style: { background: DANGER_RED, borderColor: DANGER_RED } }} onConfirm={() => form.submit()}>
              <Button danger style={{ color: DANGER_RED, borderColor: DANGER_RED }} loading={command.busy} data-testid="erase-reporter-data">
                {t('reporterData.erase')}
              </Button>
            </Popconfirm>
          </Form>
        )}
      </Space>
    </Card>
  );
}
