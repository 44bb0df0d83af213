import { LEVEL_CHANGE_TRIGGERS, type LevelChangeTrigger } from '@whistle/contracts';
import { CASE_VIEWS, OPEN_STATUSES, type CaseView } from './case-view/case-view';
import { COUNTED_FIGURES, CASE_FIGURE_FIELDS, UNIT_FIGURE_FIELDS, type CountedFigures } from './case-view/case-figures';
import type { ReadModelStore, TallyQuery, TallyRow, Where } from './read-model-store.port';
import { rate, type OverdueCounts, type Rate, type StatsGroupBy } from './stats';

/**
 * The office's figures added up by the store (`tally`) from what each case carries on its view
 * (case-figures.ts), per group and per calendar interval: a dashboard over 100,000 cases reads a
 * few hundred rows, never the cases. The definitions are those of `computeStats`.
 */
export interface FigureTotals {
  readonly cases: number;
  readonly tasks: number;
  readonly responseRate: Rate;
  readonly resolutionRate: Rate;
  readonly satisfactionRate: Rate;
  readonly overdue: OverdueCounts;
  readonly declineEscalations: number;
  /** level raises by cause; null for units */
  readonly raised: Readonly<Record<LevelChangeTrigger, number>> | null;
}

export interface FigureSeries {
  readonly totals: FigureTotals;
  /** one per interval of the bounds */
  readonly series: readonly FigureTotals[];
}

export interface TrendOptions {
  readonly groupBy: StatsGroupBy;
  /** ascending UTC instants; the intervals `[bounds[i], bounds[i + 1])` */
  readonly bounds: readonly string[];
}

export interface Trends {
  /** every case reported in the period, by the stations' and communities' definitions */
  readonly overall: FigureSeries;
  /** sorted by id; groups with nothing counted do not appear */
  readonly groups: readonly (FigureSeries & { readonly id: string })[];
  /** open cases at level 4 now, whatever the period, by their adjudication's status (`none`: not yet known to adjudication) */
  readonly atLevel4: { readonly total: number; readonly byAdjudication: Readonly<Record<string, number>> };
}

const AREA_SUMS = CASE_FIGURE_FIELDS;
const UNIT_SUMS = UNIT_FIGURE_FIELDS;

/** The tally behind a station's or community's figures (cases by report time), or a unit's (tasks by assignment time). */
export function trendQuery(groupBy: StatsGroupBy | null, bounds: readonly string[]): TallyQuery {
  if (groupBy === 'unit') {
    return { unwind: 'unitFigures', by: ['unitFigures.unitId'], sum: UNIT_SUMS, buckets: { field: 'unitFigures.assignedAt', bounds } };
  }
  return { by: groupBy === null ? [] : [groupBy === 'station' ? 'stationId' : 'communityId'], sum: AREA_SUMS, buckets: { field: 'reportedAt', bounds } };
}

export async function computeTrends(store: ReadModelStore, options: TrendOptions): Promise<Trends> {
  const views = store.collection<CaseView>(CASE_VIEWS);
  const intervals = options.bounds.length - 1;
  const unit = options.groupBy === 'unit';
  const groupRows = await views.tally(trendQuery(options.groupBy, options.bounds));
  // A station's or community's rows, those without one included, add up to the overall figures; a unit's do not.
  const overallRows = unit ? await views.tally(trendQuery(null, options.bounds)) : groupRows;
  const level4Rows = await views.tally({ where: { level: 4, status: { $in: [...OPEN_STATUSES] } }, by: ['adjudication.status'] });
  const byGroup = new Map<string, TallyRow[]>();
  for (const row of groupRows) {
    const id = row.key[0];
    if (typeof id !== 'string') continue;
    const rows = byGroup.get(id);
    if (rows) rows.push(row);
    else byGroup.set(id, [row]);
  }
  const byAdjudication: Record<string, number> = {};
  for (const row of level4Rows) {
    const status = String(row.key[0] ?? 'none');
    byAdjudication[status] = (byAdjudication[status] ?? 0) + row.count;
  }
  return {
    overall: seriesOf(overallRows, intervals, false),
    groups: [...byGroup.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, rows]) => ({ id, ...seriesOf(rows, intervals, unit) })),
    atLevel4: { total: level4Rows.reduce((sum, row) => sum + row.count, 0), byAdjudication },
  };
}

function seriesOf(rows: readonly TallyRow[], intervals: number, unit: boolean): FigureSeries {
  const series = Array.from({ length: intervals }, () => emptySums(unit));
  const totals = emptySums(unit);
  for (const row of rows) {
    const into = series[row.bucket ?? 0];
    row.sums.forEach((value, i) => {
      if (into) into[i] = (into[i] ?? 0) + value;
      totals[i] = (totals[i] ?? 0) + value;
    });
  }
  return { totals: totalsOf(totals, unit), series: series.map((sums) => totalsOf(sums, unit)) };
}

function emptySums(unit: boolean): number[] {
  return (unit ? UNIT_SUMS : AREA_SUMS).map(() => 0);
}

/** The sums, in the order of the tally's `sum`, as figures with their rates. */
function totalsOf(sums: readonly number[], unit: boolean): FigureTotals {
  const counted = Object.fromEntries(COUNTED_FIGURES.map((f, i) => [f, sums[i] ?? 0])) as Record<keyof CountedFigures, number>;
  const extra = (i: number) => sums[COUNTED_FIGURES.length + i] ?? 0;
  return {
    cases: counted.cases,
    tasks: counted.tasks,
    responseRate: rate(counted.respondedOnTime, counted.responseDue),
    resolutionRate: rate(counted.resolved, counted.handled),
    satisfactionRate: rate(counted.satisfied, counted.calledBack),
    overdue: {
      reportInsMissed: counted.reportInsMissed,
      tasksOverdue: counted.tasksOverdue,
      activitiesOverdue: unit ? null : extra(0),
      tablingsOverdue: unit ? null : extra(1),
    },
    declineEscalations: counted.declineEscalations,
    raised: unit ? null : (Object.fromEntries(LEVEL_CHANGE_TRIGGERS.map((t, i) => [t, extra(2 + i)])) as Record<LevelChangeTrigger, number>),
  };
}


/** `[from, to)` as a condition on UTC instants. */
export function periodCondition(from: string | undefined, to: string | undefined): Where[string] | undefined {
  if (from === undefined && to === undefined) return undefined;
  const utc = (instant: string) => new Date(instant).toISOString();
  if (to === undefined) return { $gte: utc(from as string) };
  return from === undefined ? { $lt: utc(to) } : { $gte: utc(from), $lt: utc(to) };
}
