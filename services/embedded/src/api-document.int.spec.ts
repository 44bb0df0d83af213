import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METHOD_METADATA, PATH_METADATA, HTTP_CODE_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DECORATORS, type OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import Ajv from 'ajv';
import { DEVELOPMENT_JWT_SECRET, signToken, type Principal } from '@whistle/auth';
import { loadHttpSettings } from '@whistle/deployment';
import { systemClock, uuidIds } from '@whistle/kernel';
import { loadCatalogue } from '@whistle/catalogue';
import { startEmbeddedSystem, type EmbeddedSystem } from './embedded-system';

/*
 * The embedded app's OpenAPI document against its route table and against what it answers: every
 * operation declares its success with a schema and the errors it can give in the error shape, a
 * route added without them fails here, and the schemas hold for real answers.
 */

type Operation = {
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
  parameters?: { name: string; in: string; required?: boolean; schema?: Record<string, unknown> }[];
  requestBody?: unknown;
  security?: unknown[];
};

let system: EmbeddedSystem;
let baseUrl: string;
let document: OpenAPIObject;
let dataDir: string;
let catalogueFile: string | undefined;

const operations = () =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, path, method, operation })),
  );

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'whistle-api-document-'));
  const settings = { ...loadHttpSettings(3000), PORT: 0, DATA_DIR: dataDir, LOG_LEVEL: 'silent' as const };
  catalogueFile = settings.CATALOGUE_FILE;
  system = await startEmbeddedSystem(settings, { clock: systemClock, ids: uuidIds });
  const address = system.app.getHttpServer().address() as { port: number };
  baseUrl = `http://127.0.0.1:${address.port}`;
  document = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as OpenAPIObject;
});

afterAll(async () => {
  await system?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('every operation declares its responses', () => {
  it('a success response with a schema for each of the 80 and more operations', () => {
    const lacking = operations()
      .filter(({ operation }) => !Object.entries(operation.responses).some(([status, r]) => status.startsWith('2') && Object.values(r.content ?? {}).some((c) => c.schema)))
      .map((o) => o.key);
    expect(operations().length).toBeGreaterThanOrEqual(80);
    expect(lacking).toEqual([]);
  });

  it('400 where it takes input, 401 and 403 behind a token, and 4xx and 5xx in the error shape of API.md', () => {
    const problems: string[] = [];
    for (const { key, operation } of operations()) {
      const statuses = Object.keys(operation.responses);
      const guarded = !(Array.isArray(operation.security) && operation.security.length === 0);
      if (((operation.parameters ?? []).length > 0 || operation.requestBody) && !statuses.includes('400')) problems.push(`${key}: no 400`);
      if (guarded && !(statuses.includes('401') && statuses.includes('403'))) problems.push(`${key}: no 401/403`);
      // Open311 (GeoReport v2) answers its errors in the specification's format, and checks a client's api_key in the body, not a token.
      const open311 = key.includes(' /open311/');
      if (!guarded && !open311 && statuses.some((s) => s === '401' || s === '403')) problems.push(`${key}: public, yet 401/403`);
      for (const status of statuses.filter((s) => Number(s) >= 400)) {
        if (key === 'GET /api/ready' && status === '503') continue;
        if (open311) {
          // The routes' own errors in the specification's format; what is refused before them (a body not UTF-8, the rate limit) in the API's.
          const either = ((operation.responses[status]?.content?.['application/json']?.schema?.['oneOf'] ?? []) as { type?: string; $ref?: string }[]).map((s) => s.$ref ?? s.type);
          if (JSON.stringify(either) !== JSON.stringify(['array', '#/components/schemas/ErrorBody'])) problems.push(`${key}: ${status} not Open311's [{ code, description }] or an ErrorBody`);
          continue;
        }
        if (operation.responses[status]?.content?.['application/json']?.schema?.['$ref'] !== '#/components/schemas/ErrorBody') problems.push(`${key}: ${status} not an ErrorBody`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the success under the status the route really answers with, and every route of the app in the document', () => {
    const documented = new Map(operations().map((o) => [o.key, Object.keys(o.operation.responses).find((s) => s.startsWith('2'))]));
    const routes = routeTable();
    expect(routes.length).toBeGreaterThanOrEqual(80);
    const wrong = routes.filter((r) => documented.get(r.key) !== String(r.status)).map((r) => `${r.key}: answers ${r.status}, documented ${documented.get(r.key)}`);
    expect(wrong).toEqual([]);
  });

  it('If-Match offered exactly where the handler reads it, a header the server would ignore never', () => {
    const offered = new Set(operations().filter((o) => o.operation.parameters?.some((p) => p.name === 'If-Match')).map((o) => o.key));
    const routes = routeTable();
    expect(routes.filter((r) => r.readsIfMatch).length).toBeGreaterThan(30);
    expect(routes.filter((r) => r.readsIfMatch !== offered.has(r.key)).map((r) => `${r.key}: reads If-Match ${r.readsIfMatch}, offers it ${offered.has(r.key)}`)).toEqual([]);
  });

  it('every member a request DTO validates is in the document', () => {
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<{ name: string; prototype: object }, { propertyName: string; type: string }[]> };
    const undocumented: string[] = [];
    for (const [target, rules] of storage.validationMetadatas) {
      const documentedMembers = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, target.prototype) as string[] | undefined) ?? [];
      if (documentedMembers.length === 0) continue;
      for (const property of new Set(rules.filter((r) => r.type !== 'whitelistValidation').map((r) => r.propertyName))) {
        if (!documentedMembers.includes(`:${property}`)) undocumented.push(`${target.name}.${property}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});

describe('the constraints the server enforces are declared', () => {
  const parameter = (key: string, name: string) => operations().find((o) => o.key === key)?.operation.parameters?.find((p) => p.name === name)?.schema;
  const component = (name: string) => (document.components?.schemas?.[name] as { properties: Record<string, Record<string, unknown>> }).properties;

  it('If-Match is a revision number, Idempotency-Key its characters and length, and a reused key answers 422', () => {
    const commands = operations().filter((o) => o.operation.parameters?.some((p) => p.name === 'Idempotency-Key'));
    expect(commands.length).toBeGreaterThan(35);
    for (const { key, operation } of commands) {
      expect([key, operation.parameters?.find((p) => p.name === 'Idempotency-Key')?.schema]).toEqual([key, { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]{1,255}$' }]);
      expect([key, Object.keys(operation.responses)]).toEqual([key, expect.arrayContaining(['422'])]);
      const conditional = operation.parameters?.some((p) => p.name === 'If-Match') ?? false;
      expect([key, '412' in operation.responses]).toEqual([key, conditional]);
    }
    expect(new RegExp(String(parameter('POST /api/intake/cases/{caseId}/withdraw', 'If-Match')?.['pattern'])).test('"3"')).toBe(true);
    expect(new RegExp(String(parameter('POST /api/intake/cases/{caseId}/withdraw', 'If-Match')?.['pattern'])).test('three')).toBe(false);
  });

  it('no header a handler reads for itself is declared as one to send: the disclosure refuses an Idempotency-Key, and says so', () => {
    // A handler's @Headers(name) param becomes a required header of the document: Schemathesis
    // then sends the request without it and reports the 200 as a missing required header accepted.
    const headers = operations().flatMap(({ key, operation }) => (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => ({ key, name: p.name, required: p.required === true })));
    expect(headers.filter((h) => h.name !== h.name.replace(/^[a-z]/, (c) => c.toUpperCase()))).toEqual([]);
    const disclosure = operations().find((o) => o.key === 'POST /api/intake/cases/{caseId}/reporter/disclosures')?.operation;
    expect(disclosure?.parameters?.filter((p) => p.in === 'header')).toEqual([]);
    expect((disclosure as { summary?: string } | undefined)?.summary).toContain('An Idempotency-Key is refused');
  });

  it('page and pageSize are integers with their bounds; invitedUnits at least 2; units at least 1; lengths and enums', () => {
    expect(parameter('GET /api/query/cases', 'page')).toMatchObject({ type: 'integer', minimum: 1 });
    expect(parameter('GET /api/query/cases', 'pageSize')).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    expect(parameter('GET /api/query/cases', 'level')).toMatchObject({ type: 'integer', enum: [1, 2, 3, 4] });
    expect(component('ScheduleMeetingRequest')['invitedUnits']).toMatchObject({ type: 'array', minItems: 2 });
    expect(component('WhistleRequest')['units']).toMatchObject({ type: 'array', minItems: 1 });
    expect(component('ReportCaseRequest')['description']).toMatchObject({ type: 'string', minLength: 1, maxLength: 2000 });
    expect(component('EvidenceRequest')['sha256']).toMatchObject({ pattern: '^[0-9a-fA-F]{64}$' });
  });
});

describe('the catalogue’s ids are the enums of the members that name them', () => {
  const parameter = (key: string, name: string) => operations().find((o) => o.key === key)?.operation.parameters?.find((p) => p.name === name)?.schema;
  const component = (name: string) => (document.components?.schemas?.[name] as { properties: Record<string, Record<string, unknown>> }).properties;
  const running = () => {
    const catalogue = loadCatalogue(catalogueFile);
    const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);
    return { compounds: ids(catalogue.compounds), categories: ids(catalogue.categories), units: ids(catalogue.units), stations: ids(catalogue.stations), communities: ids(catalogue.communities) };
  };

  it('in bodies, lists’ items included, and in query parameters, exactly the running catalogue’s', () => {
    const { compounds, categories, units, stations, communities } = running();
    expect(units.length).toBeGreaterThan(2);
    expect(component('ReportCaseRequest')['compoundId']).toMatchObject({ type: 'string', enum: compounds });
    expect(component('ReportCaseRequest')['category']).toMatchObject({ type: 'string', enum: categories });
    expect(component('ScheduleMeetingRequest')['invitedUnits']).toMatchObject({ type: 'array', items: { enum: units } });
    expect(component('WhistleRequest')['units']).toMatchObject({ type: 'array', items: { enum: units } });
    for (const [name, list] of [['stationId', stations], ['communityId', communities], ['compoundId', compounds], ['unitId', units], ['category', categories]] as const) {
      expect([name, parameter('GET /api/query/cases', name)]).toEqual([name, expect.objectContaining({ enum: list })]);
    }
    expect(parameter('GET /api/enforcement/tasks', 'unitId')).toMatchObject({ enum: units });
  });

  it('an id outside the catalogue is refused with 400 naming the member, as the document says', async () => {
    const office = signToken({ sub: 'office-zhang', role: 'office' }, { secret: DEVELOPMENT_JWT_SECRET, expiresIn: '1h' });
    const answer = await fetch(`${baseUrl}/api/query/cases?stationId=station-nowhere`, { headers: { authorization: `Bearer ${office}` } });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { details: { field: string }[] }).details.map((d) => d.field)).toEqual(['stationId']);
  });
});

describe('what the server answers holds to the document', () => {
  // OpenAPI 3.0's `nullable` is a keyword of its own, which Ajv reads when asked to.
  const ajv = new Ajv({ allErrors: true, nullable: true, unknownFormats: 'ignore' });
  const token = (principal: Principal) => signToken(principal, { secret: DEVELOPMENT_JWT_SECRET, expiresIn: '1h' });
  const office = token({ sub: 'office-zhang', role: 'office' });
  const auditor = token({ sub: 'auditor-li', role: 'auditor' });
  const station = token({ sub: 'station-north', role: 'station', stationId: 'station-north' });

  /** Sends the request and checks its answer against the schema the document gives its operation and status. */
  async function conforms(method: string, template: string, path: string, bearer: string | null, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'prefer': 'wait=5' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json()) as unknown;
    const operation = (document.paths[template] as Record<string, Operation> | undefined)?.[method.toLowerCase()];
    const schema = operation?.responses[String(response.status)]?.content?.['application/json']?.schema;
    expect([`${method} ${path}`, response.status, schema === undefined ? 'undeclared' : 'declared']).toEqual([`${method} ${path}`, response.status, 'declared']);
    const validate = ajv.compile({ ...schema, components: document.components });
    const valid = validate(answer);
    expect([`${method} ${path}`, valid ? [] : validate.errors]).toEqual([`${method} ${path}`, []]);
    return { status: response.status, body: answer };
  }

  it('commands, reads, the audit and errors of a case as it goes', async () => {
    const report = { compoundId: 'compound-xinghua-1', category: 'fire_lane_blocked', description: '3号楼消防通道被占', channel: 'branch', reporter: { name: '张三', phone: '13812345678' } };
    const reported = await conforms('POST', '/api/intake/cases', '/api/intake/cases', station, report);
    const caseId = (reported.body as { id: string }).id;
    await conforms('POST', '/api/escalation/cases/{caseId}/whistle', `/api/escalation/cases/${caseId}/whistle`, station, { level: 2 });
    const reads: [string, string, string][] = [
      ['/api/catalogue', '/api/catalogue', office],
      ['/api/query/cases', '/api/query/cases?pageSize=5', office],
      ['/api/query/cases/{caseId}', `/api/query/cases/${caseId}`, office],
      ['/api/query/stats', '/api/query/stats?groupBy=unit', office],
      ['/api/query/stats/trends', '/api/query/stats/trends?groupBy=station&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z', office],
      ['/api/query/stats/cases', '/api/query/stats/cases?figure=cases&groupBy=station&groupId=station-north', office],
      ['/api/enforcement/tasks', `/api/enforcement/tasks?caseId=${caseId}`, office],
      ['/api/adjudication/meetings', '/api/adjudication/meetings', office],
      ['/api/adjudication/pending-cases', '/api/adjudication/pending-cases', office],
      ['/api/query/evaluations', '/api/query/evaluations', office],
      ['/api/query/weightings', '/api/query/weightings', office],
      ['/api/query/firms', '/api/query/firms', office],
      ['/api/query/assessments', '/api/query/assessments', office],
      ['/api/query/quarterly-scores', '/api/query/quarterly-scores?quarter=2026-Q4&groupBy=unit', office],
      ['/api/query/bulletins/weekly', '/api/query/bulletins/weekly?week=2026-W49', office],
      ['/api/public/notices', '/api/public/notices', ''],
      ['/api/intake/cases/{caseId}/reporter', `/api/intake/cases/${caseId}/reporter`, office],
      ['/api/audit/cases/{caseId}/history', `/api/audit/cases/${caseId}/history`, auditor],
      ['/api/audit/cases/{caseId}/state', `/api/audit/cases/${caseId}/state?at=${encodeURIComponent(new Date().toISOString())}`, auditor],
      ['/api/audit/cases/{caseId}/dossier', `/api/audit/cases/${caseId}/dossier`, auditor],
      ['/api/audit/public-key', '/api/audit/public-key', auditor],
      ['/api/audit/checkpoints', '/api/audit/checkpoints', auditor],
      ['/api/audit/checkpoints/latest', '/api/audit/checkpoints/latest', auditor],
      ['/api/audit/findings', '/api/audit/findings', auditor],
      ['/api/auth/sign-in', '/api/auth/sign-in', ''],
      ['/api/dev/sign-in', '/api/dev/sign-in', ''],
      ['/api/health', '/api/health', ''],
      ['/api/ready', '/api/ready', ''],
    ];
    for (const [template, path, bearer] of reads) expect((await conforms('GET', template, path, bearer || null)).status).toBe(200);
    expect((await conforms('POST', '/api/audit/verify', '/api/audit/verify', auditor, { caseId })).status).toBe(200);

    // Errors, each in the shape and under a status the operation declares.
    expect((await conforms('GET', '/api/query/cases/{caseId}', '/api/query/cases/no-such-case', office)).status).toBe(404);
    expect((await conforms('GET', '/api/query/cases', '/api/query/cases?pageSize=1000', office)).status).toBe(400);
    expect((await conforms('GET', '/api/query/cases', '/api/query/cases', null)).status).toBe(401);
    expect((await conforms('GET', '/api/query/stats', '/api/query/stats?groupBy=unit', station)).status).toBe(403);
    expect((await conforms('POST', '/api/intake/cases/{caseId}/withdraw', `/api/intake/cases/${caseId}/withdraw`, office, { reason: '重复' })).status).toBe(403);
    expect((await conforms('POST', '/api/escalation/cases/{caseId}/whistle', `/api/escalation/cases/${caseId}/whistle`, station, { level: 2 })).status).toBe(409);
  });
});

describe('the catalogue’s changes (目录变更) answer as the document says, and the document follows them', () => {
  const ajv = new Ajv({ allErrors: true, nullable: true, unknownFormats: 'ignore' });
  const admin = signToken({ sub: 'admin-wang', role: 'admin' }, { secret: DEVELOPMENT_JWT_SECRET, expiresIn: '1h' });
  const office = signToken({ sub: 'office-zhang', role: 'office' }, { secret: DEVELOPMENT_JWT_SECRET, expiresIn: '1h' });
  const WATER = { name: { zh: '供水所', en: 'Water supply office' }, contacts: [{ name: '值班室', phone: '010-6512 3456' }], webhook: { url: 'https://hooks.example.gov.cn/water', secretRef: 'unit-gongshui' } };

  async function conforms(method: string, template: string, path: string, bearer: string | null, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json()) as unknown;
    const schema = (document.paths[template] as Record<string, Operation> | undefined)?.[method.toLowerCase()]?.responses[String(response.status)]?.content?.['application/json']?.schema;
    expect([`${method} ${path}`, response.status, schema === undefined ? 'undeclared' : 'declared']).toEqual([`${method} ${path}`, response.status, 'declared']);
    const validate = ajv.compile({ ...schema, components: document.components });
    const valid = validate(answer);
    expect([`${method} ${path}`, valid ? [] : validate.errors]).toEqual([`${method} ${path}`, []]);
    return { status: response.status, body: answer };
  }

  it('the changes, the catalogue with its optional members, its history and its refusals', async () => {
    expect((await conforms('PUT', '/api/catalogue/{list}/{id}', '/api/catalogue/units/unit-gongshui', admin, { entry: WATER, reason: '新增供水所' })).status).toBe(200);
    const ownDeadlines = { reportIn: { '2': 'PT15M', '3': 'PT10M' }, activity: 'P2WD' };
    const fireLane = loadCatalogue(catalogueFile).categories.find((c) => c.id === 'fire_lane_blocked');
    expect((await conforms('PUT', '/api/catalogue/{list}/{id}', '/api/catalogue/categories/fire_lane_blocked', admin, { entry: { ...fireLane, deadlines: ownDeadlines }, reason: '消防通道报到时限收紧' })).status).toBe(200);
    const inForce = await conforms('GET', '/api/catalogue', '/api/catalogue', office);
    const catalogue = inForce.body as { units: { id: string; contacts?: unknown }[]; categories: { id: string; deadlines?: unknown }[] };
    expect(catalogue.units.find((u) => u.id === 'unit-gongshui')?.contacts).toEqual(WATER.contacts);
    expect(catalogue.categories.find((c) => c.id === 'fire_lane_blocked')?.deadlines).toEqual(ownDeadlines);
    const deadlines = (inForce.body as { deadlines: Record<string, unknown> }).deadlines;
    expect((await conforms('PUT', '/api/catalogue/deadlines', '/api/catalogue/deadlines', admin, { deadlines: { ...deadlines, tabling: 'P8WD' }, reason: '上会时限调整' })).status).toBe(200);
    expect((await conforms('PUT', '/api/catalogue/policies', '/api/catalogue/policies', admin, { policies: { quorumShare: 0.6, maxDeferrals: 2 }, reason: '法定人数调整' })).status).toBe(200);
    expect((await conforms('GET', '/api/catalogue/changes', '/api/catalogue/changes', office)).body).toMatchObject({ revision: 4 });
    expect((await conforms('GET', '/api/catalogue/as-of', `/api/catalogue/as-of?at=${encodeURIComponent(new Date().toISOString())}`, office)).body).toMatchObject({ revision: 4 });

    // Refusals, each in the shape and under a status the operation declares.
    expect((await conforms('PUT', '/api/catalogue/{list}/{id}', '/api/catalogue/units/unit-gongshui', admin, { entry: { ...WATER, contacts: [{ name: '值班室', phone: 'none' }] }, reason: '改电话' })).status).toBe(400);
    expect((await conforms('PUT', '/api/catalogue/{list}/{id}', '/api/catalogue/shops/s-1', admin, { entry: {}, reason: '无此目录' })).status).toBe(404);
    expect((await conforms('POST', '/api/catalogue/{list}/{id}/removal', '/api/catalogue/units/unit-chengguan/removal', admin, { reason: '机构改革' })).status).toBe(409);
    expect((await conforms('POST', '/api/catalogue/{list}/{id}/removal', '/api/catalogue/units/unit-nobody/removal', admin, { reason: '无此单位' })).status).toBe(404);
    expect((await conforms('PUT', '/api/catalogue/policies', '/api/catalogue/policies', office, { policies: { quorumShare: 0.6, maxDeferrals: 2 }, reason: '无权' })).status).toBe(403);
    expect((await conforms('GET', '/api/catalogue/as-of', '/api/catalogue/as-of?at=yesterday', office)).status).toBe(400);
  });

  it('the document’s enums are the ids in force, not those at start', async () => {
    // After the change above: a unit added at runtime is one the validation pipe takes, so the document names it.
    const now = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as OpenAPIObject;
    const invited = (now.components?.schemas?.['ScheduleMeetingRequest'] as { properties: Record<string, { items: { enum: string[] } }> }).properties['invitedUnits'];
    expect(invited?.items.enum).toContain('unit-gongshui');
    const removed = await fetch(`${baseUrl}/api/catalogue/units/unit-gongshui/removal`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ reason: '撤销' }) });
    expect(removed.status).toBe(200);
    const after = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as OpenAPIObject;
    const units = (after.components?.schemas?.['ScheduleMeetingRequest'] as { properties: Record<string, { items: { enum: string[] } }> }).properties['invitedUnits']?.items.enum;
    expect(units).not.toContain('unit-gongshui');
    expect(units).toEqual(loadCatalogue(catalogueFile).units.map((u) => u.id));
  });
});

/** Every route the app serves from its controllers, as `METHOD /path` with the status its success answers. */
function routeTable(): { key: string; status: number; readsIfMatch: boolean }[] {
  const routes: { key: string; status: number; readsIfMatch: boolean }[] = [];
  for (const module of system.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as { prototype: Record<string, unknown> } | null;
      if (!controller || Reflect.getMetadata(DECORATORS.API_EXCLUDE_CONTROLLER, controller)?.[0] === true) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const full = `/${[base, path].map((p) => p.replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`.replace(/:(\w+)/g, '{$1}');
        const verb = RequestMethod[method];
        const status = (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? (verb === 'POST' ? 201 : 200);
        const args = Object.values((Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, { factory?: unknown }>);
        routes.push({ key: `${verb} ${full}`, status, readsIfMatch: args.some((arg) => readsIfMatch(arg.factory)) });
      }
    }
  }
  return routes;
}

/** Whether a custom parameter decorator's factory is @IfMatch's: it reads `If-Match: 7` as 7. */
function readsIfMatch(factory: unknown): boolean {
  if (typeof factory !== 'function') return false;
  const request = { headers: { 'if-match': '7' } };
  const context = { switchToHttp: () => ({ getRequest: () => request }) };
  try {
    return (factory as (data: unknown, context: unknown) => unknown)(undefined, context) === 7;
  } catch {
    return false;
  }
}
