import { taskIdFor } from '@whistle/contracts';
import type { CaseStatus, CaseView, TaskView } from './case-view/case-view';

/**
 * The office's "three rates" (response 响应率, resolution 解决率, satisfaction 满意率) with the
 * overdue counts, escalations caused by declines and average times, per unit, station or
 * community. Each group names the cases and tasks it counted, so every figure can be traced
 * back to the views, and from them to the events.
 */
export type StatsGroupBy = 'unit' | 'station' | 'community';

export interface StatsOptions {
  readonly groupBy: StatsGroupBy;
  /** inclusive */
  readonly from?: string;
  /** exclusive */
  readonly to?: string;
}

/** `value` is numerator / denominator, or null when nothing was there to count. */
export interface Rate {
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number;
}

export interface OverdueCounts {
  readonly reportInsMissed: number;
  readonly tasksOverdue: number;
  /** a station's and the office's duties, not a unit's: null for units */
  readonly activitiesOverdue: number | null;
  readonly tablingsOverdue: number | null;
}

export interface GroupStats {
  readonly groupBy: StatsGroupBy;
  readonly id: string;
  readonly cases: number;
  readonly tasks: number;
  /** tasks reported in on time / tasks whose report-in deadline was met or missed */
  readonly responseRate: Rate;
  /** units: outcomes resolved or rectified / outcomes; stations and communities: cases resolved or closed / cases handled */
  readonly resolutionRate: Rate;
  /** satisfied and basically satisfied / callbacks that reached the reporter */
  readonly satisfactionRate: Rate;
  readonly overdue: OverdueCounts;
  /** level raises because every summoned unit declined (for a unit: raises it declined in) */
  readonly declineEscalations: number;
  readonly averageTimeToReportInMs: number | null;
  readonly averageTimeToCloseMs: number | null;
  readonly sources: { readonly caseIds: readonly string[]; readonly taskIds: readonly string[] };
}

interface CaseTask {
  readonly view: CaseView;
  readonly task: TaskView;
}

/** Cases counted in a station's or community's resolution rate: those that were handled at all. */
const NOT_HANDLED: readonly CaseStatus[] = ['duplicate', 'merged', 'rejected', 'withdrawn'];
/** A duplicate or merged case is the same problem as its primary, which counts it once. */
const COUNTED_ELSEWHERE: readonly CaseStatus[] = ['duplicate', 'merged'];

/**
 * Units count the tasks assigned in [from, to); stations and communities the cases reported in
 * it. Groups with nothing counted do not appear; groups come sorted by id.
 */
export function computeStats(views: readonly CaseView[], options: StatsOptions): GroupStats[] {
  const from = options.from === undefined ? -Infinity : Date.parse(options.from);
  const to = options.to === undefined ? Infinity : Date.parse(options.to);
  const inPeriod = (instant: string | null) => instant !== null && Date.parse(instant) >= from && Date.parse(instant) < to;

  if (options.groupBy === 'unit') {
    const assigned = views.flatMap((view) => view.tasks.filter((task) => inPeriod(task.assignedAt)).map((task) => ({ view, task })));
    return grouped(assigned, (c) => c.task.unitId).map(([unitId, counted]) => unitStats(unitId, counted));
  }
  const { groupBy } = options;
  const reported = views.filter((view) => inPeriod(view.reportedAt));
  return grouped(reported, (v) => (groupBy === 'station' ? v.stationId : v.communityId)).map(([id, cases]) => areaStats(groupBy, id, cases));
}

function unitStats(unitId: string, counted: CaseTask[]): GroupStats {
  const tasks = counted.map((c) => c.task);
  const cases = distinct(counted.map((c) => c.view));
  const taskIds = new Set(tasks.map((t) => t.taskId));
  const outcomes = tasks.flatMap((t) => (t.outcome ? [t.outcome.result] : []));
  const declinedIntoRaise = counted.filter(
    ({ view, task }) => task.status === 'declined' && view.levelHistory.some((c) => c.trigger === 'all_declined' && c.whistleId === task.whistleId),
  );
  return {
    groupBy: 'unit',
    id: unitId,
    // a merged case's tasks stay the unit's work, but its problem is its primary's
    cases: cases.filter((v) => !COUNTED_ELSEWHERE.includes(v.status)).length,
    tasks: tasks.length,
    responseRate: responseRate(counted),
    resolutionRate: rate(outcomes.filter((r) => r === 'resolved' || r === 'rectified').length, outcomes.length),
    satisfactionRate: satisfactionRate(cases),
    overdue: {
      reportInsMissed: cases.flatMap((v) => v.lapses).filter((l) => l.kind === 'report_in_missed' && taskIds.has(taskIdFor(l.whistleId, l.unitId))).length,
      tasksOverdue: tasks.filter((t) => t.overdueAt !== null).length,
      activitiesOverdue: null,
      tablingsOverdue: null,
    },
    declineEscalations: declinedIntoRaise.length,
    averageTimeToReportInMs: averageTimeToReportIn(tasks),
    averageTimeToCloseMs: averageTimeToClose(cases),
    sources: sourcesOf(cases, tasks),
  };
}

function areaStats(groupBy: 'station' | 'community', id: string, cases: CaseView[]): GroupStats {
  const counted = cases.flatMap((view) => view.tasks.map((task) => ({ view, task })));
  const tasks = counted.map((c) => c.task);
  const handled = cases.filter((v) => !NOT_HANDLED.includes(v.status));
  const lapses = cases.flatMap((v) => v.lapses);
  return {
    groupBy,
    id,
    cases: cases.filter((v) => !COUNTED_ELSEWHERE.includes(v.status)).length,
    tasks: tasks.length,
    responseRate: responseRate(counted),
    resolutionRate: rate(handled.filter((v) => v.status === 'resolved' || v.status === 'closed').length, handled.length),
    satisfactionRate: satisfactionRate(cases),
    overdue: {
      reportInsMissed: lapses.filter((l) => l.kind === 'report_in_missed').length,
      tasksOverdue: tasks.filter((t) => t.overdueAt !== null).length,
      activitiesOverdue: lapses.filter((l) => l.kind === 'activity_overdue').length,
      tablingsOverdue: lapses.filter((l) => l.kind === 'tabling_overdue').length,
    },
    declineEscalations: cases.flatMap((v) => v.levelHistory).filter((c) => c.trigger === 'all_declined').length,
    averageTimeToReportInMs: averageTimeToReportIn(tasks),
    averageTimeToCloseMs: averageTimeToClose(cases),
    sources: sourcesOf(cases, tasks),
  };
}

/**
 * Only deadlines already met or missed count: a unit still inside its report-in window, or whose
 * task was superseded before the deadline, has not failed to respond.
 */
function responseRate(counted: readonly CaseTask[]): Rate {
  const settled = counted.filter(
    ({ view, task }) =>
      task.reportInDueAt !== null &&
      (task.reportedInAt !== null ||
        view.lapses.some((l) => l.kind === 'report_in_missed' && l.whistleId === task.whistleId && l.unitId === task.unitId)),
  );
  return rate(settled.filter(({ task }) => task.onTime === true).length, settled.length);
}

/** Every callback counts, so a dissatisfied one that reopened the case is not hidden by a later one. */
function satisfactionRate(cases: readonly CaseView[]): Rate {
  const reached = cases.flatMap((v) => v.callbacks).filter((c) => c.result !== 'unreachable');
  return rate(reached.filter((c) => c.result === 'satisfied' || c.result === 'basically_satisfied').length, reached.length);
}

function averageTimeToReportIn(tasks: readonly TaskView[]): number | null {
  return mean(tasks.flatMap((t) => (t.reportedInAt === null ? [] : [Date.parse(t.reportedInAt) - Date.parse(t.assignedAt)])));
}

function averageTimeToClose(cases: readonly CaseView[]): number | null {
  return mean(cases.flatMap((v) => (v.closedAt === null || v.reportedAt === null ? [] : [Date.parse(v.closedAt) - Date.parse(v.reportedAt)])));
}

function sourcesOf(cases: readonly CaseView[], tasks: readonly TaskView[]): GroupStats['sources'] {
  return { caseIds: cases.map((v) => v.id).sort(), taskIds: tasks.map((t) => t.taskId).sort() };
}

/** numerator / denominator, or null when there was nothing to count. */
export function rate(numerator: number, denominator: number): Rate {
  return { value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

/** Whole milliseconds. */
function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.round(values.reduce((sum, v) => sum + v, 0) / values.length);
}

function distinct(views: readonly CaseView[]): CaseView[] {
  return [...new Map(views.map((v) => [v.id, v])).values()];
}

/** Items by key, keys sorted; items without a key are left out. */
function grouped<T>(items: readonly T[], keyOf: (item: T) => string | null): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}
