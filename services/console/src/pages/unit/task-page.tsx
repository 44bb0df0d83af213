import { Alert, Button, Space } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useCaseView } from '../../api/case-view';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { ActionFormCard } from './action-form';
import { JointEnforcementCard } from './joint-enforcement';
import { OutcomeFormCard } from './outcome-form';
import { RectificationList } from './rectification-list';
import { TaskHeader } from './task-header';
import { TaskHistory } from './task-history';
import { CaseEvaluations, taskEnded } from '../supervision/case-evaluations';
import { TaskResponse } from './task-response';

/**
 * A unit's work on one task, phone first: report in, accept or decline, act on site, check
 * rectifications, record the outcome; a joint-meeting resolution's task shows the resolution and its partners.
 */
export function TaskPage() {
  const { id = '', taskId = '' } = useParams();
  const { t } = useI18n();
  const view = useCaseView(id);
  const c = view.data;
  const task = c?.tasks.find((candidate) => candidate.taskId === taskId);
  if (!c || !task) {
    if (view.error) return <ErrorAlert error={view.error} onRetry={view.reload} />;
    return <Alert type="info" showIcon title={c ? t('task.notYet') : t('case.notYet')} action={c && <Button onClick={view.reload}>{t('common.refresh')}</Button>} />;
  }
  const work = { view: c, task, settle: view.settle };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 820 }}>
      <Space wrap>
        <Link to="/inbox">← {t('inbox.back')}</Link>
        <Link to={`/cases/${c.id}`}>{t('task.openCase')}</Link>
      </Space>
      {view.error !== null && <ErrorAlert error={view.error} onRetry={view.reload} />}
      <TaskHeader view={c} task={task} />
      {task.role !== 'summoned' && <JointEnforcementCard view={c} resolutionId={task.whistleId} task={task} />}
      {(task.status === 'assigned' || task.status === 'reported_in') && <TaskResponse {...work} />}
      {task.status === 'accepted' && <ActionFormCard {...work} />}
      <RectificationList {...work} />
      {task.status === 'accepted' && <OutcomeFormCard {...work} />}
      {task.status === 'superseded' && <Alert type="info" showIcon title={t('task.supersededNote', { reason: task.superseded?.reason ?? '' })} />}
      <CaseEvaluations caseId={c.id} taskId={task.taskId} ended={taskEnded(task) ? 1 : 0} />
      <TaskHistory task={task} />
    </Space>
  );
}
