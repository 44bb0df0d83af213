import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Principal } from '@whistle/auth';
import { ApiClient, eventually, roles } from './support/api-client';
import { CaseSteps } from './support/case-steps';
import { forgedToken, RecordWatch, send, validToken } from './support/refusals';
import { SystemProcess } from './support/system-process';

/**
 * The protocol around the commands and reads, over HTTP against the system started as a separate
 * process: Idempotency-Key, If-Match, health and readiness, the OpenAPI document and its UI,
 * Prometheus metrics, correlation ids, scoping of the case list and view by role, the catalogue,
 * and the token printed by `npm run token`.
 */
jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

let system: SystemProcess;
let steps: CaseSteps;
let watch: RecordWatch;

const station = roles.station('station-north');
const central = roles.station('station-central');
const client = (principal: Principal) => new ApiClient(system.baseUrl, principal);

beforeAll(async () => {
  system = await SystemProcess.start();
  steps = new CaseSteps(system.baseUrl);
  watch = new RecordWatch(system.baseUrl);
}, 120_000);

afterAll(async () => system?.dispose());

/** Reports a case as the given station and waits until the read side has it triaged. */
async function reportAs(principal: Principal, compoundId: string, category: string): Promise<string> {
  const response = await client(principal).post('/api/intake/cases', { compoundId, category, description: `${category} 测试`, channel: 'station_patrol' });
  expect(response.status).toBe(201);
  const caseId = response.body.id as string;
  await steps.waitFor(caseId, (v) => v.status === 'triaged', 'triaged');
  return caseId;
}

const typesOf = (events: any[]) => events.map((e) => e.type as string);

describe('Idempotency-Key', () => {
  const report = { compoundId: 'compound-wutong-2', category: 'green_space_vegetables', description: '绿地被改种蔬菜', channel: 'resident_app' };

  it('the same key and body twice returns the same response and records one case', async () => {
    await watch.settle();
    const total = await watch.caseTotal();
    const headers = { 'idempotency-key': 'e2e-report-0001' };
    const first = await steps.station.post('/api/intake/cases', report, headers);
    const second = await steps.station.post('/api/intake/cases', report, headers);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(String), revision: 1, events: ['intake.CaseReported.v1', 'intake.CaseRouted.v1'], position: expect.stringMatching(/^p1\./) });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    // The replay carries the first answer's position in its header too.
    expect(second.headers.get('position')).toBe(first.body.position);

    const caseId = first.body.id as string;
    await steps.waitFor(caseId, (v) => v.status === 'triaged', 'triaged');
    await watch.settle();
    expect(await watch.caseTotal()).toBe(total + 1);
    expect(typesOf(await watch.history(caseId)).filter((t) => t.startsWith('intake.'))).toEqual(['intake.CaseReported.v1', 'intake.CaseRouted.v1']);
  });

  it('two concurrent requests with the same key record one case', async () => {
    await watch.settle();
    const total = await watch.caseTotal();
    const body = { ...report, compoundId: 'compound-xinghua-2', category: 'flying_wire_charging', description: '飞线充电' };
    const headers = { 'idempotency-key': 'e2e-report-concurrent' };
    const [a, b] = await Promise.all([steps.station.post('/api/intake/cases', body, headers), steps.station.post('/api/intake/cases', body, headers)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    await steps.waitFor(a.body.id, (v) => v.status === 'triaged', 'triaged');
    await watch.settle();
    expect(await watch.caseTotal()).toBe(total + 1);
  });

  it('the same key with another body is a 422 naming Idempotency-Key, and records nothing', async () => {
    await watch.settle();
    const [total, stored] = [await watch.caseTotal(), await watch.storedEvents()];
    const response = await steps.station.post('/api/intake/cases', { ...report, description: '另一份描述' }, { 'idempotency-key': 'e2e-report-0001' });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'Idempotency-Key e2e-report-0001 was already used for a different request',
      details: [],
    });
    expect(await watch.storedEvents()).toBe(stored);
    expect(await watch.caseTotal()).toBe(total);
  });

  it('a command on a case sent twice with the same key is recorded once; without the key it is refused', async () => {
    const caseId = await reportAs(station, 'compound-xinghua-1', 'thrown_from_height');
    await watch.settle();
    const headers = { 'idempotency-key': `withdraw-${caseId}` };
    const first = await steps.station.post(`/api/intake/cases/${caseId}/withdraw`, { reason: '重复反映' }, headers);
    const second = await steps.station.post(`/api/intake/cases/${caseId}/withdraw`, { reason: '重复反映' }, headers);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: caseId, revision: 2, events: ['intake.CaseWithdrawn.v1'], position: expect.stringMatching(/^p1\./) });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(typesOf(await watch.history(caseId)).filter((t) => t === 'intake.CaseWithdrawn.v1')).toHaveLength(1);
    const again = await steps.station.post(`/api/intake/cases/${caseId}/withdraw`, { reason: '重复反映' });
    expect(again.status).toBe(409);
    expect(again.body.details).toEqual([{ code: 'case.withdrawn' }]);
  });

  it('a key that is not 1 to 255 visible characters is a 400 naming Idempotency-Key', async () => {
    const stored = await watch.settle();
    const response = await steps.station.post('/api/intake/cases', report, { 'idempotency-key': 'k'.repeat(300) });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('Idempotency-Key must be one header of 1 to 255 visible ASCII characters');
    expect(await watch.storedEvents()).toBe(stored);
  });

  // Known defect: the replay is keyed by the token's `sub` alone. `npm run token` gives every
  // station token the sub "dev-station", so one station's key replays another station's result.
  it('a key replays only to the caller it was used by: another station with the same sub is not handed the result', async () => {
    const south = client({ sub: 'dev-station', role: 'station', stationId: 'station-south' });
    const north = client({ sub: 'dev-station', role: 'station', stationId: 'station-north' });
    const body = { compoundId: 'compound-anju-2', category: 'unlicensed_business', description: '住改商', channel: 'branch' };
    const headers = { 'idempotency-key': 'e2e-shared-sub' };
    const own = await south.post('/api/intake/cases', body, headers);
    expect(own.status).toBe(201);
    // Without the key, station-north may not report in station-south's compound.
    expect((await north.post('/api/intake/cases', body)).status).toBe(403);
    const replayed = await north.post('/api/intake/cases', body, headers);
    expect({ status: replayed.status, id: replayed.body.id }).toEqual({ status: 403, id: undefined });
  });
});

describe('If-Match', () => {
  it('a withdrawal with a stale revision is a 412 and records nothing; with the current one it succeeds', async () => {
    const reported = await steps.station.post('/api/intake/cases', { compoundId: 'compound-wutong-1', category: 'maintenance_fund_dispute', description: '维修基金', channel: 'branch' });
    expect(reported.body.revision).toBe(1);
    const caseId = reported.body.id as string;
    await steps.waitFor(caseId, (v) => v.status === 'triaged', 'triaged');
    await watch.settle();
    const history = (await watch.history(caseId)).map((e) => e.hash);
    const stored = await watch.storedEvents();

    const stale = await steps.station.post(`/api/intake/cases/${caseId}/withdraw`, { reason: '已协商解决' }, { 'if-match': '0' });
    expect(stale.status).toBe(412);
    expect(stale.body).toEqual({ statusCode: 412, error: 'Precondition Failed', message: `case-${caseId} moved on: revision 1, not 0`, details: [] });
    expect((await watch.history(caseId)).map((e) => e.hash)).toEqual(history);
    expect(await watch.storedEvents()).toBe(stored);

    const current = await steps.station.post(`/api/intake/cases/${caseId}/withdraw`, { reason: '已协商解决' }, { 'if-match': '1' });
    expect(current.status).toBe(200);
    expect(current.body).toEqual({ id: caseId, revision: 2, events: ['intake.CaseWithdrawn.v1'], position: expect.stringMatching(/^p1\./) });
  });

  it('a whistle pinned to a revision the case has moved past is a 412; pinned to the current one (ETag form too) it is blown', async () => {
    const caseId = await reportAs(station, 'compound-xinghua-3', 'common_area_clutter');
    await watch.settle();
    const whistleStream = `whistle-${caseId}`;
    const lastRevision = async () => Math.max(...(await watch.history(caseId)).filter((e) => e.streamId === whistleStream).map((e) => e.revision as number));
    const atTriage = await lastRevision();
    expect(atTriage).toBe(0);

    const raised = await steps.station.post(`/api/escalation/cases/${caseId}/level`, { level: 3, reason: '多次劝导无效' }, { 'if-match': `"${atTriage}"` });
    expect(raised.status).toBe(200);
    expect(raised.body).toEqual({ id: caseId, revision: 1, events: ['escalation.LevelRaised.v1'], position: expect.stringMatching(/^p1\./) });
    await watch.settle();
    const hashes = (await watch.history(caseId)).map((e) => e.hash);
    const stored = await watch.storedEvents();

    const stale = await steps.station.post(`/api/escalation/cases/${caseId}/whistle`, { level: 3 }, { 'if-match': String(atTriage) });
    expect(stale.status).toBe(412);
    expect(stale.body).toEqual({ statusCode: 412, error: 'Precondition Failed', message: `whistle-${caseId} moved on: revision 1, not 0`, details: [] });
    expect((await watch.history(caseId)).map((e) => e.hash)).toEqual(hashes);
    expect(await watch.storedEvents()).toBe(stored);

    const current = await steps.station.post(`/api/escalation/cases/${caseId}/whistle`, { level: 3 }, { 'if-match': '1' });
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ id: caseId, revision: 2, events: ['escalation.WhistleBlown.v1'] });
    await steps.waitFor(caseId, (v) => v.status === 'whistled' && v.level === 3, 'whistled at level 3');
  });

  it('an If-Match that is not a revision is a 400 naming If-Match', async () => {
    const response = await steps.office.post('/api/escalation/cases/any-case/level', { level: 3, reason: 'x' }, { 'if-match': 'soon' });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('If-Match must be a revision number, like If-Match: 3; got "soon"');
  });
});

describe('health, readiness, docs and metrics', () => {
  it('/api/health answers 200 without a token', async () => {
    const response = await send(system.baseUrl, 'GET', '/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('/api/ready answers 200 with every check ok', async () => {
    const response = await send(system.baseUrl, 'GET', '/api/ready');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ready');
    const checks = response.body.checks as Record<string, string>;
    expect(Object.keys(checks)).toEqual(expect.arrayContaining(['intake-store', 'escalation-store', 'enforcement-store', 'adjudication-store']));
    expect(Object.entries(checks).filter(([, outcome]) => outcome !== 'ok')).toEqual([]);
  });

  it('/api/docs-json is an OpenAPI document listing every path of the contract', async () => {
    const response = await send(system.baseUrl, 'GET', '/api/docs-json');
    expect(response.status).toBe(200);
    expect(String(response.body.openapi)).toMatch(/^3\./);
    const documented = Object.entries(response.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const contract = [
      'GET /api/health',
      'GET /api/ready',
      'GET /api/catalogue',
      'POST /api/intake/cases',
      'POST /api/intake/cases/{caseId}/withdraw',
      'POST /api/intake/cases/{caseId}/callback',
      'POST /api/intake/cases/{caseId}/reopen',
      'GET /api/intake/cases/{caseId}/reporter',
      'POST /api/intake/cases/{caseId}/reporter/disclosures',
      'POST /api/intake/cases/{caseId}/reporter/erasure',
      'POST /api/intake/reporters/erasure',
      'POST /api/escalation/cases/{caseId}/whistle',
      'POST /api/escalation/cases/{caseId}/level',
      'GET /api/enforcement/tasks',
      'POST /api/enforcement/tasks/{taskId}/report-in',
      'POST /api/enforcement/tasks/{taskId}/accept',
      'POST /api/enforcement/tasks/{taskId}/decline',
      'POST /api/enforcement/tasks/{taskId}/actions',
      'POST /api/enforcement/tasks/{taskId}/outcome',
      'POST /api/enforcement/cases/{caseId}/activities',
      'POST /api/adjudication/meetings',
      'GET /api/adjudication/meetings/{meetingId}',
      'POST /api/adjudication/meetings/{meetingId}/open',
      'POST /api/adjudication/meetings/{meetingId}/attendance',
      'POST /api/adjudication/meetings/{meetingId}/cases/{caseId}/opinions',
      'POST /api/adjudication/meetings/{meetingId}/cases/{caseId}/resolution',
      'POST /api/adjudication/meetings/{meetingId}/cases/{caseId}/defer',
      'POST /api/adjudication/meetings/{meetingId}/close',
      'GET /api/adjudication/meetings/{meetingId}/minutes',
      'GET /api/query/cases',
      'GET /api/query/cases/{caseId}',
      'GET /api/query/stats',
      'GET /api/audit/cases/{caseId}/history',
      'GET /api/audit/cases/{caseId}/state',
      'POST /api/audit/verify',
      'GET /api/audit/cases/{caseId}/dossier',
    ];
    expect(contract.filter((operation) => !documented.includes(operation))).toEqual([]);
    // The commands document the protocol headers they accept.
    const whistle = response.body.paths['/api/escalation/cases/{caseId}/whistle'].post;
    expect(whistle.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['caseId', 'Idempotency-Key', 'If-Match', 'After-Position', 'Prefer']));
    expect(whistle.responses['503'].description).toContain('not_yet_known');
    // The reads document After-Position and their 503; the live stream is there, as text/event-stream.
    const list = response.body.paths['/api/query/cases'].get;
    expect(list.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['After-Position', 'Prefer']));
    expect(list.responses['503'].description).toContain('position_not_reached');
    expect(Object.keys(response.body.paths['/api/query/cases/events'].get.responses['200'].content)).toEqual(['text/event-stream']);
  });

  it('/api/docs serves the HTML UI', async () => {
    const response = await fetch(`${system.baseUrl}/api/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<!DOCTYPE html>');
    expect(html).toContain('swagger-ui');
  });

  it('/metrics exposes Prometheus text with the HTTP request histogram, labelled by route pattern', async () => {
    const caseId = await reportAs(station, 'compound-wutong-1', 'zombie_vehicles');
    expect((await steps.station.get('/api/catalogue')).status).toBe(200);
    expect((await steps.station.get(`/api/query/cases/${caseId}`)).status).toBe(200);
    const response = await fetch(`${system.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;/);
    expect(response.headers.get('content-type')).toContain('version=0.0.4');
    const text = await response.text();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    const count = (route: string, method: string, status: number) =>
      Number(new RegExp(`^http_request_duration_seconds_count\\{method="${method}",route="${route.replace(/[/.]/g, '\\$&')}",status="${status}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    expect(count('/api/catalogue', 'GET', 200)).toBeGreaterThanOrEqual(1);
    expect(count('/api/intake/cases', 'POST', 201)).toBeGreaterThanOrEqual(1);
    expect(count('/api/query/cases/:caseId', 'GET', 200)).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/catalogue",status="200"\} \d+$/m);
    expect(text).not.toContain(caseId);
  });
});

describe('x-correlation-id', () => {
  it('every response carries one: successes, errors, health, docs and metrics', async () => {
    const office = validToken(roles.office());
    const responses = await Promise.all([
      send(system.baseUrl, 'GET', '/api/health'),
      send(system.baseUrl, 'GET', '/api/ready'),
      send(system.baseUrl, 'GET', '/api/catalogue', { token: office }),
      send(system.baseUrl, 'GET', '/api/catalogue'),
      send(system.baseUrl, 'GET', '/api/query/cases/no-such-case', { token: office }),
      send(system.baseUrl, 'GET', '/api/no-such-route', { token: office }),
      send(system.baseUrl, 'POST', '/api/intake/cases', { token: office, raw: '{"compoundId":' }),
      send(system.baseUrl, 'POST', '/api/intake/cases', { token: office, body: { padding: 'x'.repeat(100 * 1024) } }),
      send(system.baseUrl, 'POST', '/api/intake/cases', { token: office, body: {} }),
      send(system.baseUrl, 'GET', '/api/docs-json'),
      send(system.baseUrl, 'GET', '/metrics'),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 401, 404, 404, 400, 413, 400, 200, 200]);
    const ids = responses.map((r) => r.headers.get('x-correlation-id'));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('echoes the one sent, on errors too, and records it on the command’s events', async () => {
    const sent = 'e2e-protocol-0001';
    const refused = await send(system.baseUrl, 'POST', '/api/intake/cases', { body: {}, headers: { 'x-correlation-id': sent } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-correlation-id')).toBe(sent);

    const body = { compoundId: 'compound-xinghua-3', category: 'lift_or_fire_equipment_fault', description: '电梯停运', channel: 'hotline_12345' };
    const reported = await steps.station.post('/api/intake/cases', body, { 'x-correlation-id': sent });
    expect(reported.status).toBe(201);
    expect(reported.headers.get('x-correlation-id')).toBe(sent);
    const events = await eventually(async () => {
      const history = await watch.history(reported.body.id);
      if (history.length < 2) throw new Error('not recorded yet');
      return history;
    });
    const intake = events.filter((e) => e.service === 'intake');
    expect(intake.map((e) => [e.type, e.correlationId, e.actor])).toEqual([
      ['intake.CaseReported.v1', sent, { id: 'station-station-north', role: 'station', stationId: 'station-north' }],
      ['intake.CaseRouted.v1', sent, { id: 'station-station-north', role: 'station', stationId: 'station-north' }],
    ]);
  });

  it('replaces one that is not a plain token', async () => {
    const response = await send(system.baseUrl, 'GET', '/api/health', { headers: { 'x-correlation-id': 'not a token <script>' } });
    expect(response.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('scoping of the case list and view', () => {
  let a: string; // fire_lane_blocked at compound-xinghua-1 (station-north), whistled: unit-jiaojing and unit-xiaofang
  let b: string; // late_night_noise at compound-wutong-1 (station-north), triaged
  let c: string; // late_night_noise at compound-wanghu-1 (station-central), whistled: unit-gongan
  let d: string; // group_renting at compound-anju-1 (station-south), triaged

  beforeAll(async () => {
    a = await reportAs(station, 'compound-xinghua-1', 'fire_lane_blocked');
    b = await reportAs(station, 'compound-wutong-1', 'late_night_noise');
    c = await reportAs(central, 'compound-wanghu-1', 'late_night_noise');
    d = await reportAs(roles.office(), 'compound-anju-1', 'group_renting');
    await steps.whistle(a, { level: 2 });
    expect((await client(central).post(`/api/escalation/cases/${c}/whistle`, { level: 2 })).status).toBe(200);
    await steps.waitFor(a, (v) => v.tasks.length === 2, 'with two tasks');
    await steps.waitFor(c, (v) => v.tasks.length === 1, 'with one task');
    await watch.settle();
  });

  const list = async (principal: Principal, query = '') => {
    const response = await client(principal).get(`/api/query/cases?pageSize=100${query}`);
    expect(response.status).toBe(200);
    return response.body as { items: any[]; total: number };
  };
  const ids = (page: { items: any[] }) => page.items.map((item) => item.id as string);

  it('a station lists only its own communities’ cases', async () => {
    const north = await list(station);
    expect(ids(north)).toEqual(expect.arrayContaining([a, b]));
    expect(ids(north)).not.toContain(c);
    expect(ids(north)).not.toContain(d);
    expect(north.items.every((item) => item.stationId === 'station-north')).toBe(true);
    expect(new Set(north.items.map((item) => item.communityId))).toEqual(new Set(['community-xinghua', 'community-wutong']));
    expect(north.total).toBe(north.items.length);

    const centre = await list(central);
    expect(ids(centre)).toEqual([c]);
    expect(centre.total).toBe(1);
  });

  it('a station asking for another station’s list is refused', async () => {
    const response = await client(station).get('/api/query/cases?stationId=station-central');
    expect(response.status).toBe(403);
    expect(response.body.message).toBe('station station-north is outside the scope of this resource (stationId: station-central)');
  });

  it('a station views its own case and not another station’s', async () => {
    expect((await client(station).get(`/api/query/cases/${a}`)).status).toBe(200);
    const other = await client(station).get(`/api/query/cases/${c}`);
    expect(other.status).toBe(403);
    expect(other.body.message).toBe('station station-north is outside the scope of this resource (stationId: station-central)');
  });

  it('a unit lists and views only the cases it is involved in', async () => {
    const jiaojing = await list(roles.unit('unit-jiaojing'));
    expect(ids(jiaojing)).toEqual([a]);
    expect(jiaojing.total).toBe(1);
    const gongan = await list(roles.unit('unit-gongan'));
    expect(ids(gongan)).toContain(c);
    expect(ids(gongan)).not.toContain(a);
    expect(ids(gongan)).not.toContain(b);
    expect(ids(gongan)).not.toContain(d);

    expect((await client(roles.unit('unit-jiaojing')).get(`/api/query/cases/${a}`)).status).toBe(200);
    const notInvolved = await client(roles.unit('unit-jiaojing')).get(`/api/query/cases/${c}`);
    expect(notInvolved.status).toBe(403);
    expect(notInvolved.body.message).toBe('unit unit-jiaojing is outside the scope of this resource (unitId: unit-gongan)');
    expect((await client(roles.unit('unit-jiaojing')).get(`/api/query/cases/${b}`)).status).toBe(403);
    const otherUnit = await client(roles.unit('unit-jiaojing')).get('/api/query/cases?unitId=unit-gongan');
    expect(otherUnit.status).toBe(403);
  });

  it('a unit’s task list holds only its own tasks', async () => {
    const response = await client(roles.unit('unit-jiaojing')).get('/api/enforcement/tasks');
    expect(response.status).toBe(200);
    expect(response.body.items.map((t: any) => [t.unitId, t.caseId])).toEqual([['unit-jiaojing', a]]);
  });

  it('a reporter lists and views only its compound’s cases', async () => {
    const resident = roles.reporter('compound-xinghua-1');
    const own = await list(resident);
    expect(ids(own)).toContain(a);
    for (const other of [b, c, d]) expect(ids(own)).not.toContain(other);
    expect(own.items.every((item) => item.compoundId === 'compound-xinghua-1')).toBe(true);
    expect((await client(resident).get(`/api/query/cases/${a}`)).status).toBe(200);
    const other = await client(resident).get(`/api/query/cases/${b}`);
    expect(other.status).toBe(403);
    expect(other.body.message).toBe('reporter compound-xinghua-1 is outside the scope of this resource (compoundId: compound-wutong-1)');
  });

  it('the office and the auditor see every case', async () => {
    for (const principal of [roles.office(), roles.auditor()]) {
      expect(ids(await list(principal))).toEqual(expect.arrayContaining([a, b, c, d]));
      for (const caseId of [a, b, c, d]) expect((await client(principal).get(`/api/query/cases/${caseId}`)).status).toBe(200);
    }
  });
});

describe('GET /api/catalogue', () => {
  it('returns the catalogue in use to every role', async () => {
    const expected = JSON.parse(readFileSync(system.catalogueFile, 'utf8'));
    const principals: Principal[] = [
      roles.reporter('compound-anju-3'),
      station,
      roles.unit('unit-yuanlin'),
      roles.office(),
      roles.auditor(),
      { sub: 'admin-wang', role: 'admin' },
    ];
    for (const principal of principals) {
      const response = await client(principal).get('/api/catalogue');
      expect({ role: principal.role, status: response.status }).toEqual({ role: principal.role, status: 200 });
      expect(response.body).toEqual(expected);
    }
    const catalogue = (await steps.station.get('/api/catalogue')).body;
    expect(catalogue.stations.map((s: any) => s.id)).toEqual(['station-north', 'station-central', 'station-south']);
    expect(catalogue.categories.find((c: any) => c.id === 'fire_lane_blocked')).toMatchObject({ defaultLevel: 2, unitIds: ['unit-jiaojing', 'unit-xiaofang'] });
  });

  it('is a 401 without a token or with a forged one', async () => {
    const none = await send(system.baseUrl, 'GET', '/api/catalogue');
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'a bearer token is required: Authorization: Bearer <JWT>', details: [] });
    const forged = await send(system.baseUrl, 'GET', '/api/catalogue', { token: forgedToken(roles.office()) });
    expect(forged.status).toBe(401);
    expect(forged.body.message).toBe('invalid token: invalid signature');
  });
});

describe('npm run token', () => {
  it('prints on its last line a token the system accepts, with the station’s scope', async () => {
    const { stdout } = await run('npm', ['run', 'token', '--', '--role', 'station', '--station', 'station-north'], { cwd: ROOT, env: process.env });
    const token = stdout.trim().split('\n').at(-1) ?? '';
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const listed = await send(system.baseUrl, 'GET', '/api/query/cases', { token });
    expect(listed.status).toBe(200);
    expect(listed.body.items.every((item: any) => item.stationId === 'station-north')).toBe(true);

    const reported = await send(system.baseUrl, 'POST', '/api/intake/cases', {
      token,
      body: { compoundId: 'compound-wutong-2', category: 'flying_wire_charging', description: '楼道飞线充电', channel: 'station_patrol' },
    });
    expect(reported.status).toBe(201);
    const [first] = await watch.history(reported.body.id);
    expect(first).toMatchObject({ type: 'intake.CaseReported.v1', actor: { id: 'dev-station-station-north', role: 'station', stationId: 'station-north' } });

    const outside = await send(system.baseUrl, 'POST', '/api/intake/cases', {
      token,
      body: { compoundId: 'compound-anju-4', category: 'flying_wire_charging', description: '楼道飞线充电', channel: 'station_patrol' },
    });
    expect(outside.status).toBe(403);
  });
});
