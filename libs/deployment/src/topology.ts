import type { WriteService } from '@whistle/contracts';

/** The read sides: they open the writing services' stores read only, so they start after them. */
export const READ_SIDES = ['query', 'audit', 'notifications'] as const;

/** Every process of the distributed mode: the five writing services and the read sides. */
export type DeployedService = WriteService | (typeof READ_SIDES)[number];

export const DEPLOYED_SERVICES: readonly DeployedService[] = ['intake', 'escalation', 'enforcement', 'adjudication', 'supervision', 'query', 'audit', 'notifications'];

/** Each service's HTTP port unless PORT says otherwise; the manifests and the local launcher use these. */
export const DEFAULT_PORTS: Readonly<Record<DeployedService, number>> = {
  intake: 3101,
  escalation: 3102,
  enforcement: 3103,
  adjudication: 3104,
  query: 3105,
  audit: 3106,
  supervision: 3107,
  notifications: 3108,
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
  /** A long-lived stream (server-sent events): the proxy passes each chunk on at once and keeps it open. */
  readonly stream?: boolean;
}

export const ROUTES: readonly Route[] = [
  { path: '/api/enforcement/tasks', exact: true, service: 'query' },
  { path: '/api/adjudication/meetings', exact: true, service: 'adjudication', readsGoTo: 'query' },
  { path: '/api/intake/', exact: false, service: 'intake' },
  { path: '/api/escalation/', exact: false, service: 'escalation' },
  { path: '/api/enforcement/', exact: false, service: 'enforcement' },
  { path: '/api/adjudication/', exact: false, service: 'adjudication' },
  { path: '/api/supervision/', exact: false, service: 'supervision' },
  // What anyone may read without signing in (notices, red and black lists, firms' credit) is the
  // read side's; a questionnaire link is supervision's, which records the answers.
  { path: '/api/public/', exact: false, service: 'query' },
  { path: '/api/public/questionnaires/', exact: false, service: 'supervision' },
  { path: '/api/query/', exact: false, service: 'query' },
  { path: '/api/query/cases/events', exact: true, service: 'query', stream: true },
  { path: '/api/catalogue', exact: true, service: 'query' },
  // The catalogue's changes and history are supervision's, which records them; the catalogue in force is the read side's.
  { path: '/api/catalogue/', exact: false, service: 'supervision' },
  { path: '/api/audit/', exact: false, service: 'audit' },
  // Open311 (GeoReport v2): a client files a service request with intake, and reads services and
  // requests from the read side, which holds the catalogue and the cases' views.
  { path: '/open311/', exact: false, service: 'intake', readsGoTo: 'query' },
  { path: '/api/notifications', exact: false, service: 'notifications' },
  // Every service answers how to sign in (and, with the development secret, signs a developer in);
  // behind the one base URL the read side does.
  { path: '/api/auth/', exact: false, service: 'query' },
  { path: '/api/dev/', exact: false, service: 'query' },
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

// ---- what the deployment files run -------------------------------------------------------------
// docker-compose.yml and deploy/k8s are rendered from these (libs/deployment/src/render,
// `npm run render:deploy`), with settings.ts for which stores each service opens and which
// settings a deployment must give it.

/** The Kubernetes namespace of every object, and the part-of label of every object and compose service. */
export const NAMESPACE = 'four-level-whistle';

/** The one image every service runs (deploy/Dockerfile), each started by its own `npm run start:<service>`. */
export const SERVICE_IMAGE = 'four-level-whistle:dev';

/**
 * The reverse proxy's image in compose and Kubernetes: nginx (PROXY_BASE_IMAGE) with the web
 * console's built files at PROXY_CONSOLE_ROOT, built by deploy/Dockerfile's `proxy` stage
 * (PROXY_BUILD_TARGET); its configuration is renderNginxConf's, mounted beside.
 */
export const PROXY_IMAGE = 'four-level-whistle-proxy:dev';
export const PROXY_BASE_IMAGE = 'nginx:1.27-alpine';
export const PROXY_BUILD_TARGET = 'proxy';
export const PROXY_CONSOLE_ROOT = '/usr/share/nginx/html';

/** DATA_DIR as deploy/Dockerfile sets it (ENV and VOLUME): each service mounts a volume of its own there. */
export const IMAGE_DATA_DIR = '/var/lib/whistle';

/**
 * What a service keeps in DATA_DIR. `state`: SQLite files that must outlive a restart (a writer's
 * processed log and deadlines, intake's personal data, the audit's head ledger), so one replica on
 * a volume of its own, never shared by an old and a new pod. `scratch`: only its HTTP idempotency
 * file; query's read models are in MongoDB.
 */
export type DataKept = 'state' | 'scratch';
export const DATA_KEPT: Readonly<Record<DeployedService, DataKept>> = {
  intake: 'state',
  escalation: 'state',
  enforcement: 'state',
  adjudication: 'state',
  query: 'scratch',
  audit: 'state',
  supervision: 'state',
  notifications: 'state',
};

/**
 * The backing services as the deployment files name them: compose services, and Services of the
 * namespace in Kubernetes (deploy/k8s/templates/backing-services.yaml). One KurrentDB per writing
 * service, each on KURRENTDB_PORT.
 */
export const KAFKA_ENDPOINT = { host: 'kafka', port: 9092 } as const;
export const MONGODB_ENDPOINT = { host: 'mongo', port: 27017, database: 'four-level-whistle' } as const;
export const KURRENTDB_PORT = 2113;
/** compose runs insecure single KurrentDB nodes for development, so the connection strings say tls=false. */
export const KURRENTDB_TLS = false;
export function kurrentdbHost(store: WriteService): string {
  return `kurrentdb-${store}`;
}

/** Partitions of each topic in the deployments (KAFKA_PARTITIONS). */
export const DEPLOYED_KAFKA_PARTITIONS = 3;
