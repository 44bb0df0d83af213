import { ConfigError, SettingProblem, loadConfig, setting, type ConfigSpec, type Setting } from '@whistle/config';
import type { MetricsAccess } from '@whistle/http';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, DEVELOPMENT_JWT_SECRET, InvalidTokenOptions, lifetimeSeconds, type PublicKeyVerifyOptions, type SecretVerifyOptions } from '@whistle/auth';
import { SERVICES, type WriteService } from '@whistle/contracts';
import { redactedUrl } from '@whistle/event-store';
import { DEFAULT_PORTS, type DeployedService } from './topology';

/** What every process that serves the API is configured with, in either mode. */
export interface HttpSettings {
  readonly PORT: number;
  readonly DATA_DIR: string;
  readonly CATALOGUE_FILE: string | undefined;
  readonly WORKING_CALENDAR_FILE: string | undefined;
  readonly JWT_SECRET: string;
  readonly JWT_ISSUER: string | undefined;
  readonly JWT_PUBLIC_KEY: string | undefined;
  readonly JWT_JWKS_URL: string | undefined;
  readonly JWT_AUDIENCE: string | undefined;
  /** Seconds. */
  readonly JWT_MAX_TOKEN_LIFETIME: number;
  readonly OIDC_CLIENT_ID: string | undefined;
  readonly OIDC_SCOPES: string;
  readonly LOG_LEVEL: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent';
  readonly BODY_LIMIT: string;
  readonly SCHEDULER_TICK_MS: number;
  readonly RATE_LIMIT_PER_MINUTE: number;
  readonly AUDIT_SIGNING_KEY_FILE: string | undefined;
  readonly AUDIT_CHECKPOINT_EVENTS: number;
  readonly AUDIT_CHECKPOINT_SECONDS: number;
  readonly METRICS_TOKEN: string | undefined;
  readonly OPEN311_CLIENTS_FILE: string | undefined;
  readonly WEBHOOK_SECRETS_FILE: string | undefined;
  readonly NOTIFY_NEAR_DEADLINE_PERCENT: number;
  readonly NOTIFY_RETRY_ATTEMPTS: number;
  readonly NOTIFY_RETRY_INITIAL_MS: number;
  readonly NOTIFY_RETRY_MAX_MS: number;
  readonly NOTIFY_TIMEOUT_MS: number;
}

export function httpSettings(defaultPort: number): ConfigSpec<HttpSettings> {
  return {
    PORT: setting.port('the HTTP port', defaultPort),
    DATA_DIR: setting.string('where the SQLite files live', './data'),
    CATALOGUE_FILE: setting.optionalString('a catalogue replacing the bundled pilot town, in the shape GET /api/catalogue returns'),
    WORKING_CALENDAR_FILE: setting.optionalString(
      "the office's working calendar (JSON: years it covers, holidays and make-up working days by date) over the chinese-days package, for deadlines in working days (P3WD); checked at start",
    ),
    JWT_SECRET: setting.string('the development signing secret for bearer tokens (HS256)', DEVELOPMENT_JWT_SECRET),
    JWT_ISSUER: setting.optionalTrustedUrl(
      'the identity provider (OpenID issuer) whose tokens production accepts instead of JWT_SECRET: its keys come from its discovery document (JWKS) unless JWT_PUBLIC_KEY pins one',
    ),
    JWT_PUBLIC_KEY: setting.optionalString('with JWT_ISSUER: a PEM public key (RSA, EC or Ed25519; the algorithm follows the key) to verify its tokens with, instead of the keys it publishes'),
    JWT_JWKS_URL: setting.optionalTrustedUrl("with JWT_ISSUER: the issuer's JWKS, read straight from this URL instead of from its discovery document; a token naming a key id not yet seen makes it be read again"),
    JWT_AUDIENCE: setting.optionalString("required with JWT_ISSUER: the audience (aud) every token must carry, the API's resource identifier at the provider; the console asks for it as the resource"),
    JWT_MAX_TOKEN_LIFETIME: {
      describe: 'the longest a token may live (exp - iat, and exp - now), as 90s, 30m, 12h or 7d; longer-lived tokens are refused (401) in every mode',
      read: (raw, name) => {
        const text = raw?.trim() ?? '';
        if (text === '') return DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
        try {
          return lifetimeSeconds(text);
        } catch (error) {
          if (!(error instanceof InvalidTokenOptions)) throw error;
          throw new SettingProblem(`${name}: "${text}" is not a lifetime such as 90s, 30m, 12h or 7d`);
        }
      },
    },
    OIDC_CLIENT_ID: setting.optionalString("with JWT_ISSUER: the web console's client id at the provider; the console signs in through it (authorization code with PKCE)"),
    OIDC_SCOPES: setting.string('with OIDC_CLIENT_ID: the scopes the console asks for, space-separated, openid among them (add offline_access for refresh tokens)', 'openid profile'),
    LOG_LEVEL: setting.oneOf('how much the JSON logs say', ['trace', 'debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    BODY_LIMIT: setting.byteSize('the largest request body (413 beyond it)', '64kb'),
    SCHEDULER_TICK_MS: setting.int('how often due deadlines are looked for, in ms', 1000, { min: 10, max: 60_000 }),
    RATE_LIMIT_PER_MINUTE: setting.int('requests per minute per caller before 429; 0 turns the limit off', 0, { min: 0, max: 1_000_000 }),
    AUDIT_SIGNING_KEY_FILE: setting.optionalString(
      "the audit's Ed25519 private key (PKCS#8 PEM) that signs its checkpoints (npm run keys makes a pair); left out, one is made at DATA_DIR/audit-signing-key.pem on the first start",
    ),
    AUDIT_CHECKPOINT_EVENTS: setting.int('the audit signs a checkpoint of a log once it grew by this many events', 1000, { min: 1, max: 10_000_000 }),
    AUDIT_CHECKPOINT_SECONDS: setting.int('and at least this often (seconds) while it grows', 60, { min: 1, max: 86_400 }),
    METRICS_TOKEN: {
      describe:
        'the bearer token Prometheus scrapes /metrics with (Authorization: Bearer <it>), at least 32 characters; left out, /metrics is open with the development secret and served to nobody with JWT_ISSUER',
      read: (raw, name) => {
        const text = raw?.trim() ?? '';
        if (text === '') return undefined;
        if (!/^[A-Za-z0-9._~+/=-]{32,512}$/.test(text)) {
          throw new SettingProblem(`${name}: a bearer token of 32 to 512 letters, digits and . _ ~ + / = - (openssl rand -hex 32 makes one)`);
        }
        return text;
      },
    },
    OPEN311_CLIENTS_FILE: setting.optionalString(
      'the Open311 (GeoReport v2) clients allowed to file service requests: a JSON array of { id, name, apiKeySha256, channel? }; left out, POST /open311/v2/requests is refused (403)',
    ),
    WEBHOOK_SECRETS_FILE: setting.optionalString(
      "a JSON file from each webhook's secretRef (in the catalogue) to its secret, which signs its notifications; required once the catalogue names a webhook",
    ),
    NOTIFY_NEAR_DEADLINE_PERCENT: setting.int('a summoned unit is reminded once this share (%) of its report-in window is left', 25, { min: 1, max: 99 }),
    NOTIFY_RETRY_ATTEMPTS: setting.int('tries of a notification before it is dead-lettered', 8, { min: 1, max: 100 }),
    NOTIFY_RETRY_INITIAL_MS: setting.int('the wait after its first failed try, in ms, doubling after each (with jitter)', 2_000, { min: 10, max: 3_600_000 }),
    NOTIFY_RETRY_MAX_MS: setting.int('the longest wait between two tries, in ms', 600_000, { min: 10, max: 86_400_000 }),
    NOTIFY_TIMEOUT_MS: setting.int('how long a webhook may take to answer, in ms, before the try counts as failed', 10_000, { min: 100, max: 120_000 }),
  };
}

/**
 * Who may read /metrics: Prometheus with METRICS_TOKEN; without it, anyone on a development
 * setup and nobody where an identity provider's tokens are checked (production), so that a
 * deployment never publishes its figures by forgetting a setting.
 */
export function metricsAccessOf(config: Pick<HttpSettings, 'METRICS_TOKEN' | 'JWT_ISSUER'>): MetricsAccess {
  if (config.METRICS_TOKEN) return { mode: 'token', token: config.METRICS_TOKEN };
  return config.JWT_ISSUER ? { mode: 'closed' } : { mode: 'open' };
}

type TokenSettings = Pick<HttpSettings, 'JWT_ISSUER' | 'JWT_PUBLIC_KEY' | 'JWT_JWKS_URL' | 'JWT_AUDIENCE' | 'OIDC_CLIENT_ID' | 'OIDC_SCOPES'>;

/**
 * Settings of an identity provider given without its issuer must not fall back to the development
 * secret. With an issuer the audience is required: one provider serves many applications, and a
 * token it issued for another of them must not be good here (RFC 9068 §4).
 */
export function jwtProblems(config: TokenSettings): string[] {
  const problems: string[] = [];
  if (!config.JWT_ISSUER) {
    for (const name of ['JWT_PUBLIC_KEY', 'JWT_JWKS_URL', 'JWT_AUDIENCE', 'OIDC_CLIENT_ID'] as const) {
      if (config[name]) problems.push(`JWT_ISSUER is required with ${name}: tokens are checked against an identity provider, never half configured`);
    }
  } else if (!config.JWT_AUDIENCE) {
    problems.push("JWT_AUDIENCE is required with JWT_ISSUER: the API's resource identifier at the provider, which every token must carry, so that a token the provider issued for another application is refused");
  }
  if (config.JWT_PUBLIC_KEY && config.JWT_JWKS_URL) problems.push('JWT_PUBLIC_KEY and JWT_JWKS_URL both name the keys: set one (a pinned key, or the issuer\'s JWKS)');
  if (!config.OIDC_SCOPES.split(/\s+/).includes('openid')) problems.push(`OIDC_SCOPES: "${config.OIDC_SCOPES}" lacks openid, without which the provider signs nobody in`);
  return problems;
}

/** Reads the HTTP settings of a process that serves the API (the embedded mode's whole configuration). */
export function loadHttpSettings(defaultPort: number, env: Readonly<Record<string, string | undefined>> = process.env): HttpSettings {
  const config = loadConfig(httpSettings(defaultPort), env);
  const problems = jwtProblems(config);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * Where the keys that check tokens come from: the development secret, a public key pinned by
 * JWT_PUBLIC_KEY, the JWKS at JWT_JWKS_URL, or the keys JWT_ISSUER's discovery document names
 * (both fetched at start, see resolveTokenChecks).
 */
export type TokenSource = 'development-secret' | 'pinned-public-key' | 'jwks-url' | 'issuer-keys';

export function tokenSourceOf(config: Pick<HttpSettings, 'JWT_ISSUER' | 'JWT_PUBLIC_KEY' | 'JWT_JWKS_URL'>): TokenSource {
  if (!config.JWT_ISSUER) return 'development-secret';
  if (config.JWT_PUBLIC_KEY) return 'pinned-public-key';
  return config.JWT_JWKS_URL ? 'jwks-url' : 'issuer-keys';
}

/**
 * The options that need nothing fetched: the development secret or a pinned key (the issuer's
 * keys come from resolveTokenChecks). The pinned key's type chooses the algorithm, in the verifier.
 */
export function pinnedVerifyOptionsOf(
  config: Pick<HttpSettings, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_PUBLIC_KEY' | 'JWT_JWKS_URL' | 'JWT_AUDIENCE' | 'JWT_MAX_TOKEN_LIFETIME'>,
): SecretVerifyOptions | PublicKeyVerifyOptions | null {
  const source = tokenSourceOf(config);
  const maxLifetimeSeconds = config.JWT_MAX_TOKEN_LIFETIME;
  if (source === 'development-secret') return { mode: 'secret', secret: config.JWT_SECRET, maxLifetimeSeconds };
  if (source !== 'pinned-public-key' || !config.JWT_PUBLIC_KEY || !config.JWT_ISSUER) return null;
  return {
    mode: 'public-key',
    // A PEM written on one line, as an .env file or a secret store holds it, with \n for its breaks.
    publicKey: config.JWT_PUBLIC_KEY.replace(/\\n/g, '\n'),
    issuer: config.JWT_ISSUER,
    maxLifetimeSeconds,
    ...(config.JWT_AUDIENCE ? { audience: config.JWT_AUDIENCE } : {}),
  };
}

/** The setting naming the KurrentDB connection string of each writing service's store. */
export const KURRENTDB_URL_SETTING: Readonly<Record<WriteService, `KURRENTDB_URL_${Uppercase<WriteService>}`>> = {
  intake: 'KURRENTDB_URL_INTAKE',
  escalation: 'KURRENTDB_URL_ESCALATION',
  adjudication: 'KURRENTDB_URL_ADJUDICATION',
  enforcement: 'KURRENTDB_URL_ENFORCEMENT',
  supervision: 'KURRENTDB_URL_SUPERVISION',
};

/**
 * The setting naming the PostgreSQL connection string of each writing service's store, as the
 * process connects to it: a writer its own as its own role, the stores it only reads (the query and
 * audit services all five, every other service supervision's) as a read-only role. Each store
 * keeps its tables in a schema named after its service, so the five URLs may name one database or five.
 */
export const POSTGRES_URL_SETTING: Readonly<Record<WriteService, `POSTGRES_URL_${Uppercase<WriteService>}`>> = {
  intake: 'POSTGRES_URL_INTAKE',
  escalation: 'POSTGRES_URL_ESCALATION',
  adjudication: 'POSTGRES_URL_ADJUDICATION',
  enforcement: 'POSTGRES_URL_ENFORCEMENT',
  supervision: 'POSTGRES_URL_SUPERVISION',
};

/** The store connection settings EVENT_STORE calls for, per store; none for SQLite files. */
export function storeUrlSetting(eventStore: ServiceSettings['EVENT_STORE'], store: WriteService): keyof ServiceSettings | null {
  if (eventStore === 'kurrentdb') return KURRENTDB_URL_SETTING[store];
  if (eventStore === 'postgres') return POSTGRES_URL_SETTING[store];
  return null;
}

/** One service process of the distributed mode. */
export interface ServiceSettings extends HttpSettings {
  readonly EVENT_STORE: 'sqlite' | 'kurrentdb' | 'postgres';
  readonly KURRENTDB_URL_INTAKE: string | undefined;
  readonly KURRENTDB_URL_ESCALATION: string | undefined;
  readonly KURRENTDB_URL_ADJUDICATION: string | undefined;
  readonly KURRENTDB_URL_ENFORCEMENT: string | undefined;
  readonly KURRENTDB_URL_SUPERVISION: string | undefined;
  readonly POSTGRES_URL_INTAKE: string | undefined;
  readonly POSTGRES_URL_ESCALATION: string | undefined;
  readonly POSTGRES_URL_ADJUDICATION: string | undefined;
  readonly POSTGRES_URL_ENFORCEMENT: string | undefined;
  readonly POSTGRES_URL_SUPERVISION: string | undefined;
  readonly POSTGRES_READ_ROLE: string | undefined;
  readonly KAFKA_BROKERS: readonly string[];
  readonly KAFKA_PARTITIONS: number;
  readonly KAFKA_NAMESPACE: string;
  readonly KAFKA_SESSION_TIMEOUT_MS: number;
  readonly CONSUMER_RETRY_ATTEMPTS: number;
  readonly AUDIT_TOPIC_GRACE_SECONDS: number;
  readonly MONGODB_URL: string;
  readonly CATALOGUE_REFRESH_MS: number;
  readonly API_DOCS_SOURCES: readonly string[];
}

export function serviceSettings(service: DeployedService): ConfigSpec<ServiceSettings> {
  return {
    ...httpSettings(DEFAULT_PORTS[service]),
    EVENT_STORE: setting.oneOf(
      'where the writing services keep their events: a SQLite file each under DATA_DIR, KurrentDB, or PostgreSQL (a schema per service)',
      ['sqlite', 'kurrentdb', 'postgres'] as const,
      'sqlite',
    ),
    KURRENTDB_URL_INTAKE: setting.optionalString("with EVENT_STORE=kurrentdb: the intake store's connection string (kurrentdb://...)"),
    KURRENTDB_URL_ESCALATION: setting.optionalString("with EVENT_STORE=kurrentdb: the escalation store's connection string"),
    KURRENTDB_URL_ADJUDICATION: setting.optionalString("with EVENT_STORE=kurrentdb: the adjudication store's connection string"),
    KURRENTDB_URL_ENFORCEMENT: setting.optionalString("with EVENT_STORE=kurrentdb: the enforcement store's connection string"),
    KURRENTDB_URL_SUPERVISION: setting.optionalString("with EVENT_STORE=kurrentdb: the supervision store's connection string"),
    POSTGRES_URL_INTAKE: postgresUrl("the intake store's database as this process connects to it (the writer's own role; a read-only role for query and audit)"),
    POSTGRES_URL_ESCALATION: postgresUrl("the escalation store's database as this process connects to it"),
    POSTGRES_URL_ADJUDICATION: postgresUrl("the adjudication store's database as this process connects to it"),
    POSTGRES_URL_ENFORCEMENT: postgresUrl("the enforcement store's database as this process connects to it"),
    POSTGRES_URL_SUPERVISION: postgresUrl("the supervision store's database as this process connects to it (every other service reads it, as a read-only role, for the catalogue's changes)"),
    POSTGRES_READ_ROLE: {
      describe: 'with EVENT_STORE=postgres, for a writing service: the role it grants SELECT on its store (the login of the services that only read it)',
      read: (raw, name) => {
        const text = raw?.trim() ?? '';
        if (text === '') return undefined;
        if (!/^[a-z_][a-z0-9_]{0,62}$/.test(text)) throw new SettingProblem(`${name}: "${text}" is not a plain role name (lower-case letters, digits and _)`);
        return text;
      },
    },
    KAFKA_BROKERS: setting.hostPorts('the Kafka bootstrap servers, host:port[,host:port...]', '127.0.0.1:9092'),
    KAFKA_PARTITIONS: setting.int('partitions of each topic the services create', 3, { min: 1, max: 1000 }),
    KAFKA_NAMESPACE: {
      describe: 'put before every topic and consumer group name, to share a cluster (end it with a dot: staging.)',
      read: (raw, name) => {
        const text = raw?.trim() ?? '';
        if (!/^[A-Za-z0-9._-]*$/.test(text) || text.length > 100) {
          throw new SettingProblem(`${name}: "${text}" may hold only letters, digits, dots, underscores and dashes, at most 100 (Kafka's topic name rules)`);
        }
        return text;
      },
    },
    KAFKA_SESSION_TIMEOUT_MS: setting.int('how long a silent consumer keeps its partitions before the group moves them', 30_000, { min: 6_000, max: 300_000 }),
    CONSUMER_RETRY_ATTEMPTS: setting.int(
      'attempts at a failing reaction or projection (backoff doubling from 50 ms to 5 s, about 2.5 minutes at 30) before its message goes to the DLQ: enough to ride out a store or database restart',
      30,
      { min: 1, max: 1000 },
    ),
    AUDIT_TOPIC_GRACE_SECONDS: setting.int(
      'for the audit: how long an event its store holds may take to appear on its Kafka topic before the audit reports it missing, in seconds',
      120,
      { min: 1, max: 86_400 },
    ),
    MONGODB_URL: setting.string('the read models’ MongoDB (or FerretDB) connection string, with the database (query keeps them; supervision asks them which open cases a catalogue change concerns)', 'mongodb://127.0.0.1:27017/four-level-whistle'),
    CATALOGUE_REFRESH_MS: setting.int('how often a service other than supervision reads the catalogue’s recorded changes (目录变更) to put them in force, in ms', 1000, { min: 100, max: 600_000 }),
    API_DOCS_SOURCES: {
      describe:
        'for the service that answers the base URL’s /api/docs (query): the other services’ base URLs, comma-separated (http://intake:3101,…), whose API documents it merges into its own at each request',
      read: (raw, name) => {
        const urls = (raw ?? '').split(',').map((u) => u.trim()).filter((u) => u !== '');
        for (const url of urls) if (!/^https?:\/\/[^/\s]+\/?$/.test(url)) throw new SettingProblem(`${name}: "${url}" is not a base URL like http://intake:3101`);
        return urls;
      },
    },
  };
}

function postgresUrl(what: string): Setting<string | undefined> {
  const describe = `with EVENT_STORE=postgres: ${what} (postgres://user[:password]@host:port/database)`;
  return {
    describe,
    read: (raw, name) => {
      const text = raw?.trim() ?? '';
      if (text === '') return undefined;
      if (!/^postgres(ql)?:\/\/[^/]+\/[^/?]+/.test(text)) throw new SettingProblem(`${name}: "${redactedUrl(text)}" is not a postgres://host/database URL (${describe})`);
      return text;
    },
  };
}


/**
 * The writing services' stores a process opens: its own for a writing service, all five for query
 * and audit. Every process but supervision also opens supervision's store read only, to follow the
 * catalogue's recorded changes (目录变更) from it; the notifier opens that one alone (it only consumes).
 */
export function storesOpenedBy(service: DeployedService): readonly WriteService[] {
  if (service === 'query' || service === 'audit') return SERVICES;
  if (service === 'notifications') return ['supervision'];
  return service === 'supervision' ? [service] : [service, 'supervision'];
}

/**
 * The settings a deployment must give the service: where the defaults point at this machine
 * (brokers, database, stores) or at development secrets. The manifests are checked against it.
 */
export function settingsADeploymentSets(service: DeployedService, eventStore: ServiceSettings['EVENT_STORE']): readonly (keyof ServiceSettings)[] {
  return [
    'PORT',
    'DATA_DIR',
    'KAFKA_BROKERS',
    'EVENT_STORE',
    'JWT_ISSUER',
    'JWT_AUDIENCE',
    'OIDC_CLIENT_ID',
    ...storesOpenedBy(service).flatMap((s) => storeUrlSetting(eventStore, s) ?? []),
    // Supervision asks the read models which open cases a catalogue change concerns.
    ...(service === 'query' || service === 'supervision' ? (['MONGODB_URL'] as const) : []),
  ];
}

/** Reads and checks one service's settings; a missing store URL is named like any other bad setting. */
export function loadServiceSettings(service: DeployedService, env: Readonly<Record<string, string | undefined>> = process.env): ServiceSettings {
  const config = loadConfig(serviceSettings(service), env);
  const jwt = jwtProblems(config);
  if (jwt.length > 0) throw new ConfigError(jwt);
  const missing = storesOpenedBy(service).flatMap((s) => storeUrlSetting(config.EVENT_STORE, s) ?? []).filter((name) => !config[name]);
  if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name} is required with EVENT_STORE=${config.EVENT_STORE} (the ${service} service opens that store)`));
  return config;
}
