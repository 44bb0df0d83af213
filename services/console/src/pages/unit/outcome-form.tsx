import { Button, Card, Form, Input, Select, Typography } from 'antd';
import { api } from '../../api/client';
import { OUTCOME_RESULTS, type OutcomeResult } from '../../api/field-types';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody } from '../station/panel';
import { taskMoved, type TaskWorkProps } from './task-work';

interface OutcomeForm {
  result: OutcomeResult;
  note: string;
}

const FIELDS = { result: { name: 'result', label: 'outcome.result' }, note: { name: 'note', label: 'outcome.note' } } as const;

/** 处置结果: the task's outcome; "persuasion failed" and "needs joint action" raise the case instead of closing it. */
export function OutcomeFormCard({ task, settle }: TaskWorkProps) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const [form] = Form.useForm<OutcomeForm>();
  const command = useCommand(form, FIELDS, t);
  const result = Form.useWatch('result', form);

  const submit = async (values: OutcomeForm) => {
    if (await command.run(() => api('POST', `/api/enforcement/tasks/${task.taskId}/outcome`, { token, body: values }), t('outcome.done'))) {
      await settle(taskMoved(task));
    }
  };

  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('outcome.title')}</Typography.Title>}>
      <PanelBody error={command.error} testId="outcome-form">
        <Form name="outcome" form={form} layout="vertical" requiredMark={false} onFinish={submit}>
          <Form.Item name="result" label={t('outcome.result')} rules={[{ required: true, message: t('outcome.resultNeeded') }]} extra={result ? t(`outcome.hint.${result}`) : undefined}>
            <Select data-testid="outcome-result" options={OUTCOME_RESULTS.map((r) => ({ value: r, label: t(`outcome.result.${r}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('outcome.note')} rules={[{ required: true, whitespace: true, message: t('outcome.noteNeeded') }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="outcome-note" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={command.busy} data-testid="outcome-submit">
            {t('outcome.submit')}
          </Button>
        </Form>
      </PanelBody>
    </Card>
  );
}
