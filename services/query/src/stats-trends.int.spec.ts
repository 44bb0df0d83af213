import { randomUUID } from 'node:crypto';
import { ManualClock } from '@whistle/kernel';
import type { Principal } from '@whistle/auth';
import { CatalogueIndex, loadCatalogue } from '@whistle/catalogue';
import { InMemoryReadModelStore, MongoReadModelStore, type ReadModelStore } from '@whistle/read-models';
import { requireInfra } from '@whistle/testing';
import { queryProjection } from './query.projection';
import { startQueryApp, type QueryApp } from './testing/query-app.fixture';
import { queryScenario } from './testing/query-scenario.fixture';

jest.setTimeout(120_000);

const OFFICE: Principal = { sub: 'office-1', role: 'office' };
const AUDITOR: Principal = { sub: 'auditor-1', role: 'auditor' };
const NORTH: Principal = { sub: 'north-1', role: 'station', stationId: 'station-north' };
const GONGAN: Principal = { sub: 'gongan-1', role: 'unit', unitId: 'unit-gongan' };
const BRANCH: Principal = { sub: 'branch-1', role: 'reporter', compoundId: 'compound-xinghua-1' };

interface TrendGroup {
  readonly id: string;
  readonly name: unknown;
  readonly totals: Record<string, unknown> & { readonly cases: number };
  readonly series: readonly { readonly cases: number }[];
}

// Two days of Beijing time around the scenario's cases (2026-11-21, from 16:00 to 19:30 there).
const PERIOD = 'from=2026-11-21T00:00:00%2B08:00&to=2026-11-23T00:00:00%2B08:00';

/** The same routes on the embedded mode's store and on the distributed mode's (FerretDB). */
const STORES: [string, () => Promise<ReadModelStore & { close?: () => Promise<void> }>][] = [
  ['in memory (embedded)', async () => new InMemoryReadModelStore()],
  [
    'on FerretDB (distributed)',
    async () => {
      const store = await MongoReadModelStore.connect(requireInfra().mongoUrl(`stats-trends-${randomUUID().slice(0, 8)}`));
      await store.ensureIndexes();
      return store;
    },
  ],
];

describe.each(STORES)('the dashboard’s figures over HTTP, read models %s', (_mode, open) => {
  let app: QueryApp;
  let store: ReadModelStore & { close?: () => Promise<void> };

  beforeAll(async () => {
    const town = await queryScenario();
    store = await open();
    const project = queryProjection({ readModels: store });
    for (const event of town.recorded) await project(event);
    app = await startQueryApp({ readModels: store, catalogue: new CatalogueIndex(loadCatalogue()), stores: Object.values(town.stores), clock: new ManualClock('2026-11-22T00:00:00.000Z') });
  }, 20 * 60_000);
  afterAll(async () => {
    await app?.close();
    await store?.close?.();
  });

  describe('GET /api/query/stats/trends', () => {
    it('gives each group its name and figures, the same as /api/query/stats over the same period, and per day', async () => {
      for (const groupBy of ['station', 'community', 'unit']) {
        const trends = await app.get(`/api/query/stats/trends?groupBy=${groupBy}&${PERIOD}`, OFFICE);
        expect(trends.status).toBe(200);
        const reference = await app.get(`/api/query/stats?groupBy=${groupBy}&${PERIOD}`, OFFICE);
        const figures = ({ id, name, cases, tasks, responseRate, resolutionRate, satisfactionRate, overdue, declineEscalations }: Record<string, unknown>) => ({ id, name, cases, tasks, responseRate, resolutionRate, satisfactionRate, overdue, declineEscalations });
        const groups = trends.body.groups as TrendGroup[];
        expect(groups.map((g) => figures({ id: g.id, name: g.name, ...g.totals }))).toEqual(reference.body.groups.map(figures));
        expect(groups.every((g) => g.series.length === 2 && (g.series[0]?.cases ?? 0) + (g.series[1]?.cases ?? 0) === g.totals.cases)).toBe(true);
      }
    });

    it('cuts the period at midnight where it was written, tells the bucket it chose, and counts the open level-4 cases', async () => {
      const { body } = await app.get(`/api/query/stats/trends?groupBy=station&${PERIOD}`, AUDITOR);
      expect(body).toMatchObject({
        groupBy: 'station',
        from: '2026-11-21T00:00:00+08:00',
        to: '2026-11-23T00:00:00+08:00',
        bucket: 'day',
        asOf: '2026-11-22T00:00:00.000Z',
        intervals: [
          { from: '2026-11-20T16:00:00.000Z', to: '2026-11-21T16:00:00.000Z' },
          { from: '2026-11-21T16:00:00.000Z', to: '2026-11-22T16:00:00.000Z' },
        ],
        overall: { totals: { cases: 4, resolutionRate: { numerator: 1, denominator: 4 }, overdue: { reportInsMissed: 1 } } },
        // c4 went to the joint meeting m1, which resolved it: joint enforcement at level 4.
        atLevel4: { total: 1, byAdjudication: { resolved: 1 } },
      });
      expect(body.overall.totals.raised).toEqual({ station: 0, office: 0, persuasion_failed: 0, all_declined: 0, joint_action_needed: 0, deadline_missed: 0 });
      expect((body.groups as TrendGroup[]).find((g) => g.id === 'station-north')).toMatchObject({ name: { zh: '杏花综合执法进小区工作站' }, totals: { cases: 2 } });
      // Monday 2026-11-23 begins a week in Beijing.
      const weekly = await app.get('/api/query/stats/trends?groupBy=unit&from=2026-11-21T00:00:00%2B08:00&to=2026-11-25T00:00:00%2B08:00&bucket=week', OFFICE);
      expect(weekly.body).toMatchObject({
        bucket: 'week',
        intervals: [
          { from: '2026-11-20T16:00:00.000Z', to: '2026-11-22T16:00:00.000Z' },
          { from: '2026-11-22T16:00:00.000Z', to: '2026-11-24T16:00:00.000Z' },
        ],
      });
    });

    it('names every missing parameter at once', async () => {
      const { status, body } = await app.get('/api/query/stats/trends', OFFICE);
      expect(status).toBe(400);
      expect(body.details.map((d: { field: string }) => d.field)).toEqual(['groupBy', 'from', 'to']);
    });

    it.each([
      ['?groupBy=station&to=2026-11-23T00:00:00Z', 'from'],
      ['?groupBy=station&from=2026-11-21T00:00:00Z', 'to'],
      ['?groupBy=compound&from=2026-11-21T00:00:00Z&to=2026-11-23T00:00:00Z', 'groupBy'],
      ['?groupBy=unit&from=2026-11-23T00:00:00Z&to=2026-11-21T00:00:00Z', 'to'],
      ['?groupBy=unit&from=2026-11-21T00:00:00Z&to=2026-11-23T00:00:00Z&bucket=hour', 'bucket'],
      ['?groupBy=unit&from=2000-01-01T00:00:00Z&to=2026-11-23T00:00:00Z&bucket=day', 'bucket'],
    ])('refuses %s with a 400 naming %s', async (query, field) => {
      const { status, body } = await app.get(`/api/query/stats/trends${query}`, OFFICE);
      expect(status).toBe(400);
      expect(body.details).toEqual([expect.objectContaining({ field })]);
    });

    it('is for the office and the auditors only', async () => {
      for (const caller of [NORTH, GONGAN, BRANCH]) expect((await app.get(`/api/query/stats/trends?groupBy=unit&${PERIOD}`, caller)).status).toBe(403);
      expect((await app.get(`/api/query/stats/trends?groupBy=unit&${PERIOD}`)).status).toBe(401);
    });
  });

  describe('GET /api/query/stats/cases', () => {
    const ids = async (query: string) => {
      const { status, body } = await app.get(`/api/query/stats/cases?${query}`, OFFICE);
      expect(status).toBe(200);
      return body.items.map((item: { id: string }) => item.id);
    };

    it('lists the cases a group counted, as /api/query/stats names them, each a summary with the names', async () => {
      const reference = await app.get(`/api/query/stats?groupBy=station&${PERIOD}`, OFFICE);
      for (const group of reference.body.groups) expect((await ids(`figure=cases&groupBy=station&groupId=${group.id}&${PERIOD}`)).sort()).toEqual(group.sources.caseIds);
      const { body } = await app.get(`/api/query/stats/cases?figure=cases&groupBy=station&groupId=station-north&${PERIOD}`, AUDITOR);
      expect(body).toMatchObject({ figure: 'cases', total: 2, page: 1, pageSize: 20, items: [{ id: 'c4', stationName: { zh: '杏花综合执法进小区工作站' } }, { id: 'c1' }] });
    });

    it.each([
      [`figure=reportInsMissed&${PERIOD}`, ['c1']],
      [`figure=responseDue&groupBy=unit&groupId=unit-jiaojing&${PERIOD}`, ['c1']],
      [`figure=resolved&groupBy=unit&groupId=unit-gongan&${PERIOD}`, ['c2']],
      [`figure=satisfied&groupBy=community&groupId=community-anju&${PERIOD}`, ['c2']],
      [`figure=handled&${PERIOD}`, ['c4', 'c3', 'c2', 'c1']],
      [`figure=raised&cause=all_declined&${PERIOD}`, []],
      ['figure=atLevel4', ['c4']],
      ['figure=atLevel4&adjudication=tabled', []],
      [`figure=cases&${PERIOD}&page=2&pageSize=3`, ['c1']],
    ])('%s', async (query, expected) => {
      expect(await ids(query)).toEqual(expected);
    });

    it.each([
      ['', 'figure'],
      ['figure=everything', 'figure'],
      ['figure=cases&groupId=station-north', 'groupId'],
      ['figure=raised', 'cause'],
      ['figure=cases&cause=station', 'cause'],
      ['figure=raised&cause=storm', 'cause'],
      ['figure=activitiesOverdue&groupBy=unit', 'figure'],
      ['figure=cases&adjudication=tabled', 'adjudication'],
      ['figure=cases&from=2026-11-23T00:00:00Z&to=2026-11-21T00:00:00Z', 'to'],
      ['figure=cases&pageSize=101', 'pageSize'],
    ])('refuses %s with a 400 naming %s', async (query, field) => {
      const { status, body } = await app.get(`/api/query/stats/cases?${query}`, OFFICE);
      expect(status).toBe(400);
      expect(body.details).toEqual([expect.objectContaining({ field })]);
    });

    it('is for the office and the auditors only', async () => {
      for (const caller of [NORTH, GONGAN, BRANCH]) expect((await app.get('/api/query/stats/cases?figure=atLevel4', caller)).status).toBe(403);
    });
  });
});
