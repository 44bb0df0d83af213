import { Button, Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { TaskListItem } from '../../api/field-types';
import { LevelTag } from '../../components/case-tags';
import { Countdown } from '../../components/countdown';
import { useI18n } from '../../i18n/i18n';
import { rectificationOrders } from './rectification';

const OPEN = ['assigned', 'reported_in', 'accepted'];

/** One task in a unit's inbox: where, what, the next deadline, and the next step within a tap. */
export function TaskCard({ task, onReportIn, reporting }: { task: TaskListItem; onReportIn: (task: TaskListItem) => void; reporting: boolean }) {
  const { t, nameOf } = useI18n();
  const open = OPEN.includes(task.status);
  const checks = open ? rectificationOrders(task).filter((o) => o.checkedBy === null) : [];
  const title = `${nameOf(task.categoryName, task.category ?? '')} · ${nameOf(task.compoundName, task.compoundId ?? '')}`;
  return (
    <Card size="small" data-testid="task-card" data-task-id={task.taskId}>
      <Typography.Title level={2} style={{ fontSize: 16, margin: '0 0 8px' }}>
        {title}
      </Typography.Title>
      <Space wrap size={[4, 8]}>
        <LevelTag level={task.level} />
        <Tag>{t(`taskStatus.${task.status}`)}</Tag>
        {task.role !== 'summoned' && <Tag>{t(`task.role.${task.role}`)}</Tag>}
        {task.status === 'assigned' && task.reportInDueAt && <Countdown dueAt={task.reportInDueAt} overdue={task.overdue} label={t('task.reportInBy')} />}
        {open && task.dueAt && <Countdown dueAt={task.dueAt} overdue={task.overdue} label={t('task.dueBy')} />}
        {checks.map((o) => (
          <Countdown key={o.order.actionId} dueAt={o.deadline} label={t('rectification.checkBy')} />
        ))}
      </Space>
      <Space style={{ marginTop: 12, width: '100%' }} wrap>
        {task.status === 'assigned' && (
          <Button type="primary" loading={reporting} onClick={() => onReportIn(task)} data-testid="inbox-report-in">
            {t('task.reportIn')}
          </Button>
        )}
        <Link to={`/cases/${task.caseId}/tasks/${task.taskId}`} aria-label={`${t('inbox.work')} ${title}`} data-testid="inbox-open-task">
          {t('inbox.work')}
        </Link>
      </Space>
    </Card>
  );
}
