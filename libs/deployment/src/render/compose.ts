import { KAFKA_ENDPOINT, KURRENTDB_PORT, KURRENTDB_TLS, MONGODB_ENDPOINT, PROXY_BUILD_TARGET, PROXY_IMAGE, kurrentdbHost } from '../topology';
import { PROXY_IDENTITY_PROVIDER_ENV } from '../nginx-conf';
import { inSettingsOrder, issuerSetting, type DeployedSetting, type DeploymentPlan, type ServicePlan } from './deployment-plan';
import { GENERATED_NOTICE } from './generated';
import { yamlText } from './yaml-text';

/** The images of the backing services compose runs (Kubernetes expects them as Services of the namespace). */
export const KAFKA_IMAGE = 'apache/kafka:3.9.1';
export const KURRENTDB_IMAGE = 'kurrentplatform/kurrentdb:26.1.1';
export const MONGODB_IMAGE = 'mongo:7';
/** Where the proxy reads its configuration, and the rendered file compose mounts there. */
export const NGINX_CONF_FILE = 'deploy/nginx/nginx.conf';
export const NGINX_CONF_MOUNT = '/etc/nginx/nginx.conf';

/** The parts of the compose file format these files use. */
interface ComposeHealthcheck {
  readonly test: readonly string[];
  readonly interval: string;
  readonly timeout: string;
  readonly retries: number;
  readonly start_period?: string;
}
interface ComposeService {
  readonly image: string;
  readonly build?: { readonly context: string; readonly dockerfile: string; readonly target?: string };
  readonly command?: readonly string[];
  readonly init?: boolean;
  readonly restart?: 'no' | 'always' | 'on-failure' | 'unless-stopped';
  readonly environment?: Readonly<Record<string, string>>;
  readonly volumes?: readonly string[];
  readonly ports?: readonly string[];
  readonly depends_on?: Readonly<Record<string, { readonly condition: 'service_started' | 'service_healthy' }>>;
  readonly healthcheck?: ComposeHealthcheck;
}
interface ComposeFile {
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly volumes: Readonly<Record<string, null>>;
}

const healthy = (names: readonly string[]): Record<string, { condition: 'service_healthy' }> =>
  Object.fromEntries(names.map((name) => [name, { condition: 'service_healthy' }]));

/** A setting as compose writes it: the value, or a variable of the operator's shell (or .env). */
function composeValue(setting: DeployedSetting): string {
  if ('secret' in setting) return setting.optional ? `\${${setting.name}:-}` : `\${${setting.name}:?set ${setting.name}, ${setting.secret}}`;
  return setting.overridable ? `\${${setting.name}:-${setting.value}}` : setting.value;
}

function kafka(): ComposeService {
  const { host, port } = KAFKA_ENDPOINT;
  return {
    image: KAFKA_IMAGE,
    environment: {
      CLUSTER_ID: 'MawnDqam6pPmpD2qIPPutw',
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_CONTROLLER_QUORUM_VOTERS: `1@${host}:9093`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENERS: `INTERNAL://:${port},CONTROLLER://:9093`,
      KAFKA_ADVERTISED_LISTENERS: `INTERNAL://${host}:${port}`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'INTERNAL',
      KAFKA_LOG_DIRS: '/var/lib/kafka/data',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_NUM_PARTITIONS: '1',
      KAFKA_DEFAULT_REPLICATION_FACTOR: '1',
      KAFKA_MIN_INSYNC_REPLICAS: '1',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '10',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    },
    volumes: [`${host}-data:/var/lib/kafka/data`],
    healthcheck: {
      test: ['CMD-SHELL', `/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server ${host}:${port} > /dev/null 2>&1`],
      interval: '10s',
      timeout: '10s',
      retries: 12,
      start_period: '20s',
    },
  };
}

const kurrentdb = (host: string): ComposeService => ({
  image: KURRENTDB_IMAGE,
  environment: { KURRENTDB_INSECURE: String(!KURRENTDB_TLS), KURRENTDB_RUN_PROJECTIONS: 'None', KURRENTDB_ENABLE_ATOM_PUB_OVER_HTTP: 'false' },
  volumes: [`${host}-data:/var/lib/kurrentdb`],
  healthcheck: { test: ['CMD-SHELL', `curl -fs http://localhost:${KURRENTDB_PORT}/health/live || exit 1`], interval: '5s', timeout: '3s', retries: 30 },
});

const mongo = (): ComposeService => ({
  image: MONGODB_IMAGE,
  volumes: [`${MONGODB_ENDPOINT.host}-data:/data/db`],
  healthcheck: { test: ['CMD', 'mongosh', '--quiet', '--eval', "db.adminCommand('ping').ok"], interval: '5s', timeout: '5s', retries: 30 },
});

function service(plan: DeploymentPlan, s: ServicePlan): ComposeService {
  const settings = inSettingsOrder([...plan.shared, ...s.settings]);
  return {
    image: plan.image,
    build: { context: '.', dockerfile: 'deploy/Dockerfile' },
    command: ['npm', 'run', `start:${s.service}`],
    init: true,
    restart: 'unless-stopped',
    environment: Object.fromEntries(settings.map((setting) => [setting.name, composeValue(setting)])),
    volumes: [`${s.service}-data:${plan.dataDir}`],
    depends_on: healthy([...s.connectsTo, ...s.startsAfter]),
    healthcheck: {
      test: ['CMD', 'node', '-e', `fetch('http://127.0.0.1:${s.port}/api/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`],
      interval: '10s',
      timeout: '5s',
      retries: 6,
      start_period: '60s',
    },
  };
}

const proxy = (plan: DeploymentPlan): ComposeService => ({
  image: PROXY_IMAGE,
  build: { context: '.', dockerfile: 'deploy/Dockerfile', target: PROXY_BUILD_TARGET },
  restart: 'unless-stopped',
  // The console's pages may fetch tokens from the identity provider, as the services' pages may.
  environment: { [PROXY_IDENTITY_PROVIDER_ENV]: composeValue(issuerSetting(plan)) },
  volumes: [`./${NGINX_CONF_FILE}:${NGINX_CONF_MOUNT}:ro`],
  ports: [`${plan.proxyPort}:${plan.proxyPort}`],
  depends_on: healthy(plan.services.map((s) => s.service)),
  healthcheck: { test: ['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${plan.proxyPort}/api/health`], interval: '10s', timeout: '5s', retries: 6 },
});

/** docker-compose.yml: the distributed mode with real images. */
export function renderCompose(plan: DeploymentPlan): string {
  const stores = plan.stores.map(kurrentdbHost);
  const writers = plan.services.filter((s) => s.component === 'writer');
  const readSides = plan.services.filter((s) => s.component === 'read-side');
  const compose: ComposeFile = {
    services: {
      [KAFKA_ENDPOINT.host]: kafka(),
      ...Object.fromEntries(stores.map((host) => [host, kurrentdb(host)])),
      [MONGODB_ENDPOINT.host]: mongo(),
      ...Object.fromEntries(plan.services.map((s) => [s.service, service(plan, s)])),
      proxy: proxy(plan),
    },
    volumes: Object.fromEntries(
      [KAFKA_ENDPOINT.host, ...stores, MONGODB_ENDPOINT.host, ...plan.services.map((s) => s.service)].map((name) => [`${name}-data`, null]),
    ),
  };
  const env = `services.${KAFKA_ENDPOINT.host}.environment`;
  return yamlText(
    [
      {
        comment: [
          GENERATED_NOTICE,
          'The distributed mode with real images: one container per service, Kafka (KRaft), one KurrentDB',
          `per writing service, MongoDB for the read models, and nginx as the one base URL on :${plan.proxyPort}.`,
          '  export JWT_ISSUER=https://login.example.org/realms/town JWT_AUDIENCE=urn:four-level-whistle:api OIDC_CLIENT_ID=whistle-console',
          `  docker compose up -d --build        # then http://localhost:${plan.proxyPort}/ (the console), /api/docs`,
          'Every compose command needs JWT_ISSUER, JWT_AUDIENCE and OIDC_CLIENT_ID set (or in .env): the services',
          'accept only tokens of that identity provider for that audience, checked with the keys it publishes,',
          'never the development secret, and the console signs in through it. JWT_PUBLIC_KEY (a pinned key) or',
          'JWT_JWKS_URL (the keys from that URL) are optional; JWT_MAX_TOKEN_LIFETIME is 12h unless set.',
          'Only the proxy publishes a port.',
        ].join('\n'),
        body: compose,
        notes: {
          [`${env}.CLUSTER_ID`]: 'Single node in KRaft mode: broker and controller in one process.',
          [`${env}.KAFKA_LISTENERS`]: `INTERNAL is what the other containers reach (KAFKA_BROKERS=${KAFKA_ENDPOINT.host}:${KAFKA_ENDPOINT.port}).`,
          [`${env}.KAFKA_AUTO_CREATE_TOPICS_ENABLE`]: 'The services create their topics themselves (KAFKA_PARTITIONS each).',
          ...(stores[0]
            ? {
                [`services.${stores[0]}`]:
                  "One KurrentDB per writing service: each service's events live in a store of its own.\nInsecure single nodes for development (KURRENTDB_URL_* carry ?tls=false).",
              }
            : {}),
          ...(writers[0]
            ? {
                [`services.${writers[0].service}`]: [
                  'The services: one image (deploy/Dockerfile), each started by its own package.json script.',
                  "DATA_DIR is a volume of each service's own: a writer's processed log and deadlines (and",
                  "intake's personal data), the audit's head ledger, every service's idempotency file.",
                  "Every service but supervision reads supervision's store too (KURRENTDB_URL_SUPERVISION), to follow",
                  "the catalogue's changes; supervision asks the read models (MONGODB_URL) which open cases one concerns.",
                ].join('\n'),
              }
            : {}),
          ...(readSides[0]
            ? { [`services.${readSides[0].service}`]: 'The read sides open every writing service’s store read only; like the local launcher, they start after the writers.' }
            : {}),
          'services.proxy': `The one base URL: the web console at / (built into the image by deploy/Dockerfile's ${PROXY_BUILD_TARGET} stage)\nand the API, routed by ${NGINX_CONF_FILE}, renderNginxConf(ROUTES) with these service names.`,
        },
      },
    ],
    { flowKeys: ['command', 'test'], spacedPaths: ['', 'services'] },
  );
}
