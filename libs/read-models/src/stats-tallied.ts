import { CASE_VIEWS, type CaseView } from './case-view/case-view';
import { COUNTED_FIGURES, TIMED_FIGURES } from './case-view/case-figures';
import type { Condition, ReadModelCollection, ReadModelStore, Scalar, TallyRow } from './read-model-store.port';
import { rate, type GroupStats, type StatsOptions } from './stats';
import { periodCondition } from './stats-trends';

const AREA_SUMS = [...COUNTED_FIGURES, 'activitiesOverdue', 'tablingsOverdue', ...TIMED_FIGURES, 'closed', 'closeMs'] as const;
const UNIT_SUMS = ['responseDue', 'respondedOnTime', 'handled', 'resolved', 'reportInsMissed', 'tasksOverdue', 'declineEscalations', ...TIMED_FIGURES] as const;
const CASE_SUMS = ['calledBack', 'satisfied', 'closed', 'closeMs'] as const;

type Sums<F extends string> = Record<F, number>;

function sumsOf<F extends string>(names: readonly F[], row: TallyRow): Sums<F> {
  return Object.fromEntries(names.map((name, i) => [name, row.sums[i] ?? 0])) as Sums<F>;
}

function add<F extends string>(into: Sums<F>, more: Sums<F>): void {
  for (const name of Object.keys(more) as F[]) into[name] += more[name];
}

const zero = <F extends string>(names: readonly F[]) => Object.fromEntries(names.map((name) => [name, 0])) as Sums<F>;
const mean = (total: number, count: number) => (count === 0 ? null : Math.round(total / count));
const text = (value: Scalar | undefined): string | null => (typeof value === 'string' ? value : null);
const byId = <T extends { readonly id: string }>(a: T, b: T) => (a.id < b.id ? -1 : 1);

/**
 * `computeStats`' answer added up by the store (`tally`) from what each case carries on its view
 * (case-figures.ts), as the trends are, instead of reading every view: a group's figures are
 * sums, and the cases and tasks it names are read as ids alone.
 */
export async function tallyStats(store: ReadModelStore, options: StatsOptions): Promise<GroupStats[]> {
  const views = store.collection<CaseView>(CASE_VIEWS);
  // Without bounds every instant counts: a text range from '' holds them all and leaves out a missing one, as computeStats does.
  const period: Condition = periodCondition(options.from, options.to) ?? { $gte: '' };
  return options.groupBy === 'unit' ? unitStats(views, period) : areaStats(views, options.groupBy, period);
}

async function areaStats(views: ReadModelCollection<CaseView>, groupBy: 'station' | 'community', period: Condition): Promise<GroupStats[]> {
  const field = groupBy === 'station' ? 'stationId' : 'communityId';
  const [totals, cases, tasks] = await Promise.all([
    views.tally({ where: { reportedAt: period }, by: [field], sum: AREA_SUMS.map((f) => `figures.${f}`) }),
    views.tally({ where: { reportedAt: period }, by: [field, 'id'] }),
    views.tally({ unwind: 'unitFigures', rowWhere: { 'unitFigures.reportedAt': period }, by: ['id', 'unitFigures.taskId'] }),
  ]);
  const groupOf = new Map<string, string>();
  const caseIds = new Map<string, string[]>();
  for (const row of cases) {
    const [group, id] = [text(row.key[0]), text(row.key[1])];
    if (group === null || id === null) continue;
    groupOf.set(id, group);
    const ids = caseIds.get(group);
    if (ids) ids.push(id);
    else caseIds.set(group, [id]);
  }
  const taskIds = new Map<string, string[]>();
  for (const row of tasks) {
    const group = groupOf.get(text(row.key[0]) ?? '');
    const taskId = text(row.key[1]);
    if (group === undefined || taskId === null) continue;
    const ids = taskIds.get(group);
    if (ids) ids.push(taskId);
    else taskIds.set(group, [taskId]);
  }
  return totals
    .flatMap((row) => {
      const id = text(row.key[0]);
      if (id === null) return [];
      const f = sumsOf(AREA_SUMS, row);
      return [
        {
          groupBy,
          id,
          cases: f.cases,
          tasks: f.tasks,
          responseRate: rate(f.respondedOnTime, f.responseDue),
          resolutionRate: rate(f.resolved, f.handled),
          satisfactionRate: rate(f.satisfied, f.calledBack),
          overdue: { reportInsMissed: f.reportInsMissed, tasksOverdue: f.tasksOverdue, activitiesOverdue: f.activitiesOverdue, tablingsOverdue: f.tablingsOverdue },
          declineEscalations: f.declineEscalations,
          averageTimeToReportInMs: mean(f.reportInMs, f.reportedIn),
          averageTimeToCloseMs: mean(f.closeMs, f.closed),
          sources: { caseIds: (caseIds.get(id) ?? []).sort(), taskIds: (taskIds.get(id) ?? []).sort() },
        },
      ];
    })
    .sort(byId);
}

async function unitStats(views: ReadModelCollection<CaseView>, period: Condition): Promise<GroupStats[]> {
  // One row per task assigned in the period.
  const tasks = await views.tally({ unwind: 'unitFigures', rowWhere: { 'unitFigures.assignedAt': period }, by: ['unitFigures.unitId', 'unitFigures.taskId', 'id'], sum: UNIT_SUMS.map((f) => `unitFigures.${f}`) });
  if (tasks.length === 0) return [];
  // A unit's case-level figures count each of its cases once, whichever of its tasks fell in the period.
  const cases = await views.tally({ by: ['id'], sum: CASE_SUMS.map((f) => `figures.${f}`) });
  const caseFigures = new Map(cases.map((row) => [text(row.key[0]) ?? '', sumsOf(CASE_SUMS, row)]));
  const units = new Map<string, { sums: Sums<(typeof UNIT_SUMS)[number]>; taskIds: string[]; caseIds: Set<string> }>();
  for (const row of tasks) {
    const [unitId, taskId, caseId] = [text(row.key[0]), text(row.key[1]), text(row.key[2])];
    if (unitId === null || taskId === null || caseId === null) continue;
    let unit = units.get(unitId);
    if (!unit) {
      unit = { sums: zero(UNIT_SUMS), taskIds: [], caseIds: new Set() };
      units.set(unitId, unit);
    }
    add(unit.sums, sumsOf(UNIT_SUMS, row));
    for (let i = 0; i < row.count; i += 1) unit.taskIds.push(taskId);
    unit.caseIds.add(caseId);
  }
  return [...units.entries()]
    .map(([id, { sums: f, taskIds, caseIds }]): GroupStats => {
      const c = zero(CASE_SUMS);
      for (const caseId of caseIds) add(c, caseFigures.get(caseId) ?? zero(CASE_SUMS));
      return {
        groupBy: 'unit',
        id,
        cases: caseIds.size,
        tasks: taskIds.length,
        responseRate: rate(f.respondedOnTime, f.responseDue),
        resolutionRate: rate(f.resolved, f.handled),
        satisfactionRate: rate(c.satisfied, c.calledBack),
        overdue: { reportInsMissed: f.reportInsMissed, tasksOverdue: f.tasksOverdue, activitiesOverdue: null, tablingsOverdue: null },
        declineEscalations: f.declineEscalations,
        averageTimeToReportInMs: mean(f.reportInMs, f.reportedIn),
        averageTimeToCloseMs: mean(c.closeMs, c.closed),
        sources: { caseIds: [...caseIds].sort(), taskIds: taskIds.sort() },
      };
    })
    .sort(byId);
}
