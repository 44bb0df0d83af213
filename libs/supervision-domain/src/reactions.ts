import type { Reaction } from '@whistle/kernel';
import { streams, taskIdFor, type AnyEvent } from '@whistle/contracts';
import type { EvaluationCommand, OpenEvaluation } from './evaluation/evaluation.decide';

export type SupervisionReaction = { readonly aggregate: 'evaluation' } & Reaction<EvaluationCommand>;

const evaluation = (command: OpenEvaluation): SupervisionReaction => ({ aggregate: 'evaluation', streamId: streams.evaluation(command.taskId), command });

/**
 * What supervision does when escalation's events arrive: a summoned unit's task that ended — with
 * an outcome, a decline, or a missed report-in — opens its two-way evaluation (双向交叉考核). The
 * rating station is the case's, which escalation records on these events; one recorded before it
 * did names no station and so opens nothing.
 */
export function supervisionReactions(event: AnyEvent, now: string): SupervisionReaction[] {
  switch (event.type) {
    case 'escalation.TaskProgressNoted.v1': {
      const { caseId, whistleId, taskId, unitId, step, result, stationId, at } = event.data;
      if (!stationId || (step !== 'outcome' && step !== 'declined')) return [];
      const ending = step === 'outcome' ? { ending: 'outcome' as const, result: result ?? 'unresolved' } : { ending: 'declined' as const };
      return [evaluation({ type: 'OpenEvaluation', taskId, caseId, whistleId, unitId, stationId, ...ending, endedAt: at, now })];
    }
    case 'escalation.ReportInMissed.v1': {
      const { caseId, whistleId, unitId, stationId, missedAt } = event.data;
      if (!stationId) return [];
      const taskId = taskIdFor(whistleId, unitId);
      return [evaluation({ type: 'OpenEvaluation', taskId, caseId, whistleId, unitId, stationId, ending: 'report_in_missed', endedAt: missedAt, now })];
    }
    default:
      return [];
  }
}
