import { Card, Space, Typography } from 'antd';
import { untilReadSideShows } from '../../api/read-side';
import { useLoad } from '../../api/use-load';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { EvaluationCard, type Rater } from './evaluation-card';
import { readEvaluations } from './evaluation-request';

/** Whether a task has ended as supervision counts it (an outcome or a decline), and so has an evaluation open. */
export const taskEnded = (task: { readonly status: string }): boolean => task.status === 'done' || task.status === 'declined';

/**
 * The evaluations of a case's ended tasks (任务评价), on the case page: the case's station rates
 * each unit's response there (`taskId` narrows it to one task, as the unit's task page does, where
 * the unit rates the whistle). Nothing shows before a task has ended; `ended`: how many tasks have.
 */
export function CaseEvaluations({ caseId, taskId, ended }: { caseId: string; taskId?: string; ended: number }) {
  const { t } = useI18n();
  const { token, principal } = useSignedIn();
  // A task's evaluation opens a moment after it ended (supervision hears of it from escalation): looked for again for a while.
  const evaluations = useLoad(async (signal) => {
    const read = () => readEvaluations(token, taskId ? { taskId } : { caseId, pageSize: 50 }, signal);
    return (await untilReadSideShows(read, (page) => page.items.length >= ended)) ?? read();
  }, `${token}|${caseId}|${taskId ?? ''}|${ended}`);
  const items = evaluations.data?.items ?? [];
  if (evaluations.error === null && items.length === 0) return null;
  const raterOf = (stationId: string, unitId: string): Rater =>
    principal.role === 'station' && principal.stationId === stationId ? 'station' : principal.role === 'unit' && principal.unitId === unitId ? 'unit' : null;
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('evaluation.title')}</Typography.Title>} data-testid="case-evaluations">
      {evaluations.error !== null && <ErrorAlert error={evaluations.error} onRetry={evaluations.reload} />}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {items.map((evaluation) => (
          <EvaluationCard key={evaluation.taskId} evaluation={evaluation} rater={raterOf(evaluation.stationId, evaluation.unitId)} onRated={evaluations.reload} />
        ))}
      </Space>
    </Card>
  );
}
