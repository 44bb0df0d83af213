import { ApiClient, eventually } from './support/api-client';
import { systemSuite } from './support/system-suite';

/**
 * The catalogue changes while the system runs (目录变更, issue 12 item 3), through the public API
 * on the system `npm start` runs: the administrator adds and revises a category, a compound and a
 * unit, revises the deadlines and the meeting's policy, removes entries; each change is an event
 * with who and why, in force for new work without a restart and after one, and its history tells
 * what the catalogue was at any instant. A removal that would break open cases is refused naming
 * them; one the catalogue still refers to is refused naming the reference.
 */
jest.setTimeout(180_000);

const suite = systemSuite();
const admin = { sub: 'admin-wang', role: 'admin' } as const;
const ROOFTOP = { name: { zh: '楼顶违规种植', en: 'Rooftop planting' }, defaultLevel: 2, unitIds: ['unit-chengguan'] };

interface Catalogue {
  categories: { id: string; defaultLevel: number; unitIds: string[] }[];
  compounds: { id: string; communityId: string }[];
  units: { id: string }[];
  policies: { quorumShare: number; maxDeferrals: number };
  deadlines: Record<string, unknown>;
}

describe('catalogue changes through the public API', () => {
  let office: ApiClient;
  let station: ApiClient;
  let boss: ApiClient;
  let startedAt: string;

  beforeAll(() => {
    const base = suite.system().baseUrl;
    office = suite.steps().office;
    station = suite.steps().station;
    boss = new ApiClient(base, admin);
    startedAt = new Date().toISOString();
  });

  const catalogue = async (): Promise<Catalogue> => (await office.get<Catalogue>('/api/catalogue')).body;
  /** A level-2 whistle on a new case of `category` (each in a compound of its own: a second would be a probable duplicate): how long its units have to report in. */
  const northCompounds = ['compound-xinghua-2', 'compound-xinghua-3', 'compound-wutong-1'];
  const reportInMinutes = async (category: string): Promise<number> => {
    const caseId = await suite.steps().report(category, northCompounds.shift());
    expect((await station.post(`/api/escalation/cases/${caseId}/whistle`, { level: 2 })).status).toBe(200);
    const view = await suite.steps().waitFor(caseId, (v) => v.tasks?.length > 0, 'tasks assigned');
    const task = view.tasks[0] as { assignedAt: string; reportInDueAt: string };
    return Math.round((Date.parse(task.reportInDueAt) - Date.parse(task.assignedAt)) / 60_000);
  };

  it('adds a category that new reports may name at once, and whose units the whistle summons', async () => {
    expect((await station.post('/api/intake/cases', { compoundId: 'compound-xinghua-1', category: 'rooftop_planting', description: '楼顶种菜', channel: 'branch' })).status).toBe(400);
    expect((await office.request('PUT', '/api/catalogue/categories/rooftop_planting', { entry: ROOFTOP, reason: '新增类别' })).status).toBe(403);

    const put = await boss.request<{ events: string[]; revision: number }>('PUT', '/api/catalogue/categories/rooftop_planting', { entry: ROOFTOP, reason: '街道新增楼顶种植治理' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ revision: 1, events: ['supervision.CatalogueAdopted.v1', 'supervision.CatalogueEntryPut.v1'] });
    expect((await catalogue()).categories.find((c) => c.id === 'rooftop_planting')).toMatchObject({ defaultLevel: 2, unitIds: ['unit-chengguan'] });

    const caseId = await suite.steps().report('rooftop_planting');
    const whistled = await station.post(`/api/escalation/cases/${caseId}/whistle`, { level: 2 });
    expect(whistled.status).toBe(200);
    const view = await suite.steps().waitFor(caseId, (v) => v.units?.length > 0, 'units summoned');
    expect(view.units).toEqual(['unit-chengguan']);
    expect(view.categoryName).toEqual(ROOFTOP.name);

    // The same entry again records nothing.
    const again = await boss.request<{ events: string[] }>('PUT', '/api/catalogue/categories/rooftop_planting', { entry: ROOFTOP, reason: '重复提交' });
    expect(again).toMatchObject({ status: 200, body: { events: [] } });
  });

  it('refuses a change that leaves the catalogue inconsistent, naming the field, and records nothing', async () => {
    const unknownUnit = await boss.request<{ details: { field: string }[] }>('PUT', '/api/catalogue/categories/rooftop_planting', { entry: { ...ROOFTOP, unitIds: ['unit-nobody'] }, reason: '改单位' });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.details[0]?.field).toMatch(/^entry\.unitIds/);
    const badQuorum = await boss.request<{ details: { field: string }[] }>('PUT', '/api/catalogue/policies', { policies: { quorumShare: 2, maxDeferrals: 2 }, reason: '改规则' });
    expect(badQuorum.status).toBe(400);
    expect(badQuorum.body.details[0]?.field).toBe('policies.quorumShare');
    expect((await boss.request('PUT', '/api/catalogue/categories/rooftop_planting', { entry: ROOFTOP })).status).toBe(400);
    expect((await boss.request('PUT', '/api/catalogue/shops/s1', { entry: {}, reason: '无此目录' })).status).toBe(404);
    expect((await boss.post('/api/catalogue/units/unit-nobody/removal', { reason: '无此单位' })).status).toBe(404);
    expect((await catalogue()).categories.find((c) => c.id === 'rooftop_planting')?.unitIds).toEqual(['unit-chengguan']);
  });

  it('revises the policy, the deadlines and a compound, each in force at once', async () => {
    const policies = await boss.request('PUT', '/api/catalogue/policies', { policies: { quorumShare: 0.6, maxDeferrals: 3 }, reason: '联席会议规则调整' });
    expect(policies.status).toBe(200);
    expect((await catalogue()).policies).toEqual({ quorumShare: 0.6, maxDeferrals: 3 });

    const deadlines = { ...(await catalogue()).deadlines, reportIn: { '2': 'PT45M', '3': 'PT2H' } };
    expect((await boss.request('PUT', '/api/catalogue/deadlines', { deadlines, reason: '报到时限放宽' })).status).toBe(200);
    expect((await catalogue()).deadlines['reportIn']).toEqual({ '2': 'PT45M', '3': 'PT2H' });
    // The next whistle's report-in runs 45 minutes; a category given its own runs on those.
    expect(await reportInMinutes('late_night_noise')).toBe(45);
    const noise = (await catalogue()).categories.find((c) => c.id === 'late_night_noise')!;
    const own = { ...noise, deadlines: { reportIn: { '2': 'PT15M', '3': 'PT1H' } } };
    expect((await boss.request('PUT', '/api/catalogue/categories/late_night_noise', { entry: own, reason: '夜间噪音须更快报到' })).status).toBe(200);
    expect(await reportInMinutes('late_night_noise')).toBe(15);
    expect(await reportInMinutes('common_area_clutter')).toBe(45);

    const added = await boss.request('PUT', '/api/catalogue/compounds/compound-xinghua-9', { entry: { name: { zh: '新苑', en: 'New Garden' }, communityId: 'community-xinghua' }, reason: '新建小区交付' });
    expect(added.status).toBe(200);
    const caseId = await suite.steps().report('common_area_clutter', 'compound-xinghua-9');
    expect((await office.get(`/api/query/cases/${caseId}`)).body).toMatchObject({ compoundName: { zh: '新苑' }, stationId: 'station-north' });
  });

  it('keeps a unit’s contacts and webhook, shown to the staff and not to a reporter; a stale If-Match is refused', async () => {
    const unit = (await catalogue()).units.find((u) => u.id === 'unit-yuanlin')!;
    const entry = { ...unit, contacts: [{ name: '园林所值班室', phone: '0571-8888 0000' }], webhook: { url: 'https://hooks.example/yuanlin', secretRef: 'yuanlin-not-in-any-file' } };
    const { body: history } = await office.get<{ revision: number }>('/api/catalogue/changes');
    const stale = await boss.request('PUT', '/api/catalogue/units/unit-yuanlin', { entry, reason: '补充联系人' }, { 'if-match': String(history.revision - 1) });
    expect(stale.status).toBe(412);
    const put = await boss.request('PUT', '/api/catalogue/units/unit-yuanlin', { entry, reason: '补充联系人' }, { 'if-match': String(history.revision) });
    expect(put.status).toBe(200);
    expect((await catalogue()).units.find((u) => u.id === 'unit-yuanlin')).toMatchObject({ contacts: entry.contacts, webhook: entry.webhook });
    const resident = new ApiClient(suite.system().baseUrl, { sub: 'reporter-1', role: 'reporter', compoundId: 'compound-xinghua-1' });
    const seen = (await resident.get<{ units: Record<string, unknown>[] }>('/api/catalogue')).body.units.find((u) => u['id'] === 'unit-yuanlin');
    expect(seen).toBeDefined();
    expect(seen).not.toHaveProperty('contacts');
    expect(seen).not.toHaveProperty('webhook');
  });

  it('refuses to remove what open cases use, naming them, or what the catalogue refers to', async () => {
    const reported = await eventually(async () => {
      const list = await office.get<{ items: { id: string }[] }>('/api/query/cases?category=rooftop_planting');
      expect(list.body.items.length).toBe(1);
      return list.body.items[0]!.id;
    });
    const category = await boss.post<{ code: string; message: string }>('/api/catalogue/categories/rooftop_planting/removal', { reason: '类别合并' });
    expect(category.status).toBe(409);
    expect(category.body.message).toContain(reported);
    const unit = await boss.post<{ message: string }>('/api/catalogue/units/unit-chengguan/removal', { reason: '机构改革' });
    expect(unit.status).toBe(409);
    expect(unit.body.message).toContain(reported);
    const referenced = await boss.post<{ code: string; message: string }>('/api/catalogue/units/unit-yuanlin/removal', { reason: '机构改革' });
    expect(referenced.status).toBe(409);
    expect(referenced.body.message).toMatch(/categories\[\d+\]\.unitIds/);
    const moved = await boss.request<{ message: string }>('PUT', '/api/catalogue/compounds/compound-xinghua-9', { entry: { name: { zh: '新苑', en: 'New Garden' }, communityId: 'community-wanghu' }, reason: '区划调整' });
    expect(moved.status).toBe(409);
  });

  it('removes an entry no open case uses: new work may not name it, and the history keeps who and why', async () => {
    const removed = await boss.post('/api/catalogue/categories/fire_theft_publicity/removal', { reason: '并入日常宣传' });
    expect(removed.status).toBe(200);
    expect((await catalogue()).categories.map((c) => c.id)).not.toContain('fire_theft_publicity');
    const refused = await station.post<{ details: { field: string }[] }>('/api/intake/cases', { compoundId: 'compound-xinghua-1', category: 'fire_theft_publicity', description: '防火宣传', channel: 'branch' });
    expect(refused.status).toBe(400);
    expect(refused.body.details[0]?.field).toBe('category');

    const history = await office.get<{ revision: number; changes: { type: string; actor: { id: string }; data: { reason?: string } }[] }>('/api/catalogue/changes');
    expect(history.status).toBe(200);
    expect(history.body.changes[0]).toMatchObject({ type: 'supervision.CatalogueEntryRemoved.v1', actor: { id: 'admin-wang' }, data: { reason: '并入日常宣传' } });
    expect(history.body.changes.at(-1)?.type).toBe('supervision.CatalogueAdopted.v1');
    expect((await station.get('/api/catalogue/changes')).status).toBe(403);

    const before = await office.get<{ revision: number; catalogue: Catalogue }>(`/api/catalogue/as-of?at=${encodeURIComponent(startedAt)}`);
    expect(before.body.revision).toBe(-1);
    expect(before.body.catalogue.categories.map((c) => c.id)).toContain('fire_theft_publicity');
    expect(before.body.catalogue.categories.map((c) => c.id)).not.toContain('rooftop_planting');
    const now = await office.get<{ revision: number; catalogue: Catalogue }>(`/api/catalogue/as-of?at=${encodeURIComponent(new Date().toISOString())}`);
    expect(now.body.revision).toBe(history.body.revision);
    expect(now.body.catalogue).toEqual(await catalogue());
    // Without `at`: the catalogue to edit and the revision it is, by the server's clock.
    const current = await boss.get<{ revision: number; catalogue: Catalogue }>('/api/catalogue/as-of');
    expect(current.body.revision).toBe(history.body.revision);
    expect(current.body.catalogue).toEqual(await catalogue());
    expect((await office.get('/api/catalogue/as-of?at=yesterday')).status).toBe(400);
  });

  // A webhook a change added names a secret no WEBHOOK_SECRETS_FILE holds (none is set here): that fails its deliveries, not the start.
  it('keeps the changes in force across a restart', async () => {
    const before = await catalogue();
    await suite.system().restart();
    expect(await catalogue()).toEqual(before);
  });
});
