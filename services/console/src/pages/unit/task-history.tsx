import { Card, Timeline, Typography } from 'antd';
import type { FieldTask } from '../../api/field-types';
import { useI18n } from '../../i18n/i18n';

/** What the unit has recorded on the task so far, oldest first. */
export function TaskHistory({ task }: { task: FieldTask }) {
  const { t, locale } = useI18n();
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const when = (at: string) => format.format(new Date(at));
  const entries = [
    { at: task.assignedAt, text: t('taskHistory.assigned') },
    ...(task.reportedInAt ? [{ at: task.reportedInAt, text: t(task.onTime === false ? 'taskHistory.reportedInLate' : 'taskHistory.reportedIn') }] : []),
    ...(task.acceptedAt ? [{ at: task.acceptedAt, text: t('taskHistory.accepted') }] : []),
    ...(task.decline ? [{ at: task.decline.at, text: t('taskHistory.declined', { reason: task.decline.reason }) }] : []),
    ...task.actions.map((a) => ({
      at: a.takenAt,
      text: [
        `${t(`action.kind.${a.kind}`)}：${a.note}`,
        a.deadline ? t('taskHistory.deadline', { time: when(a.deadline) }) : '',
        a.legalBasis ? t('taskHistory.penalty', { basis: a.legalBasis, amount: a.amount ?? 0 }) : '',
      ]
        .filter(Boolean)
        .join(' · '),
    })),
    ...(task.outcome ? [{ at: task.outcome.at, text: `${t('outcome.title')}：${t(`outcome.result.${task.outcome.result}`)} · ${task.outcome.note}` }] : []),
    ...(task.superseded ? [{ at: task.superseded.at, text: t('taskHistory.superseded', { reason: task.superseded.reason }) }] : []),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('taskHistory.title')}</Typography.Title>}>
      <Timeline data-testid="task-history" items={entries.map((entry) => ({ title: when(entry.at), content: entry.text }))} />
    </Card>
  );
}
