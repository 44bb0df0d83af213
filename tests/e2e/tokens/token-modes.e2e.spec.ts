import { createSecretKey } from 'node:crypto';
import { signJws } from '@whistle/auth';
import { freePort } from '@whistle/deployment';
import { eventually, send } from '../support/api-client';
import { SystemProcess } from '../support/system-process';
import { composeTokenEnv } from './compose-token-env';
import { issuerKey, TestIssuer, type IssuerKey, type KeyKind } from './test-issuer';

// The system started as a process with docker-compose.yml's token settings in each production
// mode: a pinned PEM key of each type (RSA, EC, Ed25519), the keys from JWT_JWKS_URL with a key
// rotation, and the keys from the issuer's discovery document. In each a token of the issuer's
// key is accepted and the tokens an attacker or a misconfigured client would bring are refused.
jest.setTimeout(120_000);

const AUDIENCE = 'urn:four-level-whistle:api';
const COMPOSE_VARIABLES = { JWT_AUDIENCE: AUDIENCE, OIDC_CLIENT_ID: 'whistle-console' };

async function refusal(system: SystemProcess, token: string): Promise<string> {
  const answer = await send(system.baseUrl, 'GET', '/api/query/cases', { token });
  return `${answer.status} ${answer.body.message ?? ''}`.trim();
}

/** An unsigned token (alg none) and one signed HS256 with the issuer's public key as the secret. */
function forgeriesOf(issuer: TestIssuer, key: IssuerKey): Record<string, string> {
  const iat = Math.floor(Date.now() / 1000);
  const claims = { iss: issuer.issuer, sub: 'mallory', role: 'admin', aud: AUDIENCE, iat, exp: iat + 300 };
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const hs256 = signJws(claims, createSecretKey(Buffer.from(key.pem)), 'HS256', key.kid);
  return { none: `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`, hs256 };
}

describe.each<[KeyKind, string]>([
  ['rsa', 'RS256'],
  ['ec', 'ES256'],
  ['ed25519', 'EdDSA'],
])('JWT_ISSUER with JWT_PUBLIC_KEY, a %s key (%s)', (kind, algorithm) => {
  const key = issuerKey(kind);
  let issuer: TestIssuer;
  let system: SystemProcess;

  beforeAll(async () => {
    issuer = await TestIssuer.start([key]);
    system = await SystemProcess.start({ env: composeTokenEnv({ ...COMPOSE_VARIABLES, JWT_ISSUER: issuer.issuer, JWT_PUBLIC_KEY: key.pem }) });
  }, 120_000);
  afterAll(async () => {
    await system?.dispose();
    await issuer?.stop();
  });

  it(`starts, and accepts a ${algorithm} token of the key for the audience`, async () => {
    expect(key.algorithm).toBe(algorithm);
    expect((await send(system.baseUrl, 'GET', '/api/query/cases', { token: issuer.token({}, { audience: AUDIENCE }) })).status).toBe(200);
  });

  it('refuses another key’s token, another audience, no audience, too long a lifetime, alg none and HS256 keyed with the public key', async () => {
    const forgeries = forgeriesOf(issuer, key);
    expect(await refusal(system, issuer.token({}, { audience: AUDIENCE, key: issuerKey(kind, key.kid) }))).toBe('401 invalid token: invalid signature');
    expect(await refusal(system, issuer.token({}, { audience: 'urn:another-api' }))).toBe(`401 invalid token: jwt audience invalid. expected: ${AUDIENCE}`);
    expect(await refusal(system, issuer.token({}))).toBe(`401 invalid token: jwt audience invalid. expected: ${AUDIENCE}`);
    expect(await refusal(system, issuer.token({}, { audience: AUDIENCE, lifetime: 13 * 3600 }))).toBe(
      `401 invalid token: the token lives ${13 * 3600} s (exp - iat), longer than the 43200 s this system accepts (JWT_MAX_TOKEN_LIFETIME)`,
    );
    expect(await refusal(system, forgeries['none'] ?? '')).toBe(`401 invalid token: the issuer's key signs with ${kind === 'rsa' ? 'RS256, RS384, RS512, PS256, PS384, PS512' : algorithm}, not none`);
    expect(await refusal(system, forgeries['hs256'] ?? '')).toMatch(/^401 invalid token: the issuer's key signs with .*, not HS256$/);
  });
});

describe('JWT_ISSUER with JWT_JWKS_URL, no discovery needed for the keys', () => {
  const first = issuerKey('ed25519', '2026-12-a');
  let issuer: TestIssuer;
  let system: SystemProcess;

  beforeAll(async () => {
    issuer = await TestIssuer.start([first, issuerKey('rsa', '2026-12-rsa')]);
    // Its own lifetime, to show the setting reaches the check.
    const env = composeTokenEnv({ ...COMPOSE_VARIABLES, JWT_ISSUER: issuer.issuer, JWT_JWKS_URL: issuer.jwksUri, JWT_MAX_TOKEN_LIFETIME: '1h' });
    expect(env).toMatchObject({ JWT_JWKS_URL: issuer.jwksUri, JWT_PUBLIC_KEY: '', JWT_MAX_TOKEN_LIFETIME: '1h' });
    system = await SystemProcess.start({ env });
  }, 120_000);
  afterAll(async () => {
    await system?.dispose();
    await issuer?.stop();
  });

  it('accepts tokens of each published key, and refuses the forgeries and a token longer than JWT_MAX_TOKEN_LIFETIME', async () => {
    expect((await send(system.baseUrl, 'GET', '/api/query/cases', { token: issuer.token({}, { audience: AUDIENCE }) })).status).toBe(200);
    const rsa = issuer.keys[1] as IssuerKey;
    expect((await send(system.baseUrl, 'GET', '/api/query/cases', { token: issuer.token({}, { audience: AUDIENCE, key: rsa }) })).status).toBe(200);
    expect(await refusal(system, issuer.token({}, { audience: AUDIENCE, lifetime: 7200 }))).toMatch(/^401 invalid token: the token lives 7200 s \(exp - iat\), longer than the 3600 s/);
    expect(await refusal(system, issuer.token({}, { audience: 'urn:another-api' }))).toBe(`401 invalid token: jwt audience invalid. expected: ${AUDIENCE}`);
    const forgeries = forgeriesOf(issuer, first);
    expect(await refusal(system, forgeries['none'] ?? '')).toBe("401 invalid token: the issuer's tokens are signed with its keys, not none");
    expect(await refusal(system, forgeries['hs256'] ?? '')).toBe("401 invalid token: the issuer's tokens are signed with its keys, not HS256");
    expect(await refusal(system, issuer.token({}, { audience: AUDIENCE, key: issuerKey('ed25519', first.kid) }))).toBe('401 invalid token: invalid signature');
  });

  it('after the issuer rotates its keys, fetches them again for the new key id and refuses the withdrawn key', async () => {
    const rotated = issuerKey('ec', '2026-12-b');
    // Accepted before the rotation, so the system has it remembered: the same token must be refused after.
    const withOldKey = issuer.token({}, { audience: AUDIENCE });
    expect((await send(system.baseUrl, 'GET', '/api/query/cases', { token: withOldKey })).status).toBe(200);
    issuer.keys = [rotated];
    const fetchesBefore = issuer.jwksFetches;
    const token = issuer.token({}, { audience: AUDIENCE });
    // An unknown key id makes the system read the JWKS again, at most every few seconds.
    await eventually(async () => expect((await send(system.baseUrl, 'GET', '/api/query/cases', { token })).status).toBe(200), 15_000, 'the rotated key to be accepted');
    expect(issuer.jwksFetches).toBeGreaterThan(fetchesBefore);
    expect(await refusal(system, withOldKey)).toBe('401 no key of the issuer has the id "2026-12-a"');
  });
});

describe('JWT_ISSUER alone: the keys from its discovery document', () => {
  const key = issuerKey('ec');
  let issuer: TestIssuer;
  let system: SystemProcess;

  beforeAll(async () => {
    issuer = await TestIssuer.start([key]);
    system = await SystemProcess.start({ env: composeTokenEnv({ ...COMPOSE_VARIABLES, JWT_ISSUER: issuer.issuer }) });
  }, 120_000);
  afterAll(async () => {
    await system?.dispose();
    await issuer?.stop();
  });

  it('accepts the issuer’s token and refuses one for another audience or living too long', async () => {
    expect((await send(system.baseUrl, 'GET', '/api/query/cases', { token: issuer.token({}, { audience: AUDIENCE }) })).status).toBe(200);
    expect(await refusal(system, issuer.token({}, { audience: 'urn:another-api' }))).toBe(`401 invalid token: jwt audience invalid. expected: ${AUDIENCE}`);
    expect(await refusal(system, issuer.token({ iat: undefined }, { audience: AUDIENCE, lifetime: 2 * 86_400 }))).toMatch(/^401 invalid token: the token is good for another 1728\d\d s, longer than the 43200 s/);
  });
});

describe('settings that cannot work stop the start, naming the setting', () => {
  it('compose refuses to start without the audience, and the system refuses an issuer without one', async () => {
    expect(() => composeTokenEnv({ OIDC_CLIENT_ID: 'whistle-console', JWT_ISSUER: 'https://login.example.org' })).toThrow(/^compose refuses to start: set JWT_AUDIENCE/);
    await expect(SystemProcess.start({ env: { JWT_ISSUER: 'https://login.example.org' } })).rejects.toThrow(/JWT_AUDIENCE is required with JWT_ISSUER/);
  });

  it('a JWKS URL that does not answer', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/jwks`;
    await expect(SystemProcess.start({ env: { JWT_ISSUER: 'https://login.example.org', JWT_AUDIENCE: AUDIENCE, JWT_JWKS_URL: closed } })).rejects.toThrow(
      `JWT_JWKS_URL: the issuer's keys could not be read: ${closed} does not answer (ECONNREFUSED)`,
    );
  });
});
