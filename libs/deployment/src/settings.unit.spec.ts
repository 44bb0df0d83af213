import { generateKeyPairSync } from 'node:crypto';
import { createTokenVerifier } from '@whistle/auth';
import { ConfigError } from '@whistle/config';
import { loadServiceSettings, pinnedVerifyOptionsOf, settingsADeploymentSets, storesOpenedBy, tokenSourceOf } from './settings';

function problemsOf(service: Parameters<typeof loadServiceSettings>[0], env: Record<string, string>): readonly string[] {
  try {
    loadServiceSettings(service, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('a distributed service’s settings', () => {
  it('default to this machine’s local infrastructure and the service’s own port', () => {
    const intake = loadServiceSettings('intake', {});
    expect(intake).toMatchObject({ PORT: 3101, EVENT_STORE: 'sqlite', KAFKA_BROKERS: ['127.0.0.1:9092'], KAFKA_PARTITIONS: 3, KAFKA_NAMESPACE: '' });
    expect(loadServiceSettings('audit', {}).PORT).toBe(3106);
    expect(loadServiceSettings('query', { KAFKA_BROKERS: 'k1:9092, k2:9093' }).KAFKA_BROKERS).toEqual(['k1:9092', 'k2:9093']);
  });

  it('name every bad one at once', () => {
    expect(problemsOf('enforcement', { KAFKA_BROKERS: 'kafka', KAFKA_PARTITIONS: '0', EVENT_STORE: 'mysql', PORT: 'x' })).toEqual([
      'PORT: "x" is not a whole number from 0 to 65535 (the HTTP port)',
      'EVENT_STORE: "mysql" is not one of sqlite, kurrentdb, postgres (where the writing services keep their events: a SQLite file each under DATA_DIR, KurrentDB, or PostgreSQL (a schema per service))',
      'KAFKA_BROKERS: "kafka" is not a comma-separated list of host:port (the Kafka bootstrap servers, host:port[,host:port...])',
      'KAFKA_PARTITIONS: "0" is not a whole number from 1 to 1000 (partitions of each topic the services create)',
    ]);
  });

  it('with KurrentDB, require the connection string of every store the service opens, and only those', () => {
    expect(problemsOf('escalation', { EVENT_STORE: 'kurrentdb' })).toEqual([
      'KURRENTDB_URL_ESCALATION is required with EVENT_STORE=kurrentdb (the escalation service opens that store)',
      'KURRENTDB_URL_SUPERVISION is required with EVENT_STORE=kurrentdb (the escalation service opens that store)',
    ]);
    expect(problemsOf('escalation', { EVENT_STORE: 'kurrentdb', KURRENTDB_URL_ESCALATION: 'kurrentdb://e:2113?tls=false', KURRENTDB_URL_SUPERVISION: 'kurrentdb://s:2113?tls=false' })).toEqual([]);
    expect(problemsOf('audit', { EVENT_STORE: 'kurrentdb', KURRENTDB_URL_INTAKE: 'kurrentdb://i:2113' })).toEqual([
      'KURRENTDB_URL_ESCALATION is required with EVENT_STORE=kurrentdb (the audit service opens that store)',
      'KURRENTDB_URL_ADJUDICATION is required with EVENT_STORE=kurrentdb (the audit service opens that store)',
      'KURRENTDB_URL_ENFORCEMENT is required with EVENT_STORE=kurrentdb (the audit service opens that store)',
      'KURRENTDB_URL_SUPERVISION is required with EVENT_STORE=kurrentdb (the audit service opens that store)',
    ]);
  });

  it('with PostgreSQL, require the URL of every store the service opens, and check what is given', () => {
    expect(problemsOf('intake', { EVENT_STORE: 'postgres' })).toEqual([
      'POSTGRES_URL_INTAKE is required with EVENT_STORE=postgres (the intake service opens that store)',
      'POSTGRES_URL_SUPERVISION is required with EVENT_STORE=postgres (the intake service opens that store)',
    ]);
    const writer = loadServiceSettings('intake', {
      EVENT_STORE: 'postgres',
      POSTGRES_URL_INTAKE: 'postgres://whistle_intake@db:5432/whistle',
      POSTGRES_URL_SUPERVISION: 'postgres://whistle_reader@db:5432/whistle',
      POSTGRES_READ_ROLE: 'whistle_reader',
    });
    expect(writer).toMatchObject({ EVENT_STORE: 'postgres', POSTGRES_URL_INTAKE: 'postgres://whistle_intake@db:5432/whistle', POSTGRES_READ_ROLE: 'whistle_reader' });
    expect(problemsOf('audit', { EVENT_STORE: 'postgres', POSTGRES_URL_INTAKE: 'postgres://reader@db/whistle', POSTGRES_URL_ESCALATION: 'postgres://reader@db/whistle' })).toEqual([
      'POSTGRES_URL_ADJUDICATION is required with EVENT_STORE=postgres (the audit service opens that store)',
      'POSTGRES_URL_ENFORCEMENT is required with EVENT_STORE=postgres (the audit service opens that store)',
      'POSTGRES_URL_SUPERVISION is required with EVENT_STORE=postgres (the audit service opens that store)',
    ]);
    expect(problemsOf('intake', { EVENT_STORE: 'postgres', POSTGRES_URL_INTAKE: 'http://u:secret@db/whistle', POSTGRES_URL_SUPERVISION: 'postgres://r@db/whistle', POSTGRES_READ_ROLE: 'Reader; DROP' })).toEqual([
      'POSTGRES_URL_INTAKE: "http://u:***@db/whistle" is not a postgres://host/database URL (with EVENT_STORE=postgres: the intake store\'s database as this process connects to it (the writer\'s own role; a read-only role for query and audit) (postgres://user[:password]@host:port/database))',
      'POSTGRES_READ_ROLE: "Reader; DROP" is not a plain role name (lower-case letters, digits and _)',
    ]);
    expect(settingsADeploymentSets('audit', 'postgres')).toEqual(expect.arrayContaining(['POSTGRES_URL_INTAKE', 'POSTGRES_URL_ENFORCEMENT']));
  });

  it('open only supervision’s store for the notifier, which only consumes (the catalogue’s changes), and read its delivery settings with their defaults', () => {
    expect(storesOpenedBy('notifications')).toEqual(['supervision']);
    expect(problemsOf('notifications', { EVENT_STORE: 'postgres' })).toEqual(['POSTGRES_URL_SUPERVISION is required with EVENT_STORE=postgres (the notifications service opens that store)']);
    const notifier = loadServiceSettings('notifications', {});
    expect([notifier.PORT, notifier.NOTIFY_NEAR_DEADLINE_PERCENT, notifier.NOTIFY_RETRY_ATTEMPTS, notifier.WEBHOOK_SECRETS_FILE]).toEqual([3108, 25, 8, undefined]);
    expect(problemsOf('notifications', { NOTIFY_NEAR_DEADLINE_PERCENT: '100', NOTIFY_RETRY_ATTEMPTS: '0' })).toEqual([
      expect.stringMatching(/^NOTIFY_NEAR_DEADLINE_PERCENT: /),
      expect.stringMatching(/^NOTIFY_RETRY_ATTEMPTS: /),
    ]);
  });

  it('refuse a namespace Kafka would refuse as part of a topic name', () => {
    expect(problemsOf('intake', { KAFKA_NAMESPACE: 'staging/1' })).toEqual([
      'KAFKA_NAMESPACE: "staging/1" may hold only letters, digits, dots, underscores and dashes, at most 100 (Kafka\'s topic name rules)',
    ]);
    expect(loadServiceSettings('intake', { KAFKA_NAMESPACE: 'staging.' }).KAFKA_NAMESPACE).toBe('staging.');
  });

  it('refuse identity-provider settings without the issuer instead of falling back to the development secret', () => {
    expect(problemsOf('audit', { JWT_PUBLIC_KEY: 'pem', OIDC_CLIENT_ID: 'whistle-console' })).toEqual([
      'JWT_ISSUER is required with JWT_PUBLIC_KEY: tokens are checked against an identity provider, never half configured',
      'JWT_ISSUER is required with OIDC_CLIENT_ID: tokens are checked against an identity provider, never half configured',
    ]);
    expect(problemsOf('intake', { JWT_ISSUER: 'http://login.example.org' })[0]).toMatch(/^JWT_ISSUER: "http:\/\/login.example.org" is not an https:\/\/ URL/);
    expect(problemsOf('intake', { JWT_ISSUER: 'https://login.example.org', JWT_AUDIENCE: 'urn:whistle:api', OIDC_SCOPES: 'profile email' })).toEqual([
      'OIDC_SCOPES: "profile email" lacks openid, without which the provider signs nobody in',
    ]);
  });

  it('take the keys from the issuer unless a public key is pinned', () => {
    expect(tokenSourceOf(loadServiceSettings('intake', {}))).toBe('development-secret');
    const issuer = { JWT_ISSUER: 'https://login.example.org', JWT_AUDIENCE: 'urn:whistle:api' };
    expect(tokenSourceOf(loadServiceSettings('intake', issuer))).toBe('issuer-keys');
    expect(tokenSourceOf(loadServiceSettings('intake', { ...issuer, JWT_PUBLIC_KEY: 'pem' }))).toBe('pinned-public-key');
    expect(loadServiceSettings('query', {}).OIDC_SCOPES).toBe('openid profile');
  });

  it('give the consumers a retry budget that rides out a restart of a store or database', () => {
    expect(loadServiceSettings('query', {}).CONSUMER_RETRY_ATTEMPTS).toBe(30);
    expect(problemsOf('query', { CONSUMER_RETRY_ATTEMPTS: '0' })[0]).toMatch(/^CONSUMER_RETRY_ATTEMPTS: "0" is not a whole number from 1 to 1000/);
  });

  it('say which stores each process opens and what a deployment must set', () => {
    // Every process but supervision follows the catalogue's changes in supervision's store.
    expect(storesOpenedBy('adjudication')).toEqual(['adjudication', 'supervision']);
    expect(storesOpenedBy('query')).toEqual(['intake', 'escalation', 'adjudication', 'enforcement', 'supervision']);
    expect(storesOpenedBy('supervision')).toEqual(['supervision']);
    expect(settingsADeploymentSets('intake', 'kurrentdb')).toContain('KURRENTDB_URL_SUPERVISION');
    // Supervision asks the read models which open cases a catalogue change concerns.
    expect(settingsADeploymentSets('supervision', 'kurrentdb')).toContain('MONGODB_URL');
    expect(settingsADeploymentSets('query', 'kurrentdb')).toEqual(expect.arrayContaining(['MONGODB_URL', 'KURRENTDB_URL_INTAKE', 'KURRENTDB_URL_ENFORCEMENT', 'KAFKA_BROKERS']));
    expect(settingsADeploymentSets('intake', 'sqlite')).not.toContain('MONGODB_URL');
    expect(settingsADeploymentSets('intake', 'kurrentdb')).not.toContain('KURRENTDB_URL_ESCALATION');
  });
});

describe('pinnedVerifyOptionsOf', () => {
  const base = { JWT_SECRET: 'unused', JWT_ISSUER: 'https://idp', JWT_JWKS_URL: undefined, JWT_AUDIENCE: 'urn:api', JWT_MAX_TOKEN_LIFETIME: 3600 };

  it.each([
    ['an RSA', generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey],
    ['an EC', generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey],
    ['an Ed25519', generateKeyPairSync('ed25519').publicKey],
  ])('leaves the algorithm to %s key, so the verifier starts', (_, publicKey) => {
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const options = pinnedVerifyOptionsOf({ ...base, JWT_PUBLIC_KEY: pem });
    expect(options).toEqual({ mode: 'public-key', publicKey: pem, issuer: 'https://idp', audience: 'urn:api', maxLifetimeSeconds: 3600 });
    expect(() => createTokenVerifier(options ?? { mode: 'secret', secret: '' })).not.toThrow();
    // As an .env file holds it: on one line, \n for its breaks.
    expect(pinnedVerifyOptionsOf({ ...base, JWT_PUBLIC_KEY: pem.replace(/\n/g, '\\n') })).toMatchObject({ publicKey: pem });
  });

  it('has nothing pinned when the keys come from the issuer', () => {
    expect(pinnedVerifyOptionsOf({ ...base, JWT_PUBLIC_KEY: undefined })).toBeNull();
    expect(pinnedVerifyOptionsOf({ ...base, JWT_PUBLIC_KEY: undefined, JWT_JWKS_URL: 'https://idp/jwks' })).toBeNull();
  });

  it('gives the development secret the maximum lifetime too', () => {
    expect(pinnedVerifyOptionsOf({ ...base, JWT_ISSUER: undefined, JWT_AUDIENCE: undefined, JWT_PUBLIC_KEY: undefined })).toEqual({ mode: 'secret', secret: 'unused', maxLifetimeSeconds: 3600 });
  });
});

describe('the token settings', () => {
  const issuer = { JWT_ISSUER: 'https://login.example.org', JWT_AUDIENCE: 'urn:whistle:api' };

  it('read the maximum token lifetime, 12 hours unless set, and name a bad one', () => {
    expect(loadServiceSettings('intake', {}).JWT_MAX_TOKEN_LIFETIME).toBe(43_200);
    expect(loadServiceSettings('intake', { JWT_MAX_TOKEN_LIFETIME: '30m' }).JWT_MAX_TOKEN_LIFETIME).toBe(1800);
    expect(problemsOf('intake', { JWT_MAX_TOKEN_LIFETIME: '12 hours' })).toEqual(['JWT_MAX_TOKEN_LIFETIME: "12 hours" is not a lifetime such as 90s, 30m, 12h or 7d']);
  });

  it('take the keys from a JWKS URL, named when it is no trusted URL, given without the issuer or beside a pinned key', () => {
    expect(tokenSourceOf(loadServiceSettings('intake', { ...issuer, JWT_JWKS_URL: 'https://login.example.org/keys' }))).toBe('jwks-url');
    expect(problemsOf('intake', { ...issuer, JWT_JWKS_URL: 'http://keys.example.org/jwks' })[0]).toMatch(/^JWT_JWKS_URL: "http:\/\/keys.example.org\/jwks" is not an https:\/\/ URL/);
    expect(problemsOf('intake', { JWT_JWKS_URL: 'https://login.example.org/keys' })).toEqual([
      'JWT_ISSUER is required with JWT_JWKS_URL: tokens are checked against an identity provider, never half configured',
    ]);
    expect(problemsOf('intake', { ...issuer, JWT_JWKS_URL: 'https://login.example.org/keys', JWT_PUBLIC_KEY: 'pem' })).toEqual([
      "JWT_PUBLIC_KEY and JWT_JWKS_URL both name the keys: set one (a pinned key, or the issuer's JWKS)",
    ]);
  });

  it('require the audience with an issuer, and a deployment to set it', () => {
    expect(problemsOf('intake', { JWT_ISSUER: 'https://login.example.org' })).toEqual([
      "JWT_AUDIENCE is required with JWT_ISSUER: the API's resource identifier at the provider, which every token must carry, so that a token the provider issued for another application is refused",
    ]);
    expect(settingsADeploymentSets('intake', 'kurrentdb')).toContain('JWT_AUDIENCE');
  });
});
