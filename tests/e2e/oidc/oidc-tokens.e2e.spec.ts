import jwt from 'jsonwebtoken';
import { freePort } from '@whistle/deployment';
import { eventually, send } from '../support/api-client';
import { IdentityProvider, signingKey, type SigningKey } from '../support/identity-provider/identity-provider';
import { SystemProcess } from '../support/system-process';

// The embedded system configured with a real OpenID provider (oidc-provider in its own process):
// it reads the provider's discovery and keys at start, accepts the provider's tokens, and answers
// 401 to a token of another issuer, with a bad signature, another audience or no role.
jest.setTimeout(90_000);

const AUDIENCE = 'urn:four-level-whistle:api';
const ROBOT = { 'whistle-auditor-robot': { secret: 'a-robot-secret-of-thirty-two-chars!', claims: { role: 'auditor' } } };
const firstKey = signingKey('2026-12-a');
let provider: IdentityProvider;
let elsewhere: IdentityProvider;
let system: SystemProcess;

function issuerEnv(issuer: string): Record<string, string> {
  return { JWT_ISSUER: issuer, JWT_AUDIENCE: AUDIENCE, OIDC_CLIENT_ID: 'whistle-console', OIDC_SCOPES: 'openid profile offline_access' };
}

/** A token signed as the provider signs (its key, its key id), with claims of the test's choosing. */
function tokenSignedWith(key: SigningKey, claims: object): string {
  return jwt.sign({ sub: 'robot', role: 'auditor', aud: AUDIENCE, ...claims }, key.privateKey, { algorithm: 'RS256', keyid: key.kid, expiresIn: 60 });
}

beforeAll(async () => {
  const consoleOrigin = `http://127.0.0.1:${await freePort()}`;
  [provider, elsewhere] = await Promise.all([
    IdentityProvider.start({ consoleOrigin, audience: AUDIENCE, accounts: {}, robots: ROBOT, keys: [firstKey] }),
    IdentityProvider.start({ consoleOrigin, audience: AUDIENCE, accounts: {}, robots: ROBOT }),
  ]);
  system = await SystemProcess.start({ env: issuerEnv(provider.issuer) });
}, 90_000);

afterAll(async () => {
  await system?.dispose();
  await Promise.all([provider?.stop(), elsewhere?.stop()]);
});

test('the provider’s own token is accepted as the role and scope it carries', async () => {
  const token = await provider.robotToken('whistle-auditor-robot');
  expect((await send(system.baseUrl, 'GET', '/api/query/cases', { token })).status).toBe(200);
  // The auditor may not report: the role came from the provider's token.
  const report = await send(system.baseUrl, 'POST', '/api/intake/cases', { token, body: { compoundId: 'compound-xinghua-1', category: 'fire_lane_blocked', description: 'x', channel: 'branch' } });
  expect(report.status).toBe(403);
});

test('a token of another issuer, with a bad signature, for another audience or without a role is refused with 401', async () => {
  const refusal = async (token: string) => {
    const answer = await send(system.baseUrl, 'GET', '/api/query/cases', { token });
    return `${answer.status} ${answer.body.message}`;
  };
  const theirs = await elsewhere.robotToken('whistle-auditor-robot');
  expect(await refusal(theirs)).toBe(`401 invalid token: jwt issuer invalid. expected: ${provider.issuer}, got "${elsewhere.issuer}"`);

  const ours = await provider.robotToken('whistle-auditor-robot');
  const [header, payload, signature = ''] = ours.split('.');
  const flipped = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
  expect(await refusal(flipped)).toBe('401 invalid token: invalid signature');
  const impostor = signingKey(firstKey.kid);
  expect(await refusal(tokenSignedWith(impostor, { iss: provider.issuer }))).toBe('401 invalid token: invalid signature');

  expect(await refusal(tokenSignedWith(firstKey, { iss: provider.issuer, aud: 'another-api' }))).toBe(`401 invalid token: jwt audience invalid. expected: ${AUDIENCE}`);
  expect(await refusal(tokenSignedWith(firstKey, { iss: provider.issuer, role: undefined }))).toBe('401 missing claim role: the token names no role');
  expect(await refusal(tokenSignedWith(firstKey, { iss: provider.issuer, role: 'station' }))).toBe('401 missing claim stationId: role station needs the claim stationId');
  expect(await refusal(tokenSignedWith(firstKey, { iss: provider.issuer }))).toBe('200 undefined');
});

test('the console is told to sign in through the provider, and the development sign-in does not exist', async () => {
  const method = await send(system.baseUrl, 'GET', '/api/auth/sign-in');
  expect(method.body).toEqual({
    method: 'oidc',
    issuer: provider.issuer,
    clientId: 'whistle-console',
    scope: 'openid profile offline_access',
    resource: AUDIENCE,
    authorizationEndpoint: `${provider.issuer}/auth`,
    tokenEndpoint: `${provider.issuer}/token`,
    endSessionEndpoint: `${provider.issuer}/session/end`,
  });
  expect((await send(system.baseUrl, 'GET', '/api/dev/sign-in')).status).toBe(404);
  expect((await send(system.baseUrl, 'POST', '/api/dev/sign-in', { body: { role: 'office' } })).status).toBe(404);
});

test('after the provider rotates its keys, tokens signed with the new key are accepted and the withdrawn key’s are not', async () => {
  const secondKey = signingKey('2026-12-b');
  const withOldKey = tokenSignedWith(firstKey, { iss: provider.issuer, jti: 'signed-before-rotation' });
  await provider.rotate([secondKey]);
  const token = await provider.robotToken('whistle-auditor-robot');
  expect(jwt.decode(token, { complete: true })?.header.kid).toBe('2026-12-b');
  // An unknown key id makes the system fetch the keys again, at most every few seconds.
  await eventually(async () => expect((await send(system.baseUrl, 'GET', '/api/query/cases', { token })).status).toBe(200), 15_000, 'the new key to be accepted');
  const refused = await send(system.baseUrl, 'GET', '/api/query/cases', { token: withOldKey });
  expect(`${refused.status} ${refused.body.message}`).toBe('401 no key of the issuer has the id "2026-12-a"');
});

test('a provider that does not answer, or names itself otherwise, stops the start with a message naming JWT_ISSUER', async () => {
  const closed = `http://127.0.0.1:${await freePort()}`;
  await expect(SystemProcess.start({ env: issuerEnv(closed) })).rejects.toThrow(
    `embedded: invalid configuration:\n  JWT_ISSUER: OpenID discovery failed: ${closed}/.well-known/openid-configuration does not answer (ECONNREFUSED)`,
  );
  const misnamed = provider.issuer.replace('127.0.0.1', 'localhost');
  await expect(SystemProcess.start({ env: issuerEnv(misnamed) })).rejects.toThrow(
    `JWT_ISSUER: the provider at ${misnamed}/.well-known/openid-configuration names itself "${provider.issuer}", not "${misnamed}": set the issuer exactly as the provider names it`,
  );
});
