import { Descriptions, Typography } from 'antd';
import type { FieldCase } from '../../api/field-types';
import { useI18n } from '../../i18n/i18n';

/**
 * The outcomes of the case's last round of tasks (its latest whistle, or the resolution of a joint
 * meeting): what the station tells the reporter when it calls back.
 */
export function RoundOutcomes({ view }: { view: FieldCase }) {
  const { t, nameOf } = useI18n();
  const last = [...view.tasks].sort((a, b) => a.assignedAt.localeCompare(b.assignedAt)).at(-1);
  const done = last ? view.tasks.filter((task) => task.whistleId === last.whistleId && task.outcome !== null) : [];
  if (done.length === 0) return null;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      data-testid="callback-outcomes"
      title={<Typography.Title level={3} style={{ fontSize: 14, margin: 0 }}>{t('callbackOutcomes.title')}</Typography.Title>}
      extra={<Typography.Text type="secondary">{t('callbackOutcomes.hint')}</Typography.Text>}
    >
      {done.map((task) => (
        <Descriptions.Item key={task.taskId} label={nameOf(view.unitNames[task.unitId], task.unitId)}>
          {task.outcome && t('joint.outcome', { result: t(`outcome.result.${task.outcome.result}`), note: task.outcome.note })}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
