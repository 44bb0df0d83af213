import ExcelJS from 'exceljs';
import { ManualClock } from '@whistle/kernel';
import { DEVELOPMENT_JWT_SECRET, signToken, type Principal } from '@whistle/auth';
import { CatalogueIndex, loadCatalogue } from '@whistle/catalogue';
import { InMemoryReadModelStore, type ReadModelStore } from '@whistle/read-models';
import { FIRM, QUARTER, bulletinWeek, supervisionScenario } from '@whistle/read-models/testing';
import { queryProjection } from '../query.projection';
import { startQueryApp, type QueryApp } from '../testing/query-app.fixture';

const OFFICE: Principal = { sub: 'office-1', role: 'office' };
const AUDITOR: Principal = { sub: 'auditor-1', role: 'auditor' };
const NORTH: Principal = { sub: 'north-1', role: 'station', stationId: 'station-north' };
const SOUTH: Principal = { sub: 'south-1', role: 'station', stationId: 'station-south' };
const GONGAN: Principal = { sub: 'gongan-1', role: 'unit', unitId: 'unit-gongan' };
const BRANCH: Principal = { sub: 'branch-1', role: 'reporter', compoundId: 'compound-xinghua-1' };

const catalogue = new CatalogueIndex(loadCatalogue());

/** The read side's app over the events, fed through its own projection. */
async function appOver(events: Iterable<Parameters<ReturnType<typeof queryProjection>>[0]>): Promise<QueryApp> {
  const readModels: ReadModelStore = new InMemoryReadModelStore();
  const project = queryProjection({ readModels });
  for (const event of events) await project(event);
  return startQueryApp({ readModels, catalogue, stores: [], clock: new ManualClock('2026-12-10T00:00:00.000Z') });
}

const fields = (body: { details?: { field: string }[] }) => body.details?.map((d) => d.field);

describe('supervision’s read side over HTTP', () => {
  const scenario = supervisionScenario();
  const { jiaojing, xiaofang, gongan, chengguan } = scenario.taskIds;
  let app: QueryApp;
  beforeAll(async () => {
    app = await appOver(scenario.envelopes);
  });
  afterAll(() => app.close());

  const taskIdsOf = async (query: string, as: Principal) => {
    const { status, body } = await app.get(`/api/query/evaluations${query}`, as);
    expect(status).toBe(200);
    return (body.items as { taskId: string }[]).map((e) => e.taskId).sort();
  };

  describe('GET /api/query/evaluations', () => {
    it('shows the office every evaluation, a station its whistles’, a unit its tasks’', async () => {
      expect(await taskIdsOf('', OFFICE)).toEqual([chengguan, gongan, jiaojing, 'old.unit-jiaojing', xiaofang].sort());
      expect(await taskIdsOf('', NORTH)).toEqual([jiaojing, 'old.unit-jiaojing', xiaofang].sort());
      expect(await taskIdsOf('', GONGAN)).toEqual([gongan]);
      expect(await taskIdsOf(`?awaiting=unit`, SOUTH)).toEqual([chengguan, gongan].sort());
      expect(await taskIdsOf(`?awaiting=station&quarter=${QUARTER}`, OFFICE)).toEqual([chengguan]);
      expect(await taskIdsOf('?caseId=n1&unitId=unit-xiaofang', AUDITOR)).toEqual([xiaofang]);
    });

    it('answers the design’s shape, the current rating beside its history', async () => {
      const { body } = await app.get(`/api/query/evaluations?taskId=${jiaojing}`, OFFICE);
      expect(body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
      expect(body.items[0]).toMatchObject({ id: jiaojing, caseId: 'n1', quarter: QUARTER, unitRating: { ratingId: 'r2', score: 80, amendment: { amends: 'r1' } }, whistleRating: { ratingId: 'r5' }, awaiting: [] });
      expect(body.items[0].unitRatings).toHaveLength(2);
      expect(body.items[0]).not.toHaveProperty('revisions');
    });

    it('refuses another station’s or unit’s evaluations (403), a reporter (403), and no token (401)', async () => {
      expect((await app.get('/api/query/evaluations?stationId=station-south', NORTH)).status).toBe(403);
      expect((await app.get('/api/query/evaluations?unitId=unit-jiaojing', GONGAN)).status).toBe(403);
      expect((await app.get('/api/query/evaluations', BRANCH)).status).toBe(403);
      expect((await app.get('/api/query/evaluations')).status).toBe(401);
    });

    it.each([
      ['quarter', '?quarter=2026-Q5'],
      ['awaiting', '?awaiting=both'],
      ['pageSize', '?pageSize=1000'],
    ])('names %s when it is wrong (400)', async (field, query) => {
      const { status, body } = await app.get(`/api/query/evaluations${query}`, OFFICE);
      expect(status).toBe(400);
      expect(fields(body)).toEqual([field]);
    });
  });

  describe('GET /api/query/quarterly-scores', () => {
    it('ranks the units with their names, parts and sources', async () => {
      const { status, body } = await app.get(`/api/query/quarterly-scores?quarter=${QUARTER}&groupBy=unit`, AUDITOR);
      expect(status).toBe(200);
      expect(body).toMatchObject({ quarter: QUARTER, from: '2026-10-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00', groupBy: 'unit', weighting: { weightingId: 'w-2026q4', stationRating: 0.25 } });
      expect(body.groups.map((g: { id: string; rank: number; score: number }) => [g.id, g.rank, g.score])).toEqual([
        ['unit-chengguan', 1, 95],
        ['unit-jiaojing', 1, 95],
        ['unit-xiaofang', 3, 63],
        ['unit-gongan', 4, 61.5],
      ]);
      expect(body.groups[1]).toMatchObject({ name: { zh: '交警大队' }, sources: { caseIds: ['n1'], taskIds: [jiaojing], evaluationIds: [jiaojing] } });
    });

    it('ranks the stations under the quarter’s weighting', async () => {
      const { body } = await app.get(`/api/query/quarterly-scores?quarter=${QUARTER}&groupBy=station`, OFFICE);
      expect(body.weighting).toMatchObject({ weightingId: 'w-2026q4', whistleRating: 0.2 });
      expect(body.groups.map((g: { id: string; score: number }) => [g.id, g.score])).toEqual([
        ['station-north', 72],
        ['station-south', 66.67],
      ]);
    });

    it.each([
      ['quarter', '?quarter=2026Q4&groupBy=unit'],
      ['quarter', '?groupBy=unit'],
      ['groupBy', `?quarter=${QUARTER}&groupBy=community`],
    ])('names %s when it is wrong or missing (400)', async (field, query) => {
      const { status, body } = await app.get(`/api/query/quarterly-scores${query}`, OFFICE);
      expect(status).toBe(400);
      expect(fields(body)).toEqual([field]);
    });

    it('is the office’s and the auditors’ (403 to a station, 401 without a token)', async () => {
      expect((await app.get(`/api/query/quarterly-scores?quarter=${QUARTER}&groupBy=unit`, NORTH)).status).toBe(403);
      expect((await app.get(`/api/query/quarterly-scores?quarter=${QUARTER}&groupBy=unit`)).status).toBe(401);
    });
  });

  describe('weightings, firms and assessments', () => {
    it('tells any signed-in role the weighting in force and the history', async () => {
      const { status, body } = await app.get('/api/query/weightings', GONGAN);
      expect(status).toBe(200);
      expect(body.current).toMatchObject({ weightingId: 'w-2026q4', effectiveFrom: QUARTER, reason: '年度调整' });
      expect(body.history.map((w: { weightingId: string }) => w.weightingId)).toEqual(['w-2026q4', 'w-2027q1']);
      expect((await app.get('/api/query/weightings')).status).toBe(401);
    });

    it('lists the firms and shows one with its credit record; 404 for an unknown one, 403 to a unit', async () => {
      const { body } = await app.get('/api/query/firms', NORTH);
      expect(body).toMatchObject({ total: 1, items: [{ id: FIRM, name: '绿苑物业服务有限公司' }] });
      const firm = await app.get(`/api/query/firms/${FIRM}`, OFFICE);
      expect(firm.body).toMatchObject({ id: FIRM, contact: { phone: '13800000000' }, credit: [{ publicationId: 'P1', list: 'red' }, { publicationId: 'P2' }] });
      expect((await app.get('/api/query/firms/firm-nobody', OFFICE)).status).toBe(404);
      expect((await app.get('/api/query/firms', GONGAN)).status).toBe(403);
    });

    it('shows a station the assessments of its communities only', async () => {
      const south = await app.get(`/api/query/assessments?quarter=${QUARTER}`, SOUTH);
      expect(south.body.items.map((a: { id: string }) => a.id)).toEqual([`${QUARTER}.${FIRM}.compound-mingyue-2`]);
      expect((await app.get('/api/query/assessments', NORTH)).body.total).toBe(0);
      expect((await app.get('/api/query/assessments?stationId=station-south', NORTH)).status).toBe(403);
      expect((await app.get(`/api/query/assessments/${QUARTER}.${FIRM}.compound-mingyue-2`, NORTH)).status).toBe(403);
      const one = await app.get(`/api/query/assessments/${QUARTER}.${FIRM}.compound-mingyue-2`, SOUTH);
      expect(one.body).toMatchObject({ status: 'completed', satisfaction: { responses: 25, average: 94.4 } });
      expect(one.body).not.toHaveProperty('scoreSum');
      const bad = await app.get('/api/query/assessments?status=closed', OFFICE);
      expect([bad.status, fields(bad.body)]).toEqual([400, ['status']]);
    });
  });

  describe('the public notices and credit records, without a token', () => {
    it('lists the notices, the latest first, and shows one with the notices that correct it', async () => {
      const list = await app.get('/api/public/notices');
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 2, items: [{ id: 'P2', corrects: 'P1' }, { id: 'P1', correctedBy: ['P2'] }] });
      const p1 = scenario.supervision.envelopes.find((e) => e.type === 'supervision.NoticePublished.v1');
      const one = await app.get('/api/public/notices/P1');
      expect(one.body).toMatchObject({ id: 'P1', publicationId: 'P1', kind: 'results', eventId: p1?.eventId, hash: p1?.hash, redList: [{ firmId: FIRM }] });
      expect((await app.get('/api/public/notices/P9')).status).toBe(404);
    });

    it('shows a firm’s credit record without its contact', async () => {
      const { status, body } = await app.get(`/api/public/firms/${FIRM}/credit`);
      expect(status).toBe(200);
      expect(Object.keys(body).sort()).toEqual(['entries', 'firmId', 'name']);
      expect(body.entries.map((e: { publicationId: string; list: string }) => [e.publicationId, e.list])).toEqual([
        ['P1', 'red'],
        ['P2', 'red'],
      ]);
      expect((await app.get('/api/public/firms/firm-nobody/credit')).status).toBe(404);
    });

    it('answers the signed-in alike', async () => {
      expect((await app.get('/api/public/notices', BRANCH)).status).toBe(200);
    });
  });
  describe('the OpenAPI document', () => {
    it('documents every supervision read, the public ones without a token', async () => {
      const { body } = await app.get('/api/docs-json');
      const paths = body.paths as Record<string, Record<string, { security?: unknown[]; summary?: string }>>;
      for (const path of [
        '/api/query/evaluations',
        '/api/query/weightings',
        '/api/query/firms',
        '/api/query/firms/{firmId}',
        '/api/query/assessments',
        '/api/query/assessments/{assessmentId}',
        '/api/query/quarterly-scores',
        '/api/query/bulletins/weekly',
      ]) {
        expect(paths[path]?.['get']?.summary).toEqual(expect.any(String));
        expect(paths[path]?.['get']?.security).toEqual([{ bearer: [] }]);
      }
      for (const path of ['/api/public/notices', '/api/public/notices/{publicationId}', '/api/public/firms/{firmId}/credit']) expect(paths[path]?.['get']?.security).toEqual([]);
    });
  });
});

describe('GET /api/query/bulletins/weekly', () => {
  let app: QueryApp;
  beforeAll(async () => {
    app = await appOver(bulletinWeek());
  });
  afterAll(() => app.close());

  const fetchAs = (query: string, as: Principal = OFFICE) =>
    fetch(`${app.url}/api/query/bulletins/weekly${query}`, { headers: { authorization: `Bearer ${signToken(as, { secret: DEVELOPMENT_JWT_SECRET, expiresIn: '5m' })}` } });

  it('answers the week’s figures as JSON by default', async () => {
    const { status, body } = await app.get('/api/query/bulletins/weekly?week=2026-W47', AUDITOR);
    expect(status).toBe(200);
    expect(body).toMatchObject({ week: '2026-W47', from: '2026-11-16T00:00:00+08:00', generatedAt: '2026-12-10T00:00:00.000Z', cases: { reported: 2 }, level4: [{ caseId: 'c1' }], meetings: [{ meetingId: 'm1' }], noticesPublished: [{ publicationId: 'P1' }] });
  });

  it('renders a self-contained printable page in Chinese, or in English on request', async () => {
    const zh = await fetchAs('?week=2026-W47&format=html');
    expect(zh.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await zh.text();
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('<title>每周工作信息 · 2026-W47</title>');
    for (const heading of ['概况', '案件', '四级案件', '联席会议', '通报']) expect(page).toContain(`<h2>${heading}</h2>`);
    expect(page).not.toMatch(/<script|<link|src=/);
    const en = await (await fetchAs('?week=2026-W47&format=html&lang=en')).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<h2>Level 4</h2>');
  });

  /** Every row of a sheet as plain values: null for an empty cell, a percentage's fraction for a rate. */
  const rowsOf = (sheet: ExcelJS.Worksheet | undefined) => {
    const rows: unknown[][] = [];
    sheet?.eachRow({ includeEmpty: true }, (row) => {
      const cells: unknown[] = [];
      for (let i = 1; i <= sheet.columnCount; i += 1) cells.push(row.getCell(i).value ?? null);
      rows.push(cells);
    });
    return rows;
  };

  it('downloads the workbook, whose every cell is the week’s figures', async () => {
    const { body: bulletin } = await app.get('/api/query/bulletins/weekly?week=2026-W47', OFFICE);
    const response = await fetchAs('?week=2026-W47&format=xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="bulletin-2026-W47.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['概况', '案件', '四级案件', '联席会议', '通报']);

    const summary = workbook.getWorksheet('概况');
    expect(rowsOf(summary)).toEqual([
      ['项目', '数值', '依据'],
      ['周次', '2026-W47', null],
      ['起', '2026-11-16 00:00', null],
      ['止', '2026-11-23 00:00', null],
      ['生成时间', '2026-12-10 08:00', null],
      ['本周上报案件', 2, null],
      ['响应率', 1, '2/2'],
      ['解决率', 0.5, '1/2'],
      ['满意率', 1, '1/1'],
      ['报到超时', 0, null],
      ['任务超期', 0, null],
      ['宣传活动超期', 0, null],
      ['上会超期', 0, null],
      ['拒绝导致升级', 0, null],
      ['升级：工作站调整', 1, null],
      ['升级：联席办调整', 0, null],
      ['升级：劝导无效', 0, null],
      ['升级：部门均拒绝', 0, null],
      ['升级：需联合执法', 0, null],
      ['升级：报到超时', 0, null],
    ]);
    expect(summary?.getCell('B7').numFmt).toBe('0.0%');

    const statusRows = Object.entries(bulletin.cases.byStatus as Record<string, number>);
    const cases = rowsOf(workbook.getWorksheet('案件'));
    expect(cases.slice(0, 5)).toEqual([
      ['分类', '项目', '件数'],
      ['级别', '一级', 0],
      ['级别', '二级', 1],
      ['级别', '三级', 0],
      ['级别', '四级', 1],
    ]);
    expect(cases.slice(5).map((r) => r[2])).toEqual(statusRows.map(([, n]) => n));
    expect(cases.slice(5).every((r) => r[0] === '状态')).toBe(true);
    expect(cases.find((r) => r[1] === '已办结')?.[2]).toBe(bulletin.cases.byStatus.closed);

    // a compound the catalogue does not name is shown by its id
    const mingyue = catalogue.compound('compound-mingyue-2')?.compound.name.zh ?? 'compound-mingyue-2';
    const dogs = catalogue.category('uncivil_dog_keeping')?.name.zh;
    const c1Status = { adjudicating: '联席会议研判中', in_progress: '处置中', whistled: '已吹哨' }[bulletin.level4[0].status as string];
    expect(rowsOf(workbook.getWorksheet('四级案件'))).toEqual([
      ['案件编号', '小区', '类别', '状态', '研判状态'],
      ['c1', mingyue, dogs, c1Status, '已形成决议'],
    ]);

    const at = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    const [meeting] = bulletin.meetings;
    expect(rowsOf(workbook.getWorksheet('联席会议'))).toEqual([
      ['会议编号', '召开时间', '会议状态', '案件编号', '决定', '牵头单位', '配合单位', '措施', '期限', '暂缓理由'],
      ['m1', at(meeting.scheduledAt), '已散会', 'c1', '形成决议', catalogue.unit('unit-chengguan')?.name.zh, catalogue.unit('unit-gongan')?.name.zh, 'joint enforcement', at(meeting.decisions[0].deadline), null],
    ]);

    expect(rowsOf(workbook.getWorksheet('通报'))).toEqual([
      ['通报编号', '季度', '类型', '标题', '红榜企业数', '黑榜企业数', '内容哈希（SHA-256）'],
      ['P1', '2026-Q4', '测评结果', '第四季度通报', 1, 1, bulletin.noticesPublished[0].contentSha256],
    ]);
  });

  it('names its sheets and headers in English on request', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await fetchAs('?week=2026-W47&format=xlsx&lang=en')).arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Summary', 'Cases', 'Level 4', 'Meetings', 'Notices']);
    expect(rowsOf(workbook.getWorksheet('Notices'))[0]).toEqual(['Notice', 'Quarter', 'Kind', 'Title', 'Red list', 'Black list', 'Content hash (SHA-256)']);
    expect(rowsOf(workbook.getWorksheet('Summary'))[6]).toEqual(['Response rate', 1, '2/2']);
  });

  it.each([
    ['week', '?week=2026-W7'],
    ['week', '?week=2027-W53'],
    ['week', ''],
    ['format', '?week=2026-W47&format=pdf'],
    ['lang', '?week=2026-W47&lang=fr'],
  ])('names %s when it is wrong (400)', async (field, query) => {
    const { status, body } = await app.get(`/api/query/bulletins/weekly${query}`, OFFICE);
    expect(status).toBe(400);
    expect(fields(body)).toEqual([field]);
  });

  it('is the office’s and the auditors’', async () => {
    expect((await app.get('/api/query/bulletins/weekly?week=2026-W47', NORTH)).status).toBe(403);
    expect((await app.get('/api/query/bulletins/weekly?week=2026-W47')).status).toBe(401);
  });
});
