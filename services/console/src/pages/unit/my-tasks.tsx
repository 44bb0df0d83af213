import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import type { FieldCase } from '../../api/field-types';
import { useI18n } from '../../i18n/i18n';

/** On a case page, the signed-in unit's own open tasks, each a step away from its work page. */
export function MyTasks({ view, unitId }: { view: FieldCase; unitId: string | undefined }) {
  const { t } = useI18n();
  const open = view.tasks.filter((task) => task.unitId === unitId && (task.status === 'assigned' || task.status === 'reported_in' || task.status === 'accepted'));
  if (open.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('myTasks.title', { n: open.length })}
      action={
        <Link to={`/cases/${view.id}/tasks/${open[0]?.taskId ?? ''}`} data-testid="open-my-task">
          {t('myTasks.open')}
        </Link>
      }
    />
  );
}
