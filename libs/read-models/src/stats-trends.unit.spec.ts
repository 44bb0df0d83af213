import { CASE_VIEWS, type CaseView } from './case-view/case-view';
import { InMemoryReadModelStore } from './memory/in-memory-read-model-store';
import { caseViewProjector } from './case-view/case-view.projector';
import { DocumentCache } from './document-cache';
import { busyTown } from './testing/busy-town.fixture';
import { FROM, TO, statsDataSet } from './testing/stats-data-set.fixture';
import { expectStatsAsComputeStats, expectTrendsAsComputeStats } from './testing/trends-check.fixture';
import { calendarBounds } from './stats-calendar';
import { casesBehind } from './stats-drill-down';
import { computeTrends } from './stats-trends';

async function storeOf(views: readonly CaseView[]): Promise<InMemoryReadModelStore> {
  const store = new InMemoryReadModelStore();
  for (const view of views) await store.collection<CaseView>(CASE_VIEWS).put(view);
  return store;
}

describe('the figures added up by the store (computeTrends) and the cases behind each (casesBehind)', () => {
  const views = statsDataSet();

  it('give what computeStats gives over the same cases, per group and per day', async () => {
    await expectTrendsAsComputeStats(await storeOf(views), views, FROM, TO);
  });

  it('give what computeStats gives over a busy town projected in batches', async () => {
    const store = new InMemoryReadModelStore();
    const events = busyTown(60);
    for (let i = 0; i < events.length; i += 100) await caseViewProjector.projectBatch(store, events.slice(i, i + 100), new DocumentCache());
    const { items } = await store.collection<CaseView>(CASE_VIEWS).find();
    await expectTrendsAsComputeStats(store, items, '2026-11-21T00:00:00+08:00', '2026-12-21T00:00:00+08:00');
    await expectStatsAsComputeStats(store, items, '2026-11-21T00:00:00+08:00', '2026-12-21T00:00:00+08:00');
  });

  it('give computeStats’ whole answer, averages and sources included, without reading a view (tallyStats)', async () => {
    await expectStatsAsComputeStats(await storeOf(views), views, FROM, TO);
  });

  it('count level raises by their cause, the period’s overall figures and the open level-4 cases', async () => {
    const trends = await computeTrends(await storeOf(views), { groupBy: 'station', bounds: [FROM, TO] });
    // s2: whistled at 3 above its category's 2 (the station's raise), then both units declined (raised to 4).
    expect(trends.overall.totals.raised).toEqual({ station: 1, office: 0, persuasion_failed: 0, all_declined: 1, joint_action_needed: 0, deadline_missed: 0 });
    expect(trends.overall.totals).toMatchObject({ cases: 4, declineEscalations: 1, overdue: { activitiesOverdue: 1, tablingsOverdue: 1 } });
    expect(trends.atLevel4).toEqual({ total: 1, byAdjudication: { awaiting_tabling: 1 } });
    const unitTrends = await computeTrends(await storeOf(views), { groupBy: 'unit', bounds: [FROM, TO] });
    expect(unitTrends.groups.every((g) => g.totals.raised === null && g.totals.overdue.activitiesOverdue === null)).toBe(true);
  });

  it('list the cases behind a figure, a page at a time, the newest first', async () => {
    const store = await storeOf(views);
    const ids = async (drill: Parameters<typeof casesBehind>[1], page = 1, pageSize = 10) => (await casesBehind(store, drill, page, pageSize)).items.map((v) => v.id);
    expect(await ids({ figure: 'raised', cause: 'all_declined', from: FROM, to: TO })).toEqual(['s2']);
    expect(await ids({ figure: 'reportInsMissed', groupBy: 'station', groupId: 'station-north', from: FROM, to: TO })).toEqual(['s1']);
    expect(await ids({ figure: 'activitiesOverdue', groupBy: 'community', groupId: 'community-qinghe', from: FROM, to: TO })).toEqual(['s3']);
    expect(await ids({ figure: 'satisfied', groupBy: 'station', from: FROM, to: TO })).toEqual(['s1']);
    expect(await ids({ figure: 'calledBack', from: FROM, to: TO })).toEqual(['s1']);
    expect(await ids({ figure: 'handled', from: FROM, to: TO })).toEqual(['m1', 's2', 's1']);
    expect(await ids({ figure: 'resolved', groupBy: 'unit', groupId: 'unit-chengguan', from: FROM, to: TO })).toEqual([]);
    expect(await ids({ figure: 'handled', groupBy: 'unit', groupId: 'unit-chengguan', from: FROM, to: TO })).toEqual(['m1']);
    expect(await ids({ figure: 'declineEscalations', groupBy: 'unit', groupId: 'unit-xiaofang', from: FROM, to: TO })).toEqual(['s2']);
    expect(await ids({ figure: 'atLevel4' })).toEqual(['s2']);
    expect(await ids({ figure: 'atLevel4', adjudication: 'tabled' })).toEqual([]);
    // s3 is at level 1, which gives no unit a task; m1 and s2 were reported at the same moment (ties by id).
    expect(await ids({ figure: 'cases', groupBy: 'unit', from: FROM, to: TO }, 1, 2)).toEqual(['m1', 's2']);
    expect(await casesBehind(store, { figure: 'cases', groupBy: 'unit', from: FROM, to: TO }, 2, 2)).toMatchObject({ items: [{ id: 's1' }], total: 3, page: 2, pageSize: 2 });
    await expect(casesBehind(store, { figure: 'raised', groupBy: 'unit' }, 1, 10)).rejects.toThrow(RangeError);
  });

  it('split the period at midnight where the period was written', async () => {
    const store = await storeOf(views);
    const bounds = calendarBounds('2026-11-21T00:00:00+08:00', '2026-12-01T00:00:00+08:00', 'day');
    const trends = await computeTrends(store, { groupBy: 'station', bounds });
    expect(trends.overall.series.map((day) => day.cases)).toEqual(trends.overall.series.map((_, i) => views.filter((v) => v.reportedAt !== null && v.reportedAt >= (bounds[i] as string) && v.reportedAt < (bounds[i + 1] as string)).length));
    expect(trends.overall.series.reduce((sum, day) => sum + day.cases, 0)).toBe(trends.overall.totals.cases);
  });
});
