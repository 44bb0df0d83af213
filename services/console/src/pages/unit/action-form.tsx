import { Button, Card, DatePicker, Form, Input, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { ACTION_KINDS, type ActionKind } from '../../api/field-types';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody } from '../station/panel';
import { taskMoved, type TaskWorkProps } from './task-work';

interface ActionForm {
  kind: ActionKind;
  note: string;
  deadline?: Dayjs;
  legalBasis?: string;
  amount?: number;
}

const FIELDS = {
  kind: { name: 'kind', label: 'action.kind' },
  note: { name: 'note', label: 'action.note' },
  deadline: { name: 'deadline', label: 'action.deadline' },
  legalBasis: { name: 'legalBasis', label: 'action.legalBasis' },
  amount: { name: 'amount', label: 'action.amount' },
} as const;

/**
 * An on-site action: inspection 检查, persuasion 劝导, warning 警告, rectification order 限期整改
 * (with its deadline), penalty 处罚 (with its legal basis and amount), removal 拆除/清除.
 */
export function ActionFormCard({ task, settle }: TaskWorkProps) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const [form] = Form.useForm<ActionForm>();
  const command = useCommand(form, FIELDS, t);
  const kind = Form.useWatch('kind', form);

  const submit = async (values: ActionForm) => {
    const body = {
      kind: values.kind,
      note: values.note,
      ...(values.kind === 'rectification_order' && values.deadline ? { deadline: values.deadline.toISOString() } : {}),
      ...(values.kind === 'penalty' ? { legalBasis: values.legalBasis, amount: values.amount } : {}),
    };
    if (await command.run(() => api('POST', `/api/enforcement/tasks/${task.taskId}/actions`, { token, body }), t('action.done', { kind: t(`action.kind.${values.kind}`) }))) {
      form.resetFields();
      await settle(taskMoved(task));
    }
  };

  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('action.title')}</Typography.Title>}>
      <PanelBody error={command.error} testId="action-form">
        <Form name="action" form={form} layout="vertical" requiredMark={false} onFinish={submit}>
          <Form.Item name="kind" label={t('action.kind')} rules={[{ required: true, message: t('action.kindNeeded') }]}>
            <Select data-testid="action-kind" options={ACTION_KINDS.map((k) => ({ value: k, label: t(`action.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('action.note')} rules={[{ required: true, whitespace: true, message: t('action.noteNeeded') }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="action-note" />
          </Form.Item>
          {kind === 'rectification_order' && (
            <Form.Item
              name="deadline"
              label={t('action.deadline')}
              rules={[
                { required: true, message: t('action.deadlineNeeded') },
                { validator: (_, value?: Dayjs) => (!value || value.isAfter(dayjs()) ? Promise.resolve() : Promise.reject(new Error(t('action.deadlinePast')))) },
              ]}
            >
              <DatePicker
                showTime
                format="YYYY-MM-DD HH:mm:ss"
                style={{ width: '100%' }}
                data-testid="action-deadline"
                disabledDate={(day) => day.isBefore(dayjs(), 'day')}
                presets={[1, 3, 7].map((days) => ({ label: t('action.deadlineIn', { days }), value: dayjs().add(days, 'day') }))}
              />
            </Form.Item>
          )}
          {kind === 'penalty' && (
            <>
              <Form.Item name="legalBasis" label={t('action.legalBasis')} rules={[{ required: true, whitespace: true, message: t('action.legalBasisNeeded') }]}>
                <Input maxLength={500} placeholder={t('action.legalBasisPlaceholder')} data-testid="action-legal-basis" />
              </Form.Item>
              <Form.Item name="amount" label={t('action.amount')} rules={[{ required: true, message: t('action.amountNeeded') }]}>
                <InputNumber min={0.01} max={100_000_000} precision={2} style={{ width: '100%' }} data-testid="action-amount" />
              </Form.Item>
            </>
          )}
          <Button type="primary" htmlType="submit" block loading={command.busy} data-testid="action-submit">
            {t('action.submit')}
          </Button>
        </Form>
      </PanelBody>
    </Card>
  );
}
