import { Button, Form, Input, Radio } from 'antd';
import { api } from '../../api/client';
import { REJECTION_CODES, type RejectionCode } from '../../api/field-types';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody, type PanelProps } from './panel';

interface RejectForm {
  code: RejectionCode;
  reason: string;
}

const FIELDS = { code: { name: 'code', label: 'reject.code' }, reason: { name: 'reason', label: 'reject.reason' } } as const;

/** 退回: at triage the station turns a report away with a code and a reason; the reporter sees both. */
export function RejectPanel({ view, settle }: PanelProps) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const [form] = Form.useForm<RejectForm>();
  const command = useCommand(form, FIELDS, t);

  const submit = async (values: RejectForm) => {
    if (await command.run(() => api('POST', `/api/intake/cases/${view.id}/reject`, { token, body: values }), t('reject.done'))) {
      await settle((next) => next.status === 'rejected');
    }
  };

  return (
    <PanelBody error={command.error} testId="reject-panel">
      <Form name="reject" form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="code" label={t('reject.code')} rules={[{ required: true, message: t('reject.codeNeeded') }]}>
          <Radio.Group
            data-testid="reject-code"
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            options={REJECTION_CODES.map((code) => ({ value: code, label: t(`reject.code.${code}`) }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('reject.reason')} rules={[{ required: true, whitespace: true, message: t('reject.reasonNeeded') }]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="reject-reason" />
        </Form.Item>
        <Button htmlType="submit" loading={command.busy}>
          {t('reject.submit')}
        </Button>
      </Form>
    </PanelBody>
  );
}
