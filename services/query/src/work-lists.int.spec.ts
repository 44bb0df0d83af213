import { ManualClock } from '@whistle/kernel';
import type { Principal } from '@whistle/auth';
import { CatalogueIndex, loadCatalogue } from '@whistle/catalogue';
import { InMemoryReadModelStore } from '@whistle/read-models';
import { queryProjection } from './query.projection';
import { startQueryApp, type QueryApp } from './testing/query-app.fixture';
import { queryScenario } from './testing/query-scenario.fixture';

const OFFICE: Principal = { sub: 'office-1', role: 'office' };
const AUDITOR: Principal = { sub: 'auditor-1', role: 'auditor' };
const NORTH: Principal = { sub: 'north-1', role: 'station', stationId: 'station-north' };
const JIAOJING: Principal = { sub: 'jiaojing-1', role: 'unit', unitId: 'unit-jiaojing' };
const CHENGGUAN: Principal = { sub: 'chengguan-1', role: 'unit', unitId: 'unit-chengguan' };
const BRANCH: Principal = { sub: 'branch-1', role: 'reporter', compoundId: 'compound-xinghua-1' };

describe('the task and meeting lists the read side serves', () => {
  let app: QueryApp;

  beforeAll(async () => {
    const town = await queryScenario();
    const readModels = new InMemoryReadModelStore();
    const project = queryProjection({ readModels });
    for (const event of town.recorded) await project(event);
    app = await startQueryApp({ readModels, catalogue: new CatalogueIndex(loadCatalogue()), stores: Object.values(town.stores), clock: new ManualClock(town.now) });
  });
  afterAll(() => app.close());

  const taskIds = async (query: string, as: Principal) => {
    const { status, body } = await app.get(`/api/enforcement/tasks${query}`, as);
    expect(status).toBe(200);
    return body.items.map((t: { taskId: string }) => t.taskId);
  };

  describe('GET /api/enforcement/tasks', () => {
    it('shows a unit its own tasks, with the case they belong to and the names', async () => {
      const { body } = await app.get('/api/enforcement/tasks', JIAOJING);
      expect(body.items).toEqual([
        expect.objectContaining({
          taskId: 'w1.unit-jiaojing',
          caseId: 'c1',
          unitId: 'unit-jiaojing',
          unitName: { zh: '交警大队', en: expect.any(String) },
          status: 'reported_in',
          stationId: 'station-north',
          compoundName: { zh: '杏花苑', en: 'Xinghua Garden' },
          categoryName: expect.objectContaining({ zh: expect.stringContaining('消防通道') }),
          caseLevel: 2,
        }),
      ]);
      expect(await taskIds('?unitId=unit-jiaojing', JIAOJING)).toEqual(['w1.unit-jiaojing']);
    });

    it('refuses a unit asking for another unit’s tasks (403)', async () => {
      expect((await app.get('/api/enforcement/tasks?unitId=unit-xiaofang', JIAOJING)).status).toBe(403);
    });

    it('shows a station the tasks of its cases, the latest assigned first', async () => {
      expect(await taskIds('', NORTH)).toEqual(['r-c4.unit-chengguan', 'r-c4.unit-zhujian', 'w1.unit-jiaojing', 'w1.unit-xiaofang']);
      expect(await taskIds('?caseId=c1', NORTH)).toEqual(['w1.unit-jiaojing', 'w1.unit-xiaofang']);
      expect(await taskIds('?caseId=c2', NORTH)).toEqual([]);
    });

    it('shows the office every task, filtered by unit, status or case', async () => {
      expect(await taskIds('?status=done', OFFICE)).toEqual(['w2.unit-chengguan', 'w2.unit-gongan']);
      expect(await taskIds('?unitId=unit-chengguan', OFFICE)).toEqual(['r-c4.unit-chengguan', 'w2.unit-chengguan']);
      expect(await taskIds('?caseId=c4&status=assigned', OFFICE)).toEqual(['r-c4.unit-chengguan', 'r-c4.unit-zhujian']);
    });

    it('pages the tasks on the server, with the total', async () => {
      const { body } = await app.get('/api/enforcement/tasks?page=2&pageSize=3', OFFICE);
      expect(body).toMatchObject({ total: 6, page: 2, pageSize: 3 });
      expect(body.items.map((t: { taskId: string }) => t.taskId)).toEqual(['w2.unit-gongan', 'w1.unit-jiaojing', 'w1.unit-xiaofang']);
      expect((await app.get('/api/enforcement/tasks', OFFICE)).body).toMatchObject({ total: 6, page: 1, pageSize: 20 });
    });

    it('keeps to the tasks still to be worked with open=true, and to the others with open=false', async () => {
      expect(await taskIds('?open=true', NORTH)).toEqual(['r-c4.unit-chengguan', 'r-c4.unit-zhujian', 'w1.unit-jiaojing', 'w1.unit-xiaofang']);
      expect(await taskIds('?open=false', OFFICE)).toEqual(['w2.unit-chengguan', 'w2.unit-gongan']);
    });

    it.each([
      ['?open=yes', 'open'],
      ['?page=0', 'page'],
      ['?pageSize=101', 'pageSize'],
    ])('refuses %s with a 400 naming %s', async (query, field) => {
      const bad = await app.get(`/api/enforcement/tasks${query}`, OFFICE);
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field })]);
    });

    it('refuses an unknown status (400 naming it), and callers that have no tasks (403)', async () => {
      const bad = await app.get('/api/enforcement/tasks?status=finished', OFFICE);
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'status' })]);
      expect((await app.get('/api/enforcement/tasks', BRANCH)).status).toBe(403);
      expect((await app.get('/api/enforcement/tasks', AUDITOR)).status).toBe(403);
    });
  });

  describe('GET /api/adjudication/meetings', () => {
    const meetingIds = async (query: string, as: Principal) => {
      const { status, body } = await app.get(`/api/adjudication/meetings${query}`, as);
      expect(status).toBe(200);
      return body.items.map((m: { id: string }) => m.id);
    };

    it('lists the joint meetings, the latest scheduled first, with their agendas and the units’ names', async () => {
      const { body } = await app.get('/api/adjudication/meetings', OFFICE);
      expect(body.items.map((m: { id: string }) => m.id)).toEqual(['m2', 'm1']);
      expect(body.items[1]).toMatchObject({
        id: 'm1',
        status: 'closed',
        agenda: [{ caseId: 'c4', decision: { kind: 'resolution', leadUnit: 'unit-chengguan' } }],
        unitNames: { 'unit-chengguan': { zh: '城市管理局（城管）' } },
      });
      expect(body.items[1]).not.toHaveProperty('revisions');
      expect(await meetingIds('?status=scheduled', AUDITOR)).toEqual(['m2']);
    });

    it('shows a unit only the meetings it was invited to', async () => {
      expect(await meetingIds('', CHENGGUAN)).toEqual(['m1']);
      expect(await meetingIds('', JIAOJING)).toEqual(['m2']);
      expect((await app.get('/api/adjudication/meetings', JIAOJING)).body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    });

    it('pages the meetings on the server, with the total', async () => {
      const { body } = await app.get('/api/adjudication/meetings?page=2&pageSize=1', OFFICE);
      expect(body).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ id: 'm1', place: expect.any(String), agenda: expect.any(Array), unitNames: expect.any(Object) }] });
      expect((await app.get('/api/adjudication/meetings', OFFICE)).body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
      expect(await meetingIds('?page=3&pageSize=1', AUDITOR)).toEqual([]);
    });

    it('refuses a page before the first and a page size over 100, naming the parameter (400)', async () => {
      const refusals = await Promise.all(['page=0', 'pageSize=101'].map((query) => app.get(`/api/adjudication/meetings?${query}`, OFFICE)));
      expect(refusals.map(({ status, body }) => [status, body.details])).toEqual([
        [400, [expect.objectContaining({ field: 'page' })]],
        [400, [expect.objectContaining({ field: 'pageSize' })]],
      ]);
    });

    it('refuses stations (403) and unknown statuses (400)', async () => {
      expect((await app.get('/api/adjudication/meetings', NORTH)).status).toBe(403);
      const bad = await app.get('/api/adjudication/meetings?status=held', OFFICE);
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'status' })]);
    });
  });
});
