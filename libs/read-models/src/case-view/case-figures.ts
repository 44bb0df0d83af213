import { LEVEL_CHANGE_TRIGGERS, taskIdFor, type LevelChangeTrigger } from '@whistle/contracts';
import type { CaseStatus, CaseView, TaskView } from './case-view';

/**
 * What a case adds to the office's figures (三率, overdue counts, escalations), kept on its view
 * so the store can add them up where the views are (`tally`) instead of a caller reading every
 * case. The same definitions as `computeStats`: a station's or community's figures add up the
 * `figures` of the cases reported in a period, a unit's the `unitFigures` rows of its tasks
 * assigned in it. Counts and 0/1 flags only, so that they tally on FerretDB too.
 */
export interface CountedFigures {
  /** 1 per case, but 0 for a duplicate or a merged case, which its primary counts (for a unit too: on the unit's first task of the case only) */
  readonly cases: number;
  readonly tasks: number;
  /** tasks whose report-in deadline was met or missed: the response rate's denominator */
  readonly responseDue: number;
  /** of those, reported in on time: its numerator */
  readonly respondedOnTime: number;
  /** the resolution rate's denominator: a case handled at all (not a duplicate, rejected or withdrawn); for a unit, a task with an outcome */
  readonly handled: number;
  /** its numerator: a case resolved or closed; for a unit, an outcome resolved or rectified */
  readonly resolved: number;
  /** callbacks that reached the reporter: the satisfaction rate's denominator (a unit's on its first task of the case) */
  readonly calledBack: number;
  /** of those, satisfied or basically satisfied */
  readonly satisfied: number;
  readonly reportInsMissed: number;
  /** tasks that went overdue */
  readonly tasksOverdue: number;
  /** level raises because every summoned unit declined (for a unit: raises its decline was part of) */
  readonly declineEscalations: number;
}

/**
 * The times behind `computeStats`' averages, as sums and counts that add up per group. Not for
 * the trends: FerretDB's tally groups by every summed value, and durations take many.
 */
export interface TimedFigures {
  /** tasks reported in (for a unit's row: 1 or 0) */
  readonly reportedIn: number;
  /** the milliseconds from each of those tasks' assignment to its report-in, added up */
  readonly reportInMs: number;
}

export interface CaseFigures extends CountedFigures, TimedFigures {
  /** 1 when the case was closed (and had been reported) */
  readonly closed: number;
  /** the milliseconds from its report to its closing, else 0 */
  readonly closeMs: number;
  readonly activitiesOverdue: number;
  readonly tablingsOverdue: number;
  /** level raises (升级) by what caused them */
  readonly raised: Readonly<Record<LevelChangeTrigger, number>>;
}

/** One task's row of a unit's figures; it repeats the case's report time, since a tallied row sees nothing else of its case. */
export interface UnitTaskFigures extends CountedFigures, TimedFigures {
  readonly unitId: string;
  readonly taskId: string;
  readonly assignedAt: string;
  readonly reportedAt: string | null;
}

/** The counted names, in one order for queries and answers. */
export const COUNTED_FIGURES = [
  'cases',
  'tasks',
  'responseDue',
  'respondedOnTime',
  'handled',
  'resolved',
  'calledBack',
  'satisfied',
  'reportInsMissed',
  'tasksOverdue',
  'declineEscalations',
] as const satisfies readonly (keyof CountedFigures)[];

export const TIMED_FIGURES = ['reportedIn', 'reportInMs'] as const satisfies readonly (keyof TimedFigures)[];

/**
 * The fields of a case view that a station's or community's figures add up, in the order the
 * trends read their sums: the counted ones, the two area-only overdue counts, the raises by cause.
 */
export const CASE_FIGURE_FIELDS: readonly string[] = [
  ...COUNTED_FIGURES.map((f) => `figures.${f}`),
  'figures.activitiesOverdue',
  'figures.tablingsOverdue',
  ...LEVEL_CHANGE_TRIGGERS.map((t) => `figures.raised.${t}`),
];

/** The fields of a task's row (`unitFigures`) that a unit's figures add up, in the order the trends read their sums. */
export const UNIT_FIGURE_FIELDS: readonly string[] = COUNTED_FIGURES.map((f) => `unitFigures.${f}`);

const NOT_HANDLED: readonly CaseStatus[] = ['duplicate', 'merged', 'rejected', 'withdrawn'];
/** A duplicate or merged case is the same problem as its primary, which counts it once (computeStats' COUNTED_ELSEWHERE). */
const COUNTED_ELSEWHERE: readonly CaseStatus[] = ['duplicate', 'merged'];

export function caseFiguresOf(view: CaseView): { figures: CaseFigures; unitFigures: UnitTaskFigures[] } {
  const callbacks = view.callbacks.filter((c) => c.result !== 'unreachable');
  const calledBack = callbacks.length;
  const satisfied = callbacks.filter((c) => c.result === 'satisfied' || c.result === 'basically_satisfied').length;
  const missed = (task: TaskView) => view.lapses.filter((l) => l.kind === 'report_in_missed' && taskIdFor(l.whistleId, l.unitId) === task.taskId).length;
  const settled = (task: TaskView) => task.reportInDueAt !== null && (task.reportedInAt !== null || missed(task) > 0);
  const raised = Object.fromEntries(LEVEL_CHANGE_TRIGGERS.map((trigger) => [trigger, 0])) as Record<LevelChangeTrigger, number>;
  for (const change of view.levelHistory) if (change.to > change.from) raised[change.trigger] += 1;
  const lapses = (kind: string) => view.lapses.filter((l) => l.kind === kind).length;
  const reportInMs = (task: TaskView) => (task.reportedInAt === null ? 0 : Date.parse(task.reportedInAt) - Date.parse(task.assignedAt));
  const closed = view.closedAt !== null && view.reportedAt !== null;
  const countedHere = !COUNTED_ELSEWHERE.includes(view.status);

  const figures: CaseFigures = {
    cases: countedHere ? 1 : 0,
    tasks: view.tasks.length,
    responseDue: view.tasks.filter(settled).length,
    respondedOnTime: view.tasks.filter((t) => settled(t) && t.onTime === true).length,
    handled: NOT_HANDLED.includes(view.status) ? 0 : 1,
    resolved: view.status === 'resolved' || view.status === 'closed' ? 1 : 0,
    calledBack,
    satisfied,
    reportInsMissed: lapses('report_in_missed'),
    tasksOverdue: view.tasks.filter((t) => t.overdueAt !== null).length,
    declineEscalations: view.levelHistory.filter((c) => c.trigger === 'all_declined').length,
    reportedIn: view.tasks.filter((t) => t.reportedInAt !== null).length,
    reportInMs: view.tasks.reduce((sum, t) => sum + reportInMs(t), 0),
    closed: closed ? 1 : 0,
    closeMs: closed ? Date.parse(view.closedAt as string) - Date.parse(view.reportedAt as string) : 0,
    activitiesOverdue: lapses('activity_overdue'),
    tablingsOverdue: lapses('tabling_overdue'),
    raised,
  };
  const seen = new Set<string>();
  const unitFigures = view.tasks.map((task): UnitTaskFigures => {
    const first = !seen.has(task.unitId);
    seen.add(task.unitId);
    const outcome = task.outcome?.result;
    return {
      unitId: task.unitId,
      taskId: task.taskId,
      assignedAt: task.assignedAt,
      reportedAt: view.reportedAt,
      cases: first && countedHere ? 1 : 0,
      tasks: 1,
      responseDue: settled(task) ? 1 : 0,
      respondedOnTime: settled(task) && task.onTime === true ? 1 : 0,
      handled: outcome === undefined ? 0 : 1,
      resolved: outcome === 'resolved' || outcome === 'rectified' ? 1 : 0,
      calledBack: first ? calledBack : 0,
      satisfied: first ? satisfied : 0,
      reportInsMissed: missed(task),
      tasksOverdue: task.overdueAt === null ? 0 : 1,
      declineEscalations: task.status === 'declined' && view.levelHistory.some((c) => c.trigger === 'all_declined' && c.whistleId === task.whistleId) ? 1 : 0,
      reportedIn: task.reportedInAt === null ? 0 : 1,
      reportInMs: reportInMs(task),
    };
  });
  return { figures, unitFigures };
}
