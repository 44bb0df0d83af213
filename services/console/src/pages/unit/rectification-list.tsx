import { Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import { Countdown, useNow } from '../../components/countdown';
import { useCommand } from '../../components/use-command';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { PanelBody } from '../station/panel';
import { rectificationOrders, type RectificationOrder } from './rectification';
import { taskMoved, type TaskWorkProps } from './task-work';

/**
 * 限期整改 and their checks: each order counts down to its deadline; once it has passed, an
 * inspection (复查) checks it, and only then may the task close.
 */
export function RectificationList(props: TaskWorkProps) {
  const { t } = useI18n();
  const orders = rectificationOrders(props.task);
  if (orders.length === 0) return null;
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('rectification.title')}</Typography.Title>}>
      <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="rectification-orders">
        {orders.map((order) => (
          <OrderRow key={order.order.actionId} order={order} {...props} />
        ))}
      </Space>
    </Card>
  );
}

function OrderRow({ order, task, settle }: TaskWorkProps & { order: RectificationOrder }) {
  const { t, locale } = useI18n();
  const { token } = useSignedIn();
  const [form] = Form.useForm<{ note: string }>();
  const command = useCommand(form, { note: { name: 'note', label: 'rectification.note' } }, t);
  const now = useNow();
  const due = Date.parse(order.deadline) <= now;
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const open = task.status === 'accepted';

  const inspect = async (values: { note: string }) => {
    const body = { kind: 'inspection', note: values.note };
    if (await command.run(() => api('POST', `/api/enforcement/tasks/${task.taskId}/actions`, { token, body }), t('rectification.checked'))) {
      form.resetFields();
      await settle(taskMoved(task));
    }
  };

  return (
    <div data-testid="rectification-order" style={{ borderLeft: '3px solid #ad4e00', paddingLeft: 12 }}>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{order.order.note}</Typography.Paragraph>
      <Space wrap>
        <Typography.Text type="secondary">{t('rectification.deadline', { time: format.format(new Date(order.deadline)) })}</Typography.Text>
        {order.checkedBy ? (
          <Tag color="#237804">{t('rectification.checkedAt', { time: format.format(new Date(order.checkedBy.takenAt)) })}</Tag>
        ) : due ? (
          <Tag color="#a8071a">{t('rectification.awaitingCheck')}</Tag>
        ) : (
          <Countdown dueAt={order.deadline} label={t('rectification.checkBy')} />
        )}
      </Space>
      {order.checkedBy && <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{order.checkedBy.note}</Typography.Paragraph>}
      {open && !order.checkedBy && due && (
        <PanelBody error={command.error} testId="rectification-check">
          <Form name={`check-${order.order.actionId}`} form={form} layout="vertical" requiredMark={false} onFinish={inspect} style={{ marginTop: 8 }}>
            <Form.Item name="note" label={t('rectification.note')} rules={[{ required: true, whitespace: true, message: t('rectification.noteNeeded') }]}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="rectification-note" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={command.busy} data-testid="rectification-inspect">
              {t('rectification.inspect')}
            </Button>
          </Form>
        </PanelBody>
      )}
    </div>
  );
}
