import type { WriteService } from '@whistle/contracts';

/** The read sides: they open the writing services' stores read only, so they start after them. */
export const READ_SIDES = ['query', 'audit'] as const;

/** Every process of the distributed mode: the four writing services and the two read sides. */
export type DeployedService = WriteService | (typeof READ_SIDES)[number];

export const DEPLOYED_SERVICES: readonly DeployedService[] = ['intake', 'escalation', 'enforcement', 'adjudication', 'query', 'audit'];

/** Each service's HTTP port unless PORT says otherwise; the manifests and the local launcher use these. */
export const DEFAULT_PORTS: Readonly<Record<DeployedService, number>> = {
  intake: 3101,
  escalation: 3102,
  enforcement: 3103,
  adjudication: 3104,
  query: 3105,
  audit: 3106,
};

/** The port of the one base URL users see (the reverse proxy) in the local distributed run and the manifests. */
export const PROXY_PORT = 8080;

/**
 * Which service answers which path behind the one base URL, matched as nginx matches locations:
 * an `exact` route for its path alone first, else the longest `path` prefix. Two list routes
 * share their path with a writing service's commands: the read side answers GET, the writing
 * service the rest.
 */
export interface Route {
  readonly path: string;
  readonly exact: boolean;
  readonly service: DeployedService;
  /** For GET and HEAD only, when another service answers the other methods on the same path. */
  readonly readsGoTo?: DeployedService;
}

export const ROUTES: readonly Route[] = [
  { path: '/api/enforcement/tasks', exact: true, service: 'query' },
  { path: '/api/adjudication/meetings', exact: true, service: 'adjudication', readsGoTo: 'query' },
  { path: '/api/intake/', exact: false, service: 'intake' },
  { path: '/api/escalation/', exact: false, service: 'escalation' },
  { path: '/api/enforcement/', exact: false, service: 'enforcement' },
  { path: '/api/adjudication/', exact: false, service: 'adjudication' },
  { path: '/api/query/', exact: false, service: 'query' },
  { path: '/api/catalogue', exact: true, service: 'query' },
  { path: '/api/audit/', exact: false, service: 'audit' },
  // The one base URL's liveness, readiness and API docs are the read side's; each service also
  // serves its own /api/health, /api/ready and /metrics on its port (probes and Prometheus go there).
  { path: '/api/health', exact: true, service: 'query' },
  { path: '/api/ready', exact: true, service: 'query' },
  { path: '/api/docs', exact: false, service: 'query' },
];

/** The service that answers `method path` behind the proxy, or undefined for a path no service serves. */
export function routeOf(method: string, path: string): DeployedService | undefined {
  const route =
    ROUTES.find((r) => r.exact && path === r.path) ??
    ROUTES.filter((r) => !r.exact && path.startsWith(r.path)).sort((a, b) => b.path.length - a.path.length)[0];
  if (!route) return undefined;
  return route.readsGoTo && (method === 'GET' || method === 'HEAD') ? route.readsGoTo : route.service;
}
