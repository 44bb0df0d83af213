import { ManualClock } from '@whistle/kernel';
import type { Principal } from '@whistle/auth';
import { CatalogueIndex, loadCatalogue } from '@whistle/catalogue';
import { InMemoryEventStore } from '@whistle/event-store';
import { InMemoryReadModelStore } from '@whistle/read-models';
import { MINUTE, T0, Town } from '@whistle/testing';
import { queryProjection } from './query.projection';
import { startQueryApp, type QueryApp } from './testing/query-app.fixture';
import { queryScenario } from './testing/query-scenario.fixture';

const OFFICE: Principal = { sub: 'office-1', role: 'office' };
const AUDITOR: Principal = { sub: 'auditor-1', role: 'auditor' };
const ADMIN: Principal = { sub: 'admin-1', role: 'admin' };
const NORTH: Principal = { sub: 'north-1', role: 'station', stationId: 'station-north' };
const XINGHUA_BRANCH: Principal = { sub: 'branch-1', role: 'reporter', compoundId: 'compound-xinghua-1' };
const GONGAN: Principal = { sub: 'gongan-1', role: 'unit', unitId: 'unit-gongan' };
const CHENGGUAN: Principal = { sub: 'chengguan-1', role: 'unit', unitId: 'unit-chengguan' };

describe('the read side’s case queries over HTTP', () => {
  let app: QueryApp;
  const clock = new ManualClock('2026-11-22T00:00:00.000Z');

  beforeAll(async () => {
    const town = await queryScenario();
    const readModels = new InMemoryReadModelStore();
    const project = queryProjection({ readModels });
    for (const event of town.recorded) await project(event);
    app = await startQueryApp({ readModels, catalogue: new CatalogueIndex(loadCatalogue()), stores: Object.values(town.stores), clock });
  });
  afterAll(() => app.close());

  const ids = async (query: string, as: Principal = OFFICE) => {
    const { status, body } = await app.get(`/api/query/cases${query}`, as);
    expect(status).toBe(200);
    return body.items.map((item: { id: string }) => item.id);
  };

  describe('GET /api/query/cases', () => {
    it('lists every case, the newest report first, each a summary with the catalogue’s names', async () => {
      const { status, body } = await app.get('/api/query/cases', OFFICE);
      expect(status).toBe(200);
      expect(body).toMatchObject({ total: 4, page: 1, pageSize: 20 });
      expect(body.items.map((i: { id: string }) => i.id)).toEqual(['c4', 'c3', 'c2', 'c1']);
      expect(body.items[3]).toEqual({
        id: 'c1',
        status: 'in_progress',
        level: 2,
        proposedLevel: 2,
        category: 'fire_lane_blocked',
        categoryName: { zh: expect.stringContaining('消防通道'), en: expect.any(String) },
        compoundId: 'compound-xinghua-1',
        compoundName: { zh: '杏花苑', en: 'Xinghua Garden' },
        communityId: 'community-xinghua',
        communityName: { zh: '杏花社区', en: 'Xinghua Community' },
        stationId: 'station-north',
        stationName: { zh: '杏花综合执法进小区工作站', en: expect.any(String) },
        reportedAt: '2026-11-21T08:00:00.000Z',
        updatedAt: '2026-11-21T08:31:00.000Z',
        overdue: true,
        units: ['unit-jiaojing', 'unit-xiaofang'],
        duplicateOf: null,
      });
    });

    it.each([
      ['?status=closed', ['c2']],
      ['?status=triaged', ['c3']],
      ['?status=triaged,closed', ['c3', 'c2']],
      ['?status=triaged&status=in_progress', ['c3', 'c1']],
      ['?level=4', ['c4']],
      ['?stationId=station-north', ['c4', 'c1']],
      ['?communityId=community-anju', ['c2']],
      ['?unitId=unit-gongan', ['c2']],
      ['?overdue=true', ['c1']],
      ['?overdue=false', ['c4', 'c3', 'c2']],
      ['?category=late_night_noise', ['c3']],
      ['?stationId=station-north&level=2', ['c1']],
      ['?compoundId=compound-xinghua-2', ['c4']],
      ['?page=2&pageSize=3', ['c1']],
    ])('filters %s', async (query, expected) => {
      expect(await ids(query)).toEqual(expected);
    });

    it.each([
      ['?status=lost', 'status'],
      ['?status=triaged,lost', 'status'],
      ['?status=triaged,', 'status'],
      ['?status=', 'status'],
      ['?level=', 'level'],
      ['?level=5', 'level'],
      ['?level=two', 'level'],
      ['?page=0', 'page'],
      ['?page=1.5', 'page'],
      ['?pageSize=101', 'pageSize'],
      ['?pageSize=0', 'pageSize'],
      ['?overdue=yes', 'overdue'],
      ['?colour=red', 'colour'],
    ])('refuses %s with a 400 naming %s', async (query, field) => {
      const { status, body } = await app.get(`/api/query/cases${query}`, OFFICE);
      expect(status).toBe(400);
      expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(body.details).toEqual([expect.objectContaining({ field })]);
      expect(body.message).toContain(field);
    });

    it('shows a reporter only its compound’s cases, a station its own, a unit those it is involved in', async () => {
      expect(await ids('', XINGHUA_BRANCH)).toEqual(['c1']);
      expect(await ids('', NORTH)).toEqual(['c4', 'c1']);
      expect(await ids('?level=4', NORTH)).toEqual(['c4']);
      expect(await ids('', GONGAN)).toEqual(['c2']);
      expect(await ids('', CHENGGUAN)).toEqual(['c4', 'c2']);
      expect(await ids('', AUDITOR)).toEqual(['c4', 'c3', 'c2', 'c1']);
      expect(await ids('', ADMIN)).toEqual(['c4', 'c3', 'c2', 'c1']);
    });

    it('refuses a station asking for another station’s cases, and a unit for another unit’s (403)', async () => {
      expect(await ids('?stationId=station-north', NORTH)).toEqual(['c4', 'c1']);
      expect((await app.get('/api/query/cases?stationId=station-south', NORTH)).status).toBe(403);
      expect((await app.get('/api/query/cases?unitId=unit-chengguan', GONGAN)).status).toBe(403);
    });

    it('refuses a reporter asking for another compound’s cases (403), and answers its own', async () => {
      expect((await app.get('/api/query/cases?compoundId=compound-xinghua-2', XINGHUA_BRANCH)).status).toBe(403);
      expect(await ids('?compoundId=compound-xinghua-1', XINGHUA_BRANCH)).toEqual(['c1']);
    });

    it('needs a token (401)', async () => {
      expect((await app.get('/api/query/cases')).status).toBe(401);
    });
  });

  describe('GET /api/query/cases?duplicateOf=', () => {
    // A town of its own: the shared scenario has no duplicate, and one there would change every count above.
    let dupes: QueryApp;

    beforeAll(async () => {
      const clock = new ManualClock(T0);
      const store = () => new InMemoryEventStore({ clock });
      const town = new Town({ intake: store(), escalation: store(), adjudication: store(), enforcement: store(), supervision: store() }, clock);
      await town.report('original', 'compound-xinghua-1', 'fire_lane_blocked');
      town.advance(10 * MINUTE);
      await town.reportAgain('again', 'original');
      // Same compound, another category: unrelated, however close in time.
      await town.report('unrelated', 'compound-xinghua-1', 'late_night_noise');
      town.advance(10 * MINUTE);
      await town.reportAgain('noise-again', 'unrelated');
      const readModels = new InMemoryReadModelStore();
      const project = queryProjection({ readModels });
      for (const event of town.recorded) await project(event);
      dupes = await startQueryApp({ readModels, catalogue: new CatalogueIndex(loadCatalogue()), stores: Object.values(town.stores), clock });
    });
    afterAll(() => dupes.close());

    it('lists the reports linked to the case, and no other', async () => {
      const { status, body } = await dupes.get('/api/query/cases?duplicateOf=original', OFFICE);
      expect(status).toBe(200);
      expect(body.total).toBe(1);
      expect(body.items).toEqual([expect.objectContaining({ id: 'again', status: 'duplicate', duplicateOf: 'original' })]);
      // Without the filter every case is listed: the filter, not the data, leaves the others out.
      const all = await dupes.get('/api/query/cases', OFFICE);
      expect(all.body.items.map((item: { id: string }) => item.id).sort()).toEqual(['again', 'noise-again', 'original', 'unrelated']);
      const noise = await dupes.get('/api/query/cases?duplicateOf=unrelated', OFFICE);
      expect(noise.body.items.map((item: { id: string }) => item.id)).toEqual(['noise-again']);
    });

    it('lists nothing for a case nobody reported again, and combines with the other filters', async () => {
      expect((await dupes.get('/api/query/cases?duplicateOf=again', OFFICE)).body.items).toEqual([]);
      expect((await dupes.get('/api/query/cases?duplicateOf=original&status=duplicate', NORTH)).body.items.map((item: { id: string }) => item.id)).toEqual(['again']);
      expect((await dupes.get('/api/query/cases?duplicateOf=original&category=late_night_noise', OFFICE)).body.items).toEqual([]);
    });
  });

  describe('GET /api/query/cases/{caseId}', () => {
    it('gives the whole view with the names, without the projection’s internals', async () => {
      const { status, body } = await app.get('/api/query/cases/c4', OFFICE);
      expect(status).toBe(200);
      expect(body).not.toHaveProperty('facts');
      expect(body).not.toHaveProperty('revisions');
      expect(body).not.toHaveProperty('version');
      expect(body).toMatchObject({
        id: 'c4',
        level: 4,
        compoundName: { zh: '锦绣华府' },
        stationName: { zh: '杏花综合执法进小区工作站' },
        unitNames: {
          'unit-chengguan': { zh: '城市管理局（城管）' },
          'unit-zhujian': { zh: '住房和城乡建设局（住建）' },
          'unit-ziran-ziyuan': { zh: '自然资源和规划分局' },
        },
        tasks: [
          { taskId: 'r-c4.unit-chengguan', role: 'lead', status: 'assigned' },
          { taskId: 'r-c4.unit-zhujian', role: 'supporting', status: 'assigned' },
        ],
        adjudication: { status: 'resolved', meetingId: 'm1', resolution: { leadUnit: 'unit-chengguan', supportingUnits: ['unit-zhujian'] } },
      });
    });

    it('answers 404 for an unknown case', async () => {
      const { status, body } = await app.get('/api/query/cases/nope', OFFICE);
      expect(status).toBe(404);
      expect(body.message).toBe('case nope not found');
    });

    it('lets each scoped caller see only its own cases (403 otherwise)', async () => {
      expect((await app.get('/api/query/cases/c1', XINGHUA_BRANCH)).status).toBe(200);
      expect((await app.get('/api/query/cases/c4', XINGHUA_BRANCH)).status).toBe(403);
      expect((await app.get('/api/query/cases/c4', NORTH)).status).toBe(200);
      expect((await app.get('/api/query/cases/c2', NORTH)).status).toBe(403);
      expect((await app.get('/api/query/cases/c2', GONGAN)).status).toBe(200);
      expect((await app.get('/api/query/cases/c1', GONGAN)).status).toBe(403);
      expect((await app.get('/api/query/cases/c3', AUDITOR)).status).toBe(200);
    });
  });

  describe('GET /api/query/stats', () => {
    it('gives each station its name and its rates, traceable to the cases counted', async () => {
      const { status, body } = await app.get('/api/query/stats?groupBy=station', OFFICE);
      expect(status).toBe(200);
      expect(body).toMatchObject({ groupBy: 'station', from: null, to: null, asOf: '2026-11-22T00:00:00.000Z' });
      expect(body.groups.map((g: { id: string }) => g.id)).toEqual(['station-central', 'station-north', 'station-south']);
      expect(body.groups[1]).toMatchObject({
        id: 'station-north',
        name: { zh: '杏花综合执法进小区工作站' },
        cases: 2,
        overdue: { reportInsMissed: 1 },
        sources: { caseIds: ['c1', 'c4'] },
      });
      expect(body.groups[2]).toMatchObject({ id: 'station-south', resolutionRate: { value: 1 }, satisfactionRate: { value: 1, numerator: 1, denominator: 1 } });
    });

    it('groups by unit and by community, for the auditor too', async () => {
      const units = await app.get('/api/query/stats?groupBy=unit', AUDITOR);
      expect(units.status).toBe(200);
      expect(units.body.groups.find((g: { id: string }) => g.id === 'unit-jiaojing')).toMatchObject({ name: { zh: '交警大队' }, tasks: 1 });
      const communities = await app.get('/api/query/stats?groupBy=community', OFFICE);
      expect(communities.body.groups.map((g: { id: string; name: { zh: string } }) => [g.id, g.name.zh])).toEqual([
        ['community-anju', '安居社区'],
        ['community-wanghu', '望湖社区'],
        ['community-xinghua', '杏花社区'],
      ]);
    });

    it('counts the cases reported in [from, to), with offsets, encoded or not', async () => {
      const { body } = await app.get('/api/query/stats?groupBy=station&from=2026-11-21T17:00:00%2B08:00&to=2026-11-21T19:00:00+08:00', OFFICE);
      expect(body).toMatchObject({ from: '2026-11-21T17:00:00+08:00', to: '2026-11-21T19:00:00+08:00' });
      expect(body.groups.map((g: { id: string }) => g.id)).toEqual(['station-central', 'station-south']);
    });

    it.each([
      ['', 'groupBy'],
      ['?groupBy=compound', 'groupBy'],
      ['?groupBy=unit&from=yesterday', 'from'],
      ['?groupBy=unit&to=2026-11-21', 'to'],
      ['?groupBy=unit&from=2026-11-22T00:00:00Z&to=2026-11-21T00:00:00Z', 'to'],
      ['?groupBy=unit&from=2026-11-22T00:00:00Z&to=2026-11-22T08:00:00%2B08:00', 'to'],
    ])('refuses %s with a 400 naming %s', async (query, field) => {
      const { status, body } = await app.get(`/api/query/stats${query}`, OFFICE);
      expect(status).toBe(400);
      expect(body.details).toEqual([expect.objectContaining({ field })]);
    });

    it('is for the office and the auditors only', async () => {
      expect((await app.get('/api/query/stats?groupBy=unit', NORTH)).status).toBe(403);
      expect((await app.get('/api/query/stats?groupBy=unit', GONGAN)).status).toBe(403);
      expect((await app.get('/api/query/stats?groupBy=unit', XINGHUA_BRANCH)).status).toBe(403);
    });
  });
});
