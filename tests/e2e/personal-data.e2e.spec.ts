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

async function seenBy(caseId: string): Promise<Record<string, Seen>> {
  const seen: Record<string, Seen> = {};
  for (const [who, principal] of Object.entries(CALLERS)) {
    const { status, body } = await new ApiClient(suite.system().baseUrl, principal).get(`/api/intake/cases/${caseId}/reporter`);
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
  expect(told.body).toEqual({ reporter: null, masked: false, erased: { at: expect.any(String), by: { id: 'office-zhang', role: 'office' }, reason } });

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
  expect((await steps.office.get(`/api/intake/cases/${other}/reporter`)).body.reporter).toEqual({ name: '李四', phone: '13900002222' });
  expect((await steps.office.post('/api/intake/reporters/erasure', { phone: '13900001111', reason: '本人申请' })).body).toEqual({ count: 0, cases: [] });
});
