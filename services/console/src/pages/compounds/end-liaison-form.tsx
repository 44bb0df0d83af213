import { Button, Form, Input } from 'antd';
import { api } from '../../api/client';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody } from '../station/panel';

/** Ends a liaison's assignment with a reason; its ledger stays. */
export function EndLiaisonForm({ compoundId, liaisonId, onDone }: { compoundId: string; liaisonId: string; onDone: () => void }) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const [form] = Form.useForm<{ reason: string }>();
  const command = useCommand(form, { reason: { name: 'reason', label: 'liaison.endReason' } }, t);
  const submit = async (v: { reason: string }) => {
    if (await command.run(() => api('POST', `/api/supervision/compounds/${compoundId}/liaisons/${liaisonId}/end`, { token, body: v }), t('liaison.ended'))) onDone();
  };
  return (
    <PanelBody error={command.error} testId="end-liaison-form">
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item name="reason" label={t('liaison.endReason')} rules={[{ required: true, whitespace: true, message: t('ledger.needed') }]}>
          <Input.TextArea maxLength={1000} rows={2} data-testid="end-liaison-reason" />
        </Form.Item>
        <Button type="primary" danger htmlType="submit" loading={command.busy} data-testid="end-liaison-submit">
          {t('liaison.end')}
        </Button>
      </Form>
    </PanelBody>
  );
}
