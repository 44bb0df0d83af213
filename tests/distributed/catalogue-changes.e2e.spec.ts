import { ApiClient, eventually } from '../e2e/support/api-client';
import { CaseSteps } from '../e2e/support/case-steps';
import { DistributedRun } from './distributed-run';
import { groupCaughtUp } from './kafka-lag';

/**
 * The catalogue changes while the distributed system runs (目录变更, issue 12 item 3): supervision
 * records a change in its store, and every other process (its own, behind the proxy) follows that
 * store read only, so intake, escalation and the query service put it in force within
 * CATALOGUE_REFRESH_MS without a restart; supervision asks the read models in MongoDB (FerretDB)
 * which open cases a removal concerns; a restarted writer reads the changes before it serves.
 */
jest.setTimeout(300_000);

const REFRESH_MS = 200;
const ROOFTOP = { name: { zh: '楼顶违规种植', en: 'Rooftop planting' }, defaultLevel: 2, unitIds: ['unit-yuanlin', 'unit-ziran-ziyuan'] };

let distributed: DistributedRun;
let steps: CaseSteps;
let admin: ApiClient;

beforeAll(async () => {
  distributed = await DistributedRun.start('catalogue', { CATALOGUE_REFRESH_MS: String(REFRESH_MS) });
  steps = new CaseSteps(distributed.system.baseUrl, 60_000);
  admin = new ApiClient(distributed.system.baseUrl, { sub: 'admin-wang', role: 'admin' });
});
afterAll(async () => {
  await distributed?.stop();
});

const reportRooftop = () => steps.station.post<{ id: string }>('/api/intake/cases', { compoundId: 'compound-xinghua-1', category: 'rooftop_planting', description: '楼顶种菜', channel: 'branch' });

it('a category an admin adds is in force in every process within seconds, its units summoned, its unit kept while an open case uses it, and still in force after intake restarts', async () => {
  await distributed.withLogs(async () => {
    // Before the change intake knows no such category.
    expect((await reportRooftop()).status).toBe(400);

    const put = await admin.request<{ events: string[]; revision: number }>('PUT', '/api/catalogue/categories/rooftop_planting', { entry: ROOFTOP, reason: '街道新增楼顶种植治理' });
    expect(put).toMatchObject({ status: 200, body: { revision: 1, events: ['supervision.CatalogueAdopted.v1', 'supervision.CatalogueEntryPut.v1'] } });

    // Intake and the query service follow supervision's store: a few refreshes, not a restart.
    const caseId = await eventually(async () => {
      const reported = await reportRooftop();
      expect(reported.status).toBe(201);
      return reported.body.id;
    }, 10_000, 'intake accepting the new category');
    await eventually(async () => {
      const catalogue = await steps.office.get<{ categories: { id: string; unitIds: string[] }[] }>('/api/catalogue');
      expect(catalogue.body.categories.find((c) => c.id === 'rooftop_planting')?.unitIds).toEqual(ROOFTOP.unitIds);
    }, 10_000, 'the query service listing the new category');

    // Escalation follows it too: a whistle naming no units summons the category's.
    await steps.waitFor(caseId, (view) => view.status === 'triaged', 'triaged');
    await eventually(async () => expect((await steps.station.post(`/api/escalation/cases/${caseId}/whistle`, { level: 2 })).status).toBe(200), 10_000, 'escalation taking the whistle');
    const view = await steps.waitFor(caseId, (v) => v.units?.length > 0, 'units summoned');
    expect([...view.units].sort()).toEqual([...ROOFTOP.unitIds].sort());
    expect(view.categoryName).toEqual(ROOFTOP.name);

    // Supervision asks the read models (MongoDB) which open cases use the unit: refused, the case named, nothing recorded.
    // (Until the query service projected the whistle, the refusal names the category referring to the unit instead.)
    const refused = await eventually(async () => {
      const removal = await admin.post<{ message: string }>('/api/catalogue/units/unit-ziran-ziyuan/removal', { reason: '机构改革' });
      expect(removal.status).toBe(409);
      expect(removal.body.message).toContain(caseId);
      return removal.body;
    }, 20_000, 'the removal refused for the open case');
    expect(refused.message).toMatch(/open cases use it/);
    const changes = await steps.office.get<{ revision: number }>('/api/catalogue/changes');
    expect(changes.body.revision).toBe(1);

    // A restarted writer reads the recorded changes before it serves: the category is in force at once.
    await distributed.system.kill('intake');
    await distributed.system.relaunch('intake');
    const again = await reportRooftop();
    expect(again.status).toBe(201);

    // The changes go out on supervision's topic like its other events: every read side consumes them and moves on.
    for (const group of ['query', 'audit', 'notifications']) {
      await eventually(() => groupCaughtUp(distributed.infra.kafkaBrokers, distributed.namespace, group), 60_000, `the ${group} consumer group caught up`);
    }
  });
});
