import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { FieldCase, FieldTask } from '../../api/field-types';
import { LevelTag } from '../../components/case-tags';
import { Countdown } from '../../components/countdown';
import { useI18n } from '../../i18n/i18n';
import { rectificationOrders } from './rectification';

/** What a unit needs on site: where, what, which level, and what is due by when. */
export function TaskHeader({ view, task }: { view: FieldCase; task: FieldTask }) {
  const { t, nameOf } = useI18n();
  const open = task.status === 'assigned' || task.status === 'reported_in' || task.status === 'accepted';
  const pendingChecks = open ? rectificationOrders(task).filter((o) => o.checkedBy === null) : [];
  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0, whiteSpace: 'normal' }}>
          {t('task.title')} · {nameOf(view.categoryName, view.category)}
        </Typography.Title>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <LevelTag level={task.level} />
        <span data-testid="task-status">
          <Tag>{t(`taskStatus.${task.status}`)}</Tag>
        </span>
        {task.role !== 'summoned' && <Tag>{t(`task.role.${task.role}`)}</Tag>}
        {task.status === 'assigned' && task.reportInDueAt && <Countdown dueAt={task.reportInDueAt} overdue={task.overdue} label={t('task.reportInBy')} />}
        {open && task.dueAt && <Countdown dueAt={task.dueAt} overdue={task.overdue} label={t('task.dueBy')} />}
        {pendingChecks.map((o) => (
          <Countdown key={o.order.actionId} dueAt={o.deadline} label={t('rectification.checkBy')} />
        ))}
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('case.compound')}>{nameOf(view.compoundName, view.compoundId)}</Descriptions.Item>
        <Descriptions.Item label={t('case.location')}>{view.location ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('case.description')} span={2}>
          <span data-testid="task-description">{view.description}</span>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
