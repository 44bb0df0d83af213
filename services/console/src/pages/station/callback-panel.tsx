import { Button, Descriptions, Form, Input, Radio, Typography } from 'antd';
import { api } from '../../api/client';
import { CALLBACK_RESULTS } from '../../api/field-types';
import type { CallbackResult } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody, type PanelProps } from './panel';
import { RoundOutcomes } from './round-outcomes';
import { RevealReporterForm, useReporterContact } from '../office/reporter-contact';

interface CallbackForm {
  result: CallbackResult;
  note?: string;
}

const FIELDS = { result: { name: 'result', label: 'callbackForm.result' }, note: { name: 'note', label: 'callbackForm.note' } } as const;

/** 回访: the station calls the reporter back (the number shown in full to the case's own station only, once it says why); any answer but "dissatisfied" closes the case. */
export function CallbackPanel({ view, settle }: PanelProps) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const [form] = Form.useForm<CallbackForm>();
  const command = useCommand(form, FIELDS, t);
  const contact = useReporterContact(view.id, view.hasReporter, '');
  const reporter = contact.data?.reporter;

  const submit = async (values: CallbackForm) => {
    const body = { result: values.result, ...(values.note ? { note: values.note } : {}) };
    if (await command.run(() => api('POST', `/api/intake/cases/${view.id}/callback`, { token, body }), t('callbackForm.done'))) {
      await settle((next) => next.status !== 'resolved');
    }
  };

  return (
    <PanelBody error={command.error} testId="callback-panel">
      {contact.error !== null && <ErrorAlert error={contact.error} onRetry={contact.reload} />}
      <RoundOutcomes view={view} />
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('callbackForm.reporter')}>
          {!view.hasReporter ? (
            <Typography.Text type="secondary">{t('callbackForm.noReporter')}</Typography.Text>
          ) : contact.data?.erased ? (
            <Typography.Text type="secondary">{t('callbackForm.erased')}</Typography.Text>
          ) : reporter ? (
            <span data-testid="reporter-contact">
              {reporter.name} · {contact.data?.masked ? reporter.phone : <a href={`tel:${reporter.phone.replace(/[^0-9+]/g, '')}`}>{reporter.phone}</a>}
            </span>
          ) : (
            '…'
          )}
        </Descriptions.Item>
      </Descriptions>
      {contact.data?.fullRequiresReason && <RevealReporterForm onReveal={contact.reveal} busy={contact.loading} />}
      <Form name="callback" form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="result" label={t('callbackForm.result')} rules={[{ required: true, message: t('callbackForm.resultNeeded') }]}>
          <Radio.Group data-testid="callback-result" options={CALLBACK_RESULTS.map((r) => ({ value: r, label: t(`callback.${r}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('callbackForm.note')} extra={t('callbackForm.dissatisfiedReopens')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={command.busy}>
          {t('callbackForm.submit')}
        </Button>
      </Form>
    </PanelBody>
  );
}
