import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEVELOPMENT_JWT_SECRET, PRINCIPAL_ROLES, SCOPE_CLAIM_OF_ROLE, signToken, type Principal, type PrincipalRole } from '@whistle/auth';
import { quarterOf } from '@whistle/contracts';
import { freePort, loadHttpSettings } from '@whistle/deployment';
import { systemClock, uuidIds } from '@whistle/kernel';
import { startEmbeddedSystem, type EmbeddedSystem } from '../../services/embedded/src/embedded-system';
import { API_DOCUMENT, bodyMembers, exampleOf, expressRoutes, operationOf, routeTable, type ApiDocument, type Route } from './authorization-matrix.routes';
import { ApiClient, eventually } from './support/api-client';
import { CaseSteps } from './support/case-steps';

/**
 * The role × path matrix (角色 × 路径), generated from the embedded app's own route table. Every
 * expectation follows from a route's own rule, read as the guard reads it (Reflector over the
 * handler and its controller): no token → 401 (through, for @Public); a role its @Roles does not
 * admit → 403; one it admits → through. And from its scope checks: for each reporter, station or
 * unit it admits, a caller of another compound, station or unit is refused (403) the real record its
 * path names (a case, a task, a meeting, an assessment and its finding, made through the API
 * first), or the inside scope its body or query names, while the same call from inside passes the
 * check. A route added without a rule fails it, as does one naming a record whose scope rule is
 * not known (COLLECTIONS below) and a route the express router serves outside Nest's table (it
 * would bypass the guard). A rule changed changes the expectation with it.
 */
jest.setTimeout(300_000);

/** Inside the real records below: the reporter who reported the case, its compound and station, a unit it summons and the meeting invites. */
const INSIDE: Record<PrincipalRole, Principal> = {
  reporter: { sub: 'matrix-reporter', role: 'reporter', compoundId: 'compound-xinghua-1' },
  station: { sub: 'matrix-station', role: 'station', stationId: 'station-north' },
  unit: { sub: 'matrix-unit', role: 'unit', unitId: 'unit-jiaojing' },
  office: { sub: 'matrix-office', role: 'office' },
  auditor: { sub: 'matrix-auditor', role: 'auditor' },
  admin: { sub: 'matrix-admin', role: 'admin' },
};

/** The same roles, scoped elsewhere: another compound, another station, a unit the case does not summon nor the meeting invite. */
const OUTSIDE: Partial<Record<PrincipalRole, Principal>> = {
  reporter: { sub: 'matrix-reporter-elsewhere', role: 'reporter', compoundId: 'compound-wanghu-1' },
  station: { sub: 'matrix-station-elsewhere', role: 'station', stationId: 'station-central' },
  unit: { sub: 'matrix-unit-elsewhere', role: 'unit', unitId: 'unit-chengguan' },
};

const tokenOf = (principal: Principal): string => signToken(principal, { secret: DEVELOPMENT_JWT_SECRET, expiresIn: '1h' });

/**
 * What a path names, by the collection its parameter follows (`/meetings/:meetingId` → meetings), and
 * whether a reporter, station or unit is refused it outside its compound, station or unit: the
 * handlers' scope checks (assertScope) as the matrix expects them. A route that admits a scoped role
 * and names a collection not listed here fails the test (its scope rule is not known); a route that
 * admits only town-wide roles needs none. Each collection listed gets a real record, made through the
 * API inside the INSIDE scopes, which the OUTSIDE callers are tried against.
 */
const COLLECTIONS = {
  cases: { scoped: true, why: 'a case belongs to its compound, its station and the units summoned to it' },
  tasks: { scoped: true, why: 'a task belongs to its unit and to the station of its case' },
  meetings: { scoped: true, why: 'a joint meeting (联席会议) is open to the units it invited' },
  assessments: { scoped: true, why: 'a property firm’s assessment (物业服务测评) belongs to the station of its compound' },
  findings: { scoped: true, why: 'a finding is of one assessment' },
  firms: { scoped: false, why: 'the register of property firms (物业企业) is town-wide: every station reads every firm' },
  compounds: {
    scoped: (role: PrincipalRole, method: string) => role === 'station' || (role === 'unit' && method !== 'GET'),
    why: 'a compound’s profile (小区档案) is read by the station of its community and by every unit (a department liaises with several); a unit writes its ledger (台账) only as a liaison assigned to it',
  },
  liaisons: { scoped: false, why: 'a liaison (联系小区) is named inside its compound’s path, whose rule decides' },
} as const satisfies Record<string, { scoped: boolean | ((role: PrincipalRole, method: string) => boolean); why: string }>;
type Collection = keyof typeof COLLECTIONS;
const isCollection = (name: string): name is Collection => Object.hasOwn(COLLECTIONS, name);
/** Whether a caller of `role` is refused the collection's records outside its scope with `method`. */
function scopedFor(collection: Collection, role: PrincipalRole, method: string): boolean {
  const { scoped } = COLLECTIONS[collection];
  return typeof scoped === 'function' ? scoped(role, method) : scoped;
}

/** The path's parameters, each with the collection it follows: `/a/meetings/:meetingId/cases/:caseId` → meetingId: meetings, caseId: cases. */
function paramsOf(path: string): { readonly param: string; readonly collection: string }[] {
  const segments = path.split('/');
  return segments.flatMap((segment, i) => (segment.startsWith(':') ? [{ param: segment.slice(1), collection: segments[i - 1] ?? '' }] : []));
}

function pathWith(path: string, values: Partial<Record<string, string>>): string {
  // A resource's extension (Open311's `requests.:format`) is one the route takes, so that the route, not the console, answers.
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(values[name] ?? (name === 'format' ? 'json' : `matrix-none-${name}`)));
}

/** The path with each parameter the id of the real record of its collection. */
const realPath = (route: Route): string => pathWith(route.path, Object.fromEntries(paramsOf(route.path).map(({ param, collection }) => [param, isCollection(collection) ? records[collection] : undefined])));

/** The scope claims a body may name (`unitId` of an opinion, `compoundId` of a report): which scope the caller acts in. */
const SCOPE_MEMBERS = ['compoundId', 'stationId', 'unitId'] as const;

/** One request (a POST carries `body`, `{}` by default); a stream (text/event-stream) counts by its status, its body is not waited for. */
async function call(baseUrl: string, method: string, path: string, principal: Principal | null, body: unknown = {}): Promise<{ status: number; body: string }> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}${path}`, {
    method: method === 'ALL' ? 'GET' : method,
    headers: { ...(principal ? { authorization: `Bearer ${tokenOf(principal)}` } : {}), ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
    signal: controller.signal,
  });
  if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    controller.abort();
    return { status: response.status, body: '' };
  }
  return { status: response.status, body: await response.text() };
}

/**
 * A body the request pipe lets through, made from the API document's schema of the operation
 * (its examples, enums and bounds; required members only), so that a call reaches the handler and
 * its scope check; `scope` sets the scope claims it names. `{}` where the document has no body.
 */
function bodyFor(document: ApiDocument, route: Route, scope: Partial<Record<(typeof SCOPE_MEMBERS)[number], string>> = {}): unknown {
  const schema = operationOf(document, route)?.requestBody?.content?.['application/json']?.schema;
  const body = schema ? exampleOf(document, schema, 0) : {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  // A member naming a record of a listed collection (`firmId` → firms) names the real one.
  const real = Object.keys(body).flatMap((member) => {
    const collection = `${member.replace(/Id$/, '')}s`;
    return member.endsWith('Id') && isCollection(collection) ? [[member, records[collection]]] : [];
  });
  return { ...body, ...Object.fromEntries(real), ...Object.fromEntries(SCOPE_MEMBERS.filter((member) => member in body && scope[member] !== undefined).map((member) => [member, scope[member]])) };
}

/** Open311's filing, public to tokens but admitted by a client's api_key (OPEN311_CLIENTS_FILE). */
const API_KEYED = /^POST \/open311\//;

/** What a rule lets a caller get: a status, or through (the guard and the scope checks let it reach its handler: anything but 401 or 403, never a 5xx). */
type Expected = 401 | 403 | 'through';

const answers = (expected: Expected, status: number): boolean => (expected === 'through' ? status !== 401 && status !== 403 && status < 500 : status === expected);

/** The rule of a route for a caller with no token or a token of `role`, on ids no record has: its @Public and @Roles alone decide. */
function expectedOf(route: Route, role: PrincipalRole | null): Expected {
  // A client's api_key, not a token, admits these; this system names no client, so every caller is refused alike.
  if (API_KEYED.test(`${route.method} ${route.path}`)) return 403;
  if (route.isPublic) return 'through';
  if (role === null) return 401;
  return (route.roles ?? []).includes(role) ? 'through' : 403;
}

/** A scoped role the route admits, tried from outside its scope on a real record, and the same call from inside, which the scope lets through. */
interface ScopeCall {
  readonly route: Route;
  readonly role: PrincipalRole;
  readonly how: string;
  readonly path: string;
  readonly outsideBody: unknown;
  readonly insideBody: unknown;
  readonly expected: Expected;
}

const scopeOf = (principal: Principal) => ({ compoundId: principal.compoundId, stationId: principal.stationId, unitId: principal.unitId });
const INSIDE_SCOPE = { compoundId: 'compound-xinghua-1', stationId: 'station-north', unitId: 'unit-jiaojing' } as const;

/**
 * The calls from another scope a route's rule implies, for each scoped role it admits: on the real
 * record its path names (the body naming the caller's own scope, so only the record is outside
 * it), or naming the inside scope in its body or its query (a report for another compound, a list
 * of another station's); `unknown` collects the collections a route names with no known scope rule.
 */
function scopeCallsOf(route: Route, document: ApiDocument, unknown: string[]): ScopeCall[] {
  if (route.isPublic) return [];
  const named = paramsOf(route.path);
  return (route.roles ?? []).flatMap((role): ScopeCall[] => {
    const claim = SCOPE_CLAIM_OF_ROLE[role];
    const outside = OUTSIDE[role];
    if (claim === undefined || outside === undefined) return [];
    if (named.length > 0) {
      const unlisted = named.filter(({ collection }) => !isCollection(collection));
      if (unlisted.length > 0) {
        unknown.push(`${route.method} ${route.path} admits ${role}: what do ${unlisted.map((n) => `:${n.param} (${n.collection})`).join(', ')} name, and is it scoped?`);
        return [];
      }
      const scoped = named.some(({ collection }) => scopedFor(collection as Collection, role, route.method));
      const how = `on the ${named.map((n) => n.collection).join('/')} record`;
      return [{ route, role, how, path: realPath(route), outsideBody: bodyFor(document, route, scopeOf(outside)), insideBody: bodyFor(document, route, scopeOf(INSIDE[role])), expected: scoped ? 403 : 'through' }];
    }
    if (route.method === 'POST' && bodyMembers(document, route).some((m) => (SCOPE_MEMBERS as readonly string[]).includes(m))) {
      const body = bodyFor(document, route, INSIDE_SCOPE);
      return [{ route, role, how: 'naming the inside scope in its body', path: route.path, outsideBody: body, insideBody: body, expected: 403 }];
    }
    if (route.method === 'GET' && operationOf(document, route)?.parameters?.some((p) => p.in === 'query' && p.name === claim)) {
      const path = `${route.path}?${claim}=${encodeURIComponent(INSIDE_SCOPE[claim])}`;
      return [{ route, role, how: `asking for ${claim}=${INSIDE_SCOPE[claim]}`, path, outsideBody: {}, insideBody: {}, expected: 403 }];
    }
    return [];
  });
}

let system: EmbeddedSystem;
let baseUrl: string;
let dataDir: string;
let routes: Route[];
let document: ApiDocument;
/** The real record of each collection, inside the INSIDE scopes. */
let records: Record<Collection, string>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'whistle-matrix-'));
  const port = await freePort();
  const settings = loadHttpSettings(port, { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'error', SCHEDULER_TICK_MS: '60000' });
  system = await startEmbeddedSystem(settings, { clock: systemClock, ids: uuidIds });
  baseUrl = `http://127.0.0.1:${port}`;
  routes = routeTable(system);
  document = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as ApiDocument;

  // A case of compound-xinghua-1 (station-north), reported by the INSIDE reporter: a level-1 whistle (宣传哨, its publicity
  // request), raised to level 2 and whistled to 交警 and 消防, whose tasks are done (their evaluations open).
  const steps = new CaseSteps(baseUrl);
  const reported = await new ApiClient(baseUrl, INSIDE.reporter).post('/api/intake/cases', { compoundId: 'compound-xinghua-1', category: 'fire_lane_blocked', description: '消防通道被占', channel: 'branch', reporter: { name: '张三', phone: '13812345678' } });
  expect(reported.status).toBe(201);
  const caseId = reported.body.id as string;
  await steps.waitFor(caseId, (v) => v.status === 'triaged', 'triaged');
  await steps.whistle(caseId, { level: 1, reason: '先行宣传劝导' });
  await steps.waitFor(caseId, (v) => v.status === 'whistled' && v.level === 1, 'whistled at level 1');
  expect((await steps.station.post(`/api/escalation/cases/${caseId}/level`, { level: 2, reason: '宣传后仍占用消防通道' })).status).toBe(200);
  await steps.waitFor(caseId, (v) => v.level === 2 && v.status === 'triaged', 'raised to level 2');
  const whistleId = await steps.whistle(caseId, { level: 2 });
  const taskId = await steps.taskOf(caseId, 'unit-jiaojing', whistleId);
  await steps.work(taskId, 'unit-jiaojing', 'resolved');
  await eventually(async () => expect(((await steps.office.get('/api/query/evaluations?pageSize=100')).body.items as { taskId: string }[]).map((e) => e.taskId)).toContain(taskId));
  // A joint meeting inviting 交警 and 消防 (not 城管).
  const meeting = await steps.office.post('/api/adjudication/meetings', { scheduledAt: new Date(Date.now() + 86_400_000).toISOString(), place: '镇综治中心会议室', invitedUnits: ['unit-jiaojing', 'unit-xiaofang'] });
  expect(meeting.status).toBe(201);
  // A property firm serving compound-xinghua-1, its assessment this quarter by station-north, and a finding of it.
  const firm = await steps.office.post('/api/supervision/firms', { name: '矩阵测试物业', creditCode: '91330100MA2XXXXX1J', contact: { name: '王经理', phone: '13800000000' }, compoundIds: ['compound-xinghua-1'] });
  expect(firm.status).toBe(201);
  const assessment = await steps.station.post('/api/supervision/assessments', { quarter: quarterOf(new Date().toISOString()), firmId: firm.body.id, compoundId: 'compound-xinghua-1' });
  expect(assessment.status).toBe(201);
  const finding = await steps.station.post(`/api/supervision/assessments/${assessment.body.id}/findings`, { dimension: 'sanitation', description: '3号楼垃圾桶满溢', rectifyBy: new Date(Date.now() + 7 * 86_400_000).toISOString() });
  expect(finding.status).toBe(200);
  // 交警 assigned to liaise with compound-xinghua-1 (联系小区), so the INSIDE unit may write its ledger.
  const liaison = await steps.office.post('/api/supervision/compounds/compound-xinghua-1/liaisons', { liaison: { kind: 'department', unitId: 'unit-jiaojing' }, reason: '矩阵测试：联系小区' });
  expect(liaison.status).toBe(201);
  records = { cases: caseId, tasks: taskId, meetings: meeting.body.id, firms: firm.body.id, assessments: assessment.body.id, findings: finding.body.findingId, compounds: 'compound-xinghua-1', liaisons: liaison.body.id };
  // The read side holds them before anyone asks it.
  await eventually(async () => expect((await steps.office.get(`/api/query/assessments/${records.assessments}`)).status).toBe(200));
  await eventually(async () => expect((await steps.office.get(`/api/query/firms/${records.firms}`)).status).toBe(200));
});

afterAll(async () => {
  await system?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('every route has a rule: @Roles or @Public, never both, and nothing is served around the route table', async () => {
  expect(routes.length).toBeGreaterThan(30);
  // No rule, no route: a route with neither @Roles nor @Public is refused to everyone by the guard; here it fails first.
  expect(routes.filter((r) => r.roles === undefined && !r.isPublic).map((r) => `${r.method} ${r.path} (${r.handler})`)).toEqual([]);
  expect(routes.filter((r) => r.roles !== undefined && r.isPublic).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  // Nothing served around Nest's table, where the guard would not see it, but the API document (public by design: Swagger's own routes).
  const table = new Set(routes.map((r) => `${r.method} ${r.path}`));
  const around = expressRoutes(system).filter((route) => !table.has(route));
  expect(around.filter((route) => !API_DOCUMENT.test(route))).toEqual([]);
  expect(around.length).toBeGreaterThan(0);
  for (const route of around) expect([401, 403]).not.toContain((await call(baseUrl, 'GET', route.slice('GET '.length), null)).status);
});

test('every route × caller answers as its rule says: 401 without a token, 403 for a role it does not admit, through for one it does', async () => {
  const misses: string[] = [];
  let count = 0;
  for (const route of routes) {
    const dummy = pathWith(route.path, {});
    for (const role of [null, ...PRINCIPAL_ROLES]) {
      const { status } = await call(baseUrl, route.method, dummy, role === null ? null : INSIDE[role]);
      const expected = expectedOf(route, role);
      count += 1;
      if (!answers(expected, status)) misses.push(`${route.method} ${route.path} as ${role ?? 'no token'}: ${status}, expected ${expected}`);
    }
  }
  console.log(`authorization matrix: ${routes.length} routes × ${PRINCIPAL_ROLES.length + 1} callers = ${count} requests`);
  expect(misses).toEqual([]);
});

test('a reporter, station or unit is refused (403) every real record outside its scope its route names, in the path, the body or the query, and let through inside it', async () => {
  const unknown: string[] = [];
  const calls = routes.flatMap((route) => scopeCallsOf(route, document, unknown));
  expect(unknown).toEqual([]);
  // The records the brief names are among them: a meeting of units not this one, an assessment of another station's compound.
  for (const path of ['/api/adjudication/meetings/:meetingId', '/api/query/assessments/:assessmentId', '/api/supervision/assessments/:id/scores', '/api/supervision/assessments']) {
    expect(calls.filter((c) => c.route.path === path && c.expected === 403).length).toBeGreaterThan(0);
  }

  const misses: string[] = [];
  for (const c of calls) {
    const { status, body } = await call(baseUrl, c.route.method, c.path, OUTSIDE[c.role] as Principal, c.outsideBody);
    if (!answers(c.expected, status)) misses.push(`${c.route.method} ${c.path} as ${c.role} of another scope ${c.how}: ${status} ${body.slice(0, 160)}, expected ${c.expected}`);
  }
  // Inside the scope the same calls pass the scope check (so the refusals above are the scope's); the commands last, as they change the records.
  const inside = [...calls.filter((c) => c.route.method === 'GET'), ...calls.filter((c) => c.route.method !== 'GET')].filter((c) => c.expected === 403);
  for (const c of inside) {
    const { status, body } = await call(baseUrl, c.route.method, c.path, INSIDE[c.role], c.insideBody);
    if (!answers('through', status)) misses.push(`${c.route.method} ${c.path} as ${c.role} inside its scope ${c.how}: ${status} ${body.slice(0, 160)}, expected through`);
  }
  const refused = calls.filter((c) => c.expected === 403).length;
  console.log(`authorization matrix from another scope: ${calls.length} calls on real records (${refused} to be refused, ${calls.length - refused} on town-wide records), ${inside.length} inside controls`);
  expect(misses).toEqual([]);
});

test('a list a reporter, station or unit may read holds none of the real records outside its scope, and the lists inside it hold them', async () => {
  // A compound's id is in every list that names the compound of a case, a firm or a station's catalogue: only the records themselves are looked for.
  const scoped = (Object.keys(COLLECTIONS) as Collection[]).filter((c) => COLLECTIONS[c].scoped === true).map((c) => records[c]);
  const lists = routes.filter((r) => r.method === 'GET' && !r.isPublic && paramsOf(r.path).length === 0);
  const leaks: string[] = [];
  const seenInside = new Set<string>();
  let count = 0;
  for (const route of lists) {
    for (const role of (route.roles ?? []).filter((r) => OUTSIDE[r] !== undefined)) {
      const outside = await call(baseUrl, 'GET', route.path, OUTSIDE[role] as Principal);
      const inside = await call(baseUrl, 'GET', route.path, INSIDE[role]);
      count += 1;
      const leaked = scoped.filter((id) => outside.body.includes(id));
      if (outside.status !== 200) leaks.push(`GET ${route.path} as ${role} of another scope: ${outside.status}`);
      if (leaked.length > 0) leaks.push(`GET ${route.path} as ${role} of another scope lists ${leaked.join(', ')}`);
      for (const id of scoped.filter((i) => inside.body.includes(i))) seenInside.add(`${route.path}: ${id}`);
    }
  }
  console.log(`authorization matrix, lists: ${count} lists read from another scope and inside it; ${seenInside.size} real records listed inside`);
  expect(leaks).toEqual([]);
  // The lists do hold the records for their own scope: the case, its task, the meeting and the assessment are each listed inside.
  for (const id of [records.cases, records.tasks, records.meetings, records.assessments]) expect([...seenInside].some((entry) => entry.endsWith(id))).toBe(true);
});
