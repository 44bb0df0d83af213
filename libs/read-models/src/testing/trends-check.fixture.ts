import type { CaseView } from '../case-view/case-view';
import type { ReadModelStore } from '../read-model-store.port';
import { computeStats, type StatsGroupBy, type StatsOptions } from '../stats';
import { tallyStats } from '../stats-tallied';
import { calendarBounds } from '../stats-calendar';
import { casesBehind } from '../stats-drill-down';
import { computeTrends, type FigureTotals } from '../stats-trends';

/** What both computations give: the figures without `computeStats`'s averages and sources, `computeTrends`' raises. */
function comparable(group: { id: string } & Pick<FigureTotals, 'cases' | 'tasks' | 'responseRate' | 'resolutionRate' | 'satisfactionRate' | 'overdue' | 'declineEscalations'>) {
  const { id, cases, tasks, responseRate, resolutionRate, satisfactionRate, overdue, declineEscalations } = group;
  return { id, cases, tasks, responseRate, resolutionRate, satisfactionRate, overdue, declineEscalations };
}

/**
 * The store's tallies against the reference computation over the same views: per group over the
 * whole period, per day, and the drill-down of every figure naming the cases `computeStats` names.
 */
export async function expectTrendsAsComputeStats(store: ReadModelStore, views: readonly CaseView[], from: string, to: string): Promise<void> {
  for (const groupBy of ['station', 'community', 'unit'] as StatsGroupBy[]) {
    const days = calendarBounds(from, to, 'day');
    const trends = await computeTrends(store, { groupBy, bounds: days });
    expect(trends.groups.map((g) => comparable({ id: g.id, ...g.totals }))).toEqual(computeStats(views, { groupBy, from, to }).map(comparable));
    for (let day = 0; day + 1 < days.length; day += 1) {
      const reference = computeStats(views, { groupBy, from: days[day] as string, to: days[day + 1] as string }).map(comparable);
      const tallied = trends.groups.map((g) => comparable({ id: g.id, ...(g.series[day] as FigureTotals) })).filter((g) => g.cases + g.tasks > 0);
      expect({ day, groups: tallied }).toEqual({ day, groups: reference });
    }
    for (const group of computeStats(views, { groupBy, from, to })) {
      const behind = await casesBehind(store, { figure: 'cases', groupBy, groupId: group.id, from, to }, 1, 100);
      expect(behind.items.map((v) => v.id).sort()).toEqual([...group.sources.caseIds]);
      expect(behind.total).toBe(group.sources.caseIds.length);
    }
  }
}

/**
 * `GET /api/query/stats` added up by the store (`tallyStats`) against the reference computation
 * over the same views, whole (averages and sources included), over the period, open at either
 * end, and unbounded.
 */
export async function expectStatsAsComputeStats(store: ReadModelStore, views: readonly CaseView[], from: string, to: string): Promise<void> {
  for (const groupBy of ['station', 'community', 'unit'] as StatsGroupBy[]) {
    for (const period of [{ from, to }, { from }, { to }, {}]) {
      const options: StatsOptions = { groupBy, ...period };
      expect({ options, groups: await tallyStats(store, options) }).toEqual({ options, groups: computeStats(views, options) });
    }
  }
}
