import { Button, Card, Form, Input, Space, Switch, Typography } from 'antd';
import { api } from '../../api/client';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody } from '../station/panel';
import { taskMoved, type TaskWorkProps } from './task-work';

interface DeclineForm {
  reason: string;
  notOurResponsibility: boolean;
}

const FIELDS = { reason: { name: 'reason', label: 'task.decline.reason' } } as const;

/** 报到, then accept or decline with a reason: the first steps of a summoned unit, big enough to tap on site. */
export function TaskResponse({ task, settle }: TaskWorkProps) {
  const { t } = useI18n();
  const { token } = useSignedIn();
  const [form] = Form.useForm<DeclineForm>();
  const command = useCommand(form, FIELDS, t);
  const post = (step: string, body?: unknown) => api('POST', `/api/enforcement/tasks/${task.taskId}/${step}`, { token, ...(body === undefined ? {} : { body }) });
  const act = async (step: string, success: string, body?: unknown) => {
    if (await command.run(() => post(step, body), success)) await settle(taskMoved(task));
  };

  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('task.response.title')}</Typography.Title>}>
      <PanelBody error={command.error} testId="task-response">
        {task.status === 'assigned' && (
          <Button type="primary" size="large" block loading={command.busy} onClick={() => act('report-in', t('task.reportIn.done'))} data-testid="report-in">
            {t('task.reportIn')}
          </Button>
        )}
        {task.status === 'reported_in' && (
          <Space orientation="vertical" style={{ width: '100%' }} size="large">
            <Button type="primary" size="large" block loading={command.busy} onClick={() => act('accept', t('task.accept.done'))} data-testid="accept">
              {t('task.accept')}
            </Button>
            {task.role === 'summoned' && (
              <Form
                name="decline"
                form={form}
                layout="vertical"
                requiredMark={false}
                initialValues={{ notOurResponsibility: false }}
                onFinish={(values) => act('decline', t('task.decline.done'), { reason: values.reason, notOurResponsibility: values.notOurResponsibility })}
              >
                <Form.Item name="reason" label={t('task.decline.reason')} rules={[{ required: true, whitespace: true, message: t('task.decline.reasonNeeded') }]}>
                  <Input.TextArea rows={2} maxLength={1000} data-testid="decline-reason" />
                </Form.Item>
                <Form.Item name="notOurResponsibility" label={t('task.decline.notOurs')} valuePropName="checked" extra={t('task.decline.notOursHint')}>
                  <Switch />
                </Form.Item>
                <Button block htmlType="submit" loading={command.busy} data-testid="decline">
                  {t('task.decline')}
                </Button>
              </Form>
            )}
          </Space>
        )}
      </PanelBody>
    </Card>
  );
}
