import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { DEVELOPMENT_JWT_SECRET, PRINCIPAL_ROLES, SCOPE_CLAIM_OF_ROLE, signToken, type Principal, type PrincipalRole } from '@whistle/auth';
import { freePort, loadHttpSettings } from '@whistle/deployment';
import { ALLOWED_ROLES, IS_PUBLIC } from '@whistle/http';
import { systemClock, uuidIds } from '@whistle/kernel';
import { startEmbeddedSystem, type EmbeddedSystem } from '../../services/embedded/src/embedded-system';
import { CaseSteps } from './support/case-steps';

/**
 * The role × path matrix (角色 × 路径), generated from the embedded app's own route table: every
 * route Nest registered, with the @Roles/@Public its handler or controller carries, is called with
 * no token, with a token of every role (scoped inside a real case), and, where its path names a
 * case or a task, with a token of each allowed scoped role from another station, unit or compound.
 * A route added without a rule fails it, and so does a route the express router serves that is
 * not in Nest's table (it would bypass the guard).
 */
jest.setTimeout(300_000);

interface Route {
  readonly method: string;
  readonly path: string;
  readonly handler: string;
  /** undefined: no @Roles anywhere on the handler or its controller */
  readonly roles: readonly PrincipalRole[] | undefined;
  readonly isPublic: boolean;
}

interface Call {
  readonly route: Route;
  readonly caller: string;
  readonly status: number;
  readonly expected: string;
  readonly ok: boolean;
}

/** Inside the real case below: its station, its compound, a unit it summons. */
const INSIDE: Record<PrincipalRole, Principal> = {
  reporter: { sub: 'matrix-reporter', role: 'reporter', compoundId: 'compound-xinghua-1' },
  station: { sub: 'matrix-station', role: 'station', stationId: 'station-north' },
  unit: { sub: 'matrix-unit', role: 'unit', unitId: 'unit-jiaojing' },
  office: { sub: 'matrix-office', role: 'office' },
  auditor: { sub: 'matrix-auditor', role: 'auditor' },
  admin: { sub: 'matrix-admin', role: 'admin' },
};

/** The same roles, scoped elsewhere: another compound, another station, a unit the case does not summon. */
const OUTSIDE: Partial<Record<PrincipalRole, Principal>> = {
  reporter: { sub: 'matrix-reporter-elsewhere', role: 'reporter', compoundId: 'compound-wanghu-1' },
  station: { sub: 'matrix-station-elsewhere', role: 'station', stationId: 'station-central' },
  unit: { sub: 'matrix-unit-elsewhere', role: 'unit', unitId: 'unit-chengguan' },
};

const tokenOf = (principal: Principal): string => signToken(principal, { secret: DEVELOPMENT_JWT_SECRET, expiresIn: '1h' });

const METHODS: Readonly<Record<number, string>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.DELETE]: 'DELETE',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.ALL]: 'ALL',
  [RequestMethod.OPTIONS]: 'OPTIONS',
  [RequestMethod.HEAD]: 'HEAD',
};

const joinPath = (...parts: string[]): string => `/${parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter((p) => p !== '').join('/')}`;
const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [''] : Array.isArray(value) ? value : [value]);

/** Every route of every controller Nest registered, with its rule read as the guard reads it (handler first, then controller). */
function routeTable(system: EmbeddedSystem): Route[] {
  const reflector = new Reflector();
  const routes = new Map<string, Route>();
  for (const module of system.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (method === undefined || paths === undefined) continue;
        const targets = [handler as () => unknown, controller];
        for (const base of asList(Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined)) {
          for (const path of asList(paths)) {
            const route: Route = {
              method: METHODS[method] ?? String(method),
              path: joinPath(base, path),
              handler: `${controller.name}.${name}`,
              roles: reflector.getAllAndOverride<PrincipalRole[] | undefined>(ALLOWED_ROLES, targets),
              isPublic: reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true,
            };
            routes.set(`${route.method} ${route.path}`, route);
          }
        }
      }
    }
  }
  return [...routes.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** The routes the express router itself would serve, as `METHOD /path`: Nest's and any added around it. */
function expressRoutes(system: EmbeddedSystem): string[] {
  const express = system.app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  return stack.flatMap((layer) =>
    layer.route ? Object.keys(layer.route.methods).filter((m) => layer.route?.methods[m]).map((m) => `${m === '_all' ? 'ALL' : m.toUpperCase()} ${layer.route?.path}`) : [],
  );
}
interface Layer {
  readonly route?: { readonly path: string; readonly methods: Record<string, boolean> };
}

/** Open311's filing, public to tokens but admitted by a client's api_key (OPEN311_CLIENTS_FILE). */
const API_KEYED = /^POST \/open311\//;

/** The OpenAPI document and its UI, which Swagger serves on the express router itself. */
const API_DOCUMENT = /^GET \/api\/docs(?:-json|-yaml|\/.*)?$/;

/** The scoped resource a path parameter names, for the calls from outside its scope; every other parameter gets an id no resource has. */
const SCOPED_PARAMS = ['caseId', 'taskId'] as const;
type ScopedParam = (typeof SCOPED_PARAMS)[number];

function pathWith(path: string, values: Partial<Record<string, string>>): string {
  // A resource's extension (Open311's `requests.:format`) is one the route takes, so that the route, not the console, answers.
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(values[name] ?? (name === 'format' ? 'json' : `matrix-none-${name}`)));
}

const scopedParamOf = (route: Route): ScopedParam | undefined => SCOPED_PARAMS.find((param) => route.path.includes(`:${param}`));

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

type Schema = Record<string, unknown> & { $ref?: string; example?: unknown; enum?: unknown[]; type?: string; format?: string; required?: string[]; properties?: Record<string, Schema>; items?: Schema };
interface ApiDocument {
  readonly paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  readonly components?: { schemas?: Record<string, Schema> };
}

/**
 * A body the request pipe lets through, made from the API document's schema of the operation
 * (its examples, enums and bounds; required members only), so that a call from another scope
 * reaches the handler and its scope check. `{}` where the document has no body.
 */
function bodyFor(document: ApiDocument, route: Route): unknown {
  const operation = document.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()];
  const schema = operation?.requestBody?.content?.['application/json']?.schema;
  return schema ? exampleOf(document, schema, 0) : {};
}

function exampleOf(document: ApiDocument, schema: Schema, depth: number): unknown {
  if (schema.$ref) return exampleOf(document, document.components?.schemas?.[schema.$ref.split('/').at(-1) ?? ''] ?? {}, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  const allOf = schema['allOf'] as Schema[] | undefined;
  if (allOf?.length) return exampleOf(document, allOf[0] as Schema, depth + 1);
  switch (schema.type) {
    case 'object': {
      if (depth > 5) return {};
      const required = new Set(schema.required ?? []);
      return Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([name]) => required.has(name)).map(([name, member]) => [name, exampleOf(document, member, depth + 1)]));
    }
    case 'array':
      return Array.from({ length: Math.max(1, Number(schema['minItems'] ?? 1)) }, () => exampleOf(document, schema.items ?? {}, depth + 1));
    case 'integer':
    case 'number':
      return Number(schema['minimum'] ?? 1);
    case 'boolean':
      return true;
    default:
      return schema.format === 'date-time' ? new Date(Date.now() + 86_400_000).toISOString() : 'x'.repeat(Math.max(1, Number(schema['minLength'] ?? 8)));
  }
}

let system: EmbeddedSystem;
let baseUrl: string;
let dataDir: string;
/** The real case and its task the outside callers are tried against. */
let scoped: Record<ScopedParam, string>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'whistle-matrix-'));
  const port = await freePort();
  const settings = loadHttpSettings(port, { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', SCHEDULER_TICK_MS: '60000' });
  system = await startEmbeddedSystem(settings, { clock: systemClock, ids: uuidIds });
  baseUrl = `http://127.0.0.1:${port}`;
  const steps = new CaseSteps(baseUrl);
  const caseId = await steps.report('fire_lane_blocked', 'compound-xinghua-1', { reporter: { name: '张三', phone: '13812345678' } });
  const whistleId = await steps.whistle(caseId, { level: 2 });
  scoped = { caseId, taskId: await steps.taskOf(caseId, 'unit-jiaojing', whistleId) };
});

afterAll(async () => {
  await system?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('every route has a rule, and every route × caller answers as its rule says: 401 without a token, 403 for a role not allowed, and a caller from another scope never reaches a scoped resource', async () => {
  const routes = routeTable(system);
  expect(routes.length).toBeGreaterThan(30);

  // No rule, no route: a route with neither @Roles nor @Public is open to any token by default.
  expect(routes.filter((r) => r.roles === undefined && !r.isPublic).map((r) => `${r.method} ${r.path} (${r.handler})`)).toEqual([]);
  expect(routes.filter((r) => r.roles !== undefined && r.isPublic).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  // Nothing served around Nest's table, where the guard would not see it, but the API document (public by design: Swagger's own routes).
  const table = new Set(routes.map((r) => `${r.method} ${r.path}`));
  const around = expressRoutes(system).filter((route) => !table.has(route));
  expect(around.filter((route) => !API_DOCUMENT.test(route))).toEqual([]);
  expect(around.length).toBeGreaterThan(0);
  for (const route of around) expect([401, 403]).not.toContain((await call(baseUrl, 'GET', route.slice('GET '.length), null)).status);

  const document = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as ApiDocument;
  const calls: Call[] = [];
  const check = (route: Route, caller: string, status: number, expected: string, ok: boolean) => calls.push({ route, caller, status, expected, ok });

  for (const route of routes) {
    const dummy = pathWith(route.path, {});
    // No token.
    const anonymous = await call(baseUrl, route.method, dummy, null);
    if (API_KEYED.test(`${route.method} ${route.path}`)) {
      // A client's api_key, not a token, admits these; this system names no client, so every caller is refused alike.
      check(route, 'no token', anonymous.status, '403', anonymous.status === 403);
      for (const role of PRINCIPAL_ROLES) {
        const { status } = await call(baseUrl, route.method, dummy, INSIDE[role]);
        check(route, role, status, '403 (a token is no api_key)', status === 403);
      }
      continue;
    }
    if (route.isPublic) check(route, 'no token', anonymous.status, 'not 401/403', anonymous.status !== 401 && anonymous.status !== 403);
    else check(route, 'no token', anonymous.status, '401', anonymous.status === 401);

    // Every role, inside the scope, on ids no resource has: the rule alone decides.
    for (const role of PRINCIPAL_ROLES) {
      const { status } = await call(baseUrl, route.method, dummy, INSIDE[role]);
      const allowed = route.isPublic || (route.roles ?? []).includes(role);
      if (allowed) check(route, role, status, 'not 401/403', status !== 401 && status !== 403 && status < 500);
      else check(route, role, status, '403', status === 403);
    }

    // Each allowed scoped role, from another scope, on the real case or task the path names.
    const param = scopedParamOf(route);
    if (param === undefined || route.isPublic) continue;
    const real = pathWith(route.path, { [param]: scoped[param] });
    const body = bodyFor(document, route);
    for (const role of route.roles ?? []) {
      const outside = OUTSIDE[role];
      if (outside === undefined || SCOPE_CLAIM_OF_ROLE[role] === undefined) continue;
      const answer = await call(baseUrl, route.method, real, outside, body);
      if (answer.status === 403 || answer.status === 404) {
        check(route, `${role} of another scope`, answer.status, '403/404', true);
        continue;
      }
      // A body the request pipe refuses before any handler runs is refused alike inside the scope: nothing about the resource was read.
      const inside = answer.status === 400 ? await call(baseUrl, route.method, pathWith(route.path, {}), INSIDE[role], body) : null;
      check(route, `${role} of another scope`, answer.status, '403/404 (or the same 400 as inside it)', inside !== null && inside.status === 400 && inside.body === answer.body);
    }
  }

  const callers = new Set(calls.map((c) => c.caller)).size;
  const outside = calls.filter((c) => c.caller.endsWith('another scope'));
  const refused = outside.filter((c) => c.status === 403 || c.status === 404).length;
  console.log(
    `authorization matrix: ${routes.length} routes × ${callers} callers = ${calls.length} requests; from another scope: ${outside.length} (${refused} refused 403/404, ${outside.length - refused} refused by the request's shape alike inside the scope)`,
  );
  expect(calls.filter((c) => !c.ok).map((c) => `${c.route.method} ${c.route.path} as ${c.caller}: ${c.status}, expected ${c.expected}`)).toEqual([]);
  // The real resources are in scope for their own callers (so the refusals above are the scope's): a GET of them inside the scope is let through.
  const insideReads: string[] = [];
  for (const route of routes.filter((r) => r.method === 'GET' && scopedParamOf(r) !== undefined && !r.isPublic)) {
    const param = scopedParamOf(route) as ScopedParam;
    for (const role of (route.roles ?? []).filter((r) => OUTSIDE[r] !== undefined)) {
      const { status } = await call(baseUrl, 'GET', pathWith(route.path, { [param]: scoped[param] }), INSIDE[role]);
      insideReads.push(`${route.path} as ${role}: ${status === 401 || status === 403 ? status : 'let through'}`);
    }
  }
  expect(insideReads.length).toBeGreaterThan(0);
  expect(insideReads.filter((read) => !read.endsWith('let through'))).toEqual([]);
});
