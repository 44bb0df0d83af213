import { API_DOCUMENT_PATH } from '@whistle/http';
import { SERVICES, type WriteService } from '@whistle/contracts';
import { KURRENTDB_URL_SETTING, serviceSettings, settingsADeploymentSets, storesOpenedBy, type ServiceSettings } from '../settings';
import {
  DATA_KEPT,
  DEFAULT_PORTS,
  DEPLOYED_KAFKA_PARTITIONS,
  DEPLOYED_SERVICES,
  IMAGE_DATA_DIR,
  KAFKA_ENDPOINT,
  KURRENTDB_PORT,
  KURRENTDB_TLS,
  MONGODB_ENDPOINT,
  NAMESPACE,
  PROXY_PORT,
  READ_SIDES,
  SERVICE_IMAGE,
  kurrentdbHost,
  routeOf,
  type DataKept,
  type DeployedService,
} from '../topology';

export type SettingName = keyof ServiceSettings;

/** A setting as the deployment files give it. */
export type DeployedSetting =
  /** Written in the files; `overridable`: compose takes the operator's variable first (`${NAME:-value}`). */
  | { readonly name: SettingName; readonly value: string; readonly overridable?: boolean }
  /**
   * Never written in the files: compose requires the operator's variable (`${NAME:?set NAME, <secret>}`),
   * Kubernetes takes it from the Secret SECRET_NAME under the same key. `optional`: compose takes
   * the variable when set (`${NAME:-}`), Kubernetes the key when the Secret has it.
   */
  | { readonly name: SettingName; readonly secret: string; readonly optional?: boolean };

/** One service as compose and the manifests run it. */
export interface ServicePlan {
  readonly service: DeployedService;
  readonly port: number;
  readonly component: 'writer' | 'read-side';
  readonly data: DataKept;
  /** Its own settings: PORT, the connection strings of the stores it opens, MONGODB_URL where it keeps read models. */
  readonly settings: readonly DeployedSetting[];
  /** The backing services (compose services, Services of the namespace) its settings name: it waits until they are healthy. */
  readonly connectsTo: readonly string[];
  /** Services it starts after: the read sides open the writers' stores, so they come after them (as the local launcher). */
  readonly startsAfter: readonly DeployedService[];
}

/** Everything the renderers need, from the topology and the services' settings; the tests feed them broken ones. */
export interface DeploymentPlan {
  readonly namespace: string;
  readonly image: string;
  readonly dataDir: string;
  readonly proxyPort: number;
  /** The stores, one KurrentDB per writing service. */
  readonly stores: readonly WriteService[];
  /** Settings every service gets alike (compose: each service; Kubernetes: ConfigMap SETTINGS_CONFIG_MAP and SECRET_NAME). */
  readonly shared: readonly DeployedSetting[];
  readonly services: readonly ServicePlan[];
}

/** The Kubernetes objects the shared settings live in. */
export const SETTINGS_CONFIG_MAP = 'whistle-settings';
export const SECRET_NAME = 'whistle-jwt';

export const kurrentdbUrl = (store: WriteService): string => `kurrentdb://${kurrentdbHost(store)}:${KURRENTDB_PORT}?tls=${KURRENTDB_TLS}`;
export const MONGODB_URL = `mongodb://${MONGODB_ENDPOINT.host}:${MONGODB_ENDPOINT.port}/${MONGODB_ENDPOINT.database}`;

function servicePlan(service: DeployedService): ServicePlan {
  const readSide = (READ_SIDES as readonly string[]).includes(service);
  const stores = storesOpenedBy(service);
  const readModels = settingsADeploymentSets(service, 'kurrentdb').includes('MONGODB_URL');
  return {
    service,
    port: DEFAULT_PORTS[service],
    component: readSide ? 'read-side' : 'writer',
    data: DATA_KEPT[service],
    settings: [
      { name: 'PORT', value: String(DEFAULT_PORTS[service]) },
      ...stores.map((store) => ({ name: KURRENTDB_URL_SETTING[store], value: kurrentdbUrl(store) })),
      ...(readModels ? [{ name: 'MONGODB_URL' as const, value: MONGODB_URL }] : []),
      // The service behind the base URL's /api/docs merges every other service's document into its own.
      ...(routeOf('GET', API_DOCUMENT_PATH) === service
        ? [{ name: 'API_DOCS_SOURCES' as const, value: DEPLOYED_SERVICES.filter((s) => s !== service).map((s) => `http://${s}:${DEFAULT_PORTS[s]}`).join(',') }]
        : []),
    ],
    connectsTo: [KAFKA_ENDPOINT.host, ...stores.map(kurrentdbHost), ...(readModels ? [MONGODB_ENDPOINT.host] : [])],
    startsAfter: readSide ? DEPLOYED_SERVICES.filter((s) => !(READ_SIDES as readonly string[]).includes(s)) : [],
  };
}

/** The deployment the topology describes: what docker-compose.yml and deploy/k8s are rendered from. */
export function deploymentPlan(): DeploymentPlan {
  return {
    namespace: NAMESPACE,
    image: SERVICE_IMAGE,
    dataDir: IMAGE_DATA_DIR,
    proxyPort: PROXY_PORT,
    stores: SERVICES,
    shared: [
      { name: 'DATA_DIR', value: IMAGE_DATA_DIR },
      { name: 'EVENT_STORE', value: 'kurrentdb' },
      { name: 'KAFKA_BROKERS', value: `${KAFKA_ENDPOINT.host}:${KAFKA_ENDPOINT.port}` },
      { name: 'KAFKA_PARTITIONS', value: String(DEPLOYED_KAFKA_PARTITIONS) },
      { name: 'LOG_LEVEL', value: 'info', overridable: true },
      { name: 'JWT_ISSUER', secret: 'the identity provider whose tokens the services accept (its keys from its discovery document)' },
      { name: 'OIDC_CLIENT_ID', secret: "the web console's client id at JWT_ISSUER (code flow with PKCE, redirect <base URL>/auth/callback)" },
      { name: 'JWT_AUDIENCE', secret: "the audience every token must carry, the API's resource identifier at the provider" },
      { name: 'JWT_PUBLIC_KEY', secret: "a PEM key (RSA, EC or Ed25519) to check the issuer's tokens with instead of the keys it publishes", optional: true },
      { name: 'JWT_JWKS_URL', secret: "the issuer's JWKS, read from this URL instead of from its discovery document", optional: true },
      { name: 'JWT_MAX_TOKEN_LIFETIME', value: '12h', overridable: true },
      { name: 'METRICS_TOKEN', secret: 'the bearer token Prometheus scrapes /metrics with (deploy/prometheus/prometheus.yml); without it /metrics is served to nobody', optional: true },
    ],
    services: DEPLOYED_SERVICES.map(servicePlan),
  };
}

/** JWT_ISSUER, which the proxy also needs: the console's pages fetch tokens from the identity provider. */
export function issuerSetting(plan: DeploymentPlan): DeployedSetting {
  const issuer = plan.shared.find((setting) => setting.name === 'JWT_ISSUER');
  if (!issuer) throw new Error('the deployment plan has no JWT_ISSUER setting');
  return issuer;
}

/** The upstreams of the proxy: each service by its compose service (and Kubernetes Service) name, on its port. */
export function proxyUpstreams(plan: DeploymentPlan): Record<DeployedService, string> {
  return Object.fromEntries(plan.services.map((s) => [s.service, `${s.service}:${s.port}`])) as Record<DeployedService, string>;
}

/**
 * In the order serviceSettings declares them (every service declares the same names), so every
 * file lists settings alike; names it does not declare go last.
 */
export function inSettingsOrder<T extends { readonly name: string }>(settings: readonly T[]): T[] {
  const order: string[] = Object.keys(serviceSettings('intake'));
  const rank = (name: string): number => (order.includes(name) ? order.indexOf(name) : order.length);
  return [...settings].sort((a, b) => rank(a.name) - rank(b.name));
}
