import type { Principal } from '@whistle/auth';
import { systemSuite } from './support/system-suite';
import { ApiClient, eventually, roles } from './support/api-client';

/**
 * Reporters' personal data through the public API of the system started as `npm start` does:
 * what every role reads of it, and its erasure (个人信息删除) by the office.
 */
jest.setTimeout(120_000);

const suite = systemSuite();

const REPORTER = { name: '张三', phone: '13812345678' };
const MASKED = { name: '张*', phone: '138****5678' };

/** Every role, scoped in and out of one case of compound-xinghua-1 (station-north) whose level-2 whistle summons 交警 and 消防. */
const CALLERS: Record<string, Principal> = {
  'its own reporter': roles.reporter('compound-xinghua-1'),
  'another reporter of the compound': { sub: 'reporter-neighbour', role: 'reporter', compoundId: 'compound-xinghua-1' },
  'a reporter of another compound': roles.reporter('compound-wanghu-1'),
  'the case’s station': roles.station('station-north'),
  'another station': roles.station('station-central'),
  'a summoned unit': roles.unit('unit-jiaojing'),
  'a unit not summoned': roles.unit('unit-chengguan'),
  office: roles.office(),
  auditor: roles.auditor(),
  admin: { sub: 'admin-wang', role: 'admin' },
};

type Seen = 'full' | 'masked' | 'erased' | 403;

/** DOMAIN.md: personal data, masked for everyone without the right to see it; a caller outside the case is refused. */
const BEFORE: Record<keyof typeof CALLERS, Seen> = {
  'its own reporter': 'full',
  'another reporter of the compound': 'masked',
  'a reporter of another compound': 403,
  'the case’s station': 'full',
  'another station': 403,
  'a summoned unit': 'masked',
  'a unit not summoned': 403,
  office: 'full',
  auditor: 'masked',
  admin: 'masked',
};

/**
 * What each caller reads: in full with a reason (the POST), or else masked (the GET, which needs
 * none); 403 when neither lets it in.
 */
async function seenBy(caseId: string): Promise<Record<string, Seen>> {
  const seen: Record<string, Seen> = {};
  for (const [who, principal] of Object.entries(CALLERS)) {
    const client = new ApiClient(suite.system().baseUrl, principal);
    const full = await client.post(`/api/intake/cases/${caseId}/reporter/disclosures`, { reason: '核实反映人身份' });
    const { status, body } = full.status === 403 ? await client.get(`/api/intake/cases/${caseId}/reporter`) : full;
    if (status === 403) seen[who] = 403;
    else if (status !== 200) throw new Error(`${who} got HTTP ${status}: ${JSON.stringify(body)}`);
    else if (body.erased && body.reporter === null && body.masked === false) seen[who] = 'erased';
    else if (body.masked === false && body.erased === null && JSON.stringify(body.reporter) === JSON.stringify(REPORTER)) seen[who] = 'full';
    else if (body.masked === true && body.erased === null && JSON.stringify(body.reporter) === JSON.stringify(MASKED)) seen[who] = 'masked';
    else throw new Error(`${who} got ${JSON.stringify(body)}`);
  }
  return seen;
}

test('every role reads the reporter in full, masked or not at all, and after the office erases it, reads who erased it, when and why', async () => {
  const steps = suite.steps();
  const reporter = new ApiClient(suite.system().baseUrl, CALLERS['its own reporter'] as Principal);
  const reported = await reporter.post('/api/intake/cases', { compoundId: 'compound-xinghua-1', category: 'fire_lane_blocked', description: '消防通道被占', channel: 'branch', reporter: REPORTER });
  expect(reported.status).toBe(201);
  const caseId = reported.body.id as string;
  await steps.waitFor(caseId, (v) => v.status === 'triaged', 'triaged');
  await steps.whistle(caseId, { level: 2 });
  // Intake learns of the summoned units from escalation's topic.
  await eventually(async () => expect((await seenBy(caseId))['a summoned unit']).toBe('masked'));
  expect(await seenBy(caseId)).toEqual(BEFORE);

  const reason = '报告人来电申请删除个人信息';
  const erased = await steps.office.post(`/api/intake/cases/${caseId}/reporter/erasure`, { reason });
  expect(erased).toMatchObject({ status: 200, body: { id: caseId, events: ['intake.ReporterDataErased.v1'] } });
  const after = Object.fromEntries(Object.entries(BEFORE).map(([who, seen]) => [who, seen === 403 ? 403 : 'erased']));
  expect(await seenBy(caseId)).toEqual(after);
  const told = await new ApiClient(suite.system().baseUrl, roles.auditor()).get(`/api/intake/cases/${caseId}/reporter`);
  expect(told.body).toEqual({ reporter: null, masked: false, erased: { at: expect.any(String), by: { id: 'office-zhang', role: 'office' }, reason }, fullRequiresReason: false, access: null });

  // The case view and the audit's history say so, and every stream of the case still verifies.
  const view = await steps.waitFor(caseId, (v) => v.reporterErasure !== null, 'shows the erasure');
  expect(view.reporterErasure).toEqual(told.body.erased);
  expect(view.hasReporter).toBe(true);
  const history = await steps.history(caseId);
  expect(history.filter((e) => e.type === 'intake.ReporterDataErased.v1')).toEqual([
    expect.objectContaining({ actor: expect.objectContaining({ id: 'office-zhang', role: 'office' }), data: { caseId, keyId: `pd-${caseId}`, reason, erasedAt: told.body.erased.at } }),
  ]);
  const verified = await new ApiClient(suite.system().baseUrl, roles.auditor()).post('/api/audit/verify', { caseId });
  expect(verified).toMatchObject({ status: 200, body: { ok: true } });
  expect(JSON.stringify(history)).not.toMatch(/张三|13812345678/);

  const again = await steps.office.post(`/api/intake/cases/${caseId}/reporter/erasure`, { reason });
  expect(again).toMatchObject({ status: 409, body: { details: [{ code: 'case.reporter_data_erased' }] } });
});

test('the office erases every case of one phone number; a station may not', async () => {
  const steps = suite.steps();
  const report = async (phone: string) => {
    const answer = await steps.station.post('/api/intake/cases', { compoundId: 'compound-xinghua-2', category: 'late_night_noise', description: `夜间噪音 ${phone}`, channel: 'hotline_12345', reporter: { name: '李四', phone } });
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  };
  const mine = [await report('139 0000 1111'), await report('+86 13900001111')];
  const other = await report('13900002222');
  expect((await steps.station.post('/api/intake/reporters/erasure', { phone: '13900001111', reason: '本人申请' })).status).toBe(403);
  const erased = await steps.office.post('/api/intake/reporters/erasure', { phone: '13900001111', reason: '本人申请' });
  expect(erased.status).toBe(200);
  expect({ count: erased.body.count, ids: (erased.body.cases as { id: string }[]).map((c) => c.id).sort() }).toEqual({ count: 2, ids: [...mine].sort() });
  for (const id of mine) await steps.waitFor(id, (v) => v.reporterErasure?.reason === '本人申请', 'shows the erasure');
  expect((await steps.office.post(`/api/intake/cases/${other}/reporter/disclosures`, { reason: '核对删除范围' })).body.reporter).toEqual({ name: '李四', phone: '13900002222' });
  expect((await steps.office.post('/api/intake/reporters/erasure', { phone: '13900001111', reason: '本人申请' })).body).toEqual({ count: 0, cases: [] });
});

test('a read in full needs a reason and is recorded first (who, when, why), for the auditor and the office to list by case, accessor and period; a station may not list them', async () => {
  const steps = suite.steps();
  const base = suite.system().baseUrl;
  const reported = await steps.station.post('/api/intake/cases', { compoundId: 'compound-xinghua-1', category: 'late_night_noise', description: '夜间施工噪音', channel: 'hotline_12345', reporter: REPORTER });
  expect(reported.status).toBe(201);
  const caseId = reported.body.id as string;
  const station = new ApiClient(base, roles.station('station-north'));
  const auditor = new ApiClient(base, roles.auditor());
  const path = `/api/intake/cases/${caseId}/reporter`;
  const disclose = (client: ApiClient, body: unknown) => client.post(`${path}/disclosures`, body);

  // The masked read: told that a reason reads it in full; the auditor, never entitled, is not told so, and may not read it in full.
  expect((await station.get(path)).body).toEqual({ reporter: MASKED, masked: true, erased: null, fullRequiresReason: true, access: null });
  expect((await auditor.get(path)).body).toEqual({ reporter: MASKED, masked: true, erased: null, fullRequiresReason: false, access: null });
  expect((await disclose(auditor, { reason: '审计抽查' })).status).toBe(403);
  // A reason that is missing, blank, too long or not text is refused, naming it; a reason on the GET is refused, naming the POST; nothing is recorded.
  for (const bad of [{}, { reason: '' }, { reason: '   ' }, { reason: '查'.repeat(501) }, { reason: ['a', 'b'] }]) {
    const refused = await disclose(station, bad);
    expect({ bad, status: refused.status, field: refused.body?.details?.[0]?.field }).toEqual({ bad, status: 400, field: 'reason' });
  }
  const onTheGet = await station.get(`${path}?reason=${encodeURIComponent('回访核实')}`);
  expect({ status: onTheGet.status, field: onTheGet.body?.details?.[0]?.field, message: onTheGet.body?.details?.[0]?.message }).toEqual({ status: 400, field: 'reason', message: expect.stringContaining('/reporter/disclosures') });

  const before = Date.now();
  const reason = '回访前核实反映人联系方式';
  const read = await disclose(station, { reason });
  expect(read).toMatchObject({ status: 200, body: { reporter: REPORTER, masked: false, erased: null, fullRequiresReason: false, access: { at: expect.any(String), position: expect.any(String) } } });
  expect(read.headers.get('cache-control')).toBe('no-store');
  const at = read.body.access.at as string;
  expect(Date.parse(at)).toBeGreaterThanOrEqual(before - 1000);
  await disclose(steps.office, { reason: '受理投诉复核' });

  // The record: in the case's history, sealed in intake's store, and it verifies.
  const history = await steps.history(caseId);
  expect(history.filter((e) => e.type === 'intake.PersonalDataAccessed.v1')).toEqual([
    expect.objectContaining({ actor: expect.objectContaining({ id: 'station-station-north', role: 'station', stationId: 'station-north' }), data: { caseId, reason, accessedAt: at } }),
    expect.objectContaining({ actor: expect.objectContaining({ id: 'office-zhang', role: 'office' }), data: { caseId, reason: '受理投诉复核', accessedAt: expect.any(String) } }),
  ]);
  expect(JSON.stringify(history)).not.toMatch(/张三|13812345678/);
  expect(await auditor.post('/api/audit/verify', { caseId })).toMatchObject({ status: 200, body: { ok: true } });

  // The auditor's list, by case, by accessor and by period; the office's too; not a station's.
  const list = async (query: string) => (await auditor.get(`/api/audit/personal-data-access?${query}`)).body;
  const ofCase = await eventually(async () => {
    const found = await list(`caseId=${caseId}`);
    expect(found.total).toBe(2);
    return found;
  });
  expect(ofCase.items[1]).toEqual({
    eventId: expect.any(String),
    caseId,
    accessedAt: at,
    actor: expect.objectContaining({ id: 'station-station-north', role: 'station', stationId: 'station-north' }),
    reason,
    streamId: `personal-data-access-${caseId}`,
    revision: 0,
    hash: expect.stringMatching(/^[0-9a-f]{64}$/),
  });
  expect(ofCase.items[0]).toMatchObject({ actor: { id: 'office-zhang' }, reason: '受理投诉复核', revision: 1 });
  expect((await list(`caseId=${caseId}&actor=station-station-north`)).items.map((i: { reason: string }) => i.reason)).toEqual([reason]);
  const until = new Date(Date.parse(at) + 1).toISOString();
  expect((await list(`caseId=${caseId}&from=${encodeURIComponent(new Date(before - 1000).toISOString())}&to=${encodeURIComponent(until)}`)).items.map((i: { reason: string }) => i.reason)).toEqual([reason]);
  expect((await list(`caseId=${caseId}&from=${encodeURIComponent(until)}`)).total).toBe(1);
  expect((await list(`caseId=${caseId}&pageSize=1&page=2`)).items.map((i: { reason: string }) => i.reason)).toEqual([reason]);
  expect((await steps.office.get(`/api/audit/personal-data-access?caseId=${caseId}`)).body.total).toBe(2);
  expect((await station.get(`/api/audit/personal-data-access?caseId=${caseId}`)).status).toBe(403);
  const badPeriod = await auditor.get(`/api/audit/personal-data-access?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z`);
  expect({ status: badPeriod.status, field: badPeriod.body.details?.[0]?.field }).toEqual({ status: 400, field: 'to' });
  expect((await auditor.get('/api/audit/personal-data-access?from=yesterday')).body.details?.[0]?.field).toBe('from');
});
