import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { discoverIssuer } from './issuer-metadata';
import { signJws } from './jws';
import { IssuerKeys } from './issuer-keys';
import { InvalidToken, InvalidTokenOptions } from './token-errors';
import { createTokenVerifier } from './verify-token';

// The keys and metadata come through the FetchJson port, a plain function here; the HTTP side is
// tested against a real provider in tests/e2e/oidc.
const ISSUER = 'https://id.example.gov.cn';
const JWKS_URI = `${ISSUER}/jwks`;
const claims = { sub: 'zhang', role: 'station', stationId: 'station-north' };

function keyPair(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } };
}

function sign(privateKey: KeyObject, kid: string | undefined, extra: object = {}, issuer = ISSUER): string {
  return jwt.sign({ ...claims, ...extra }, privateKey, { algorithm: 'RS256', issuer, expiresIn: 60, ...(kid ? { keyid: kid } : {}) });
}

/** A provider's JWKS that the test rotates, counting how often it is fetched. */
function publishing(...keys: ReturnType<typeof keyPair>[]) {
  const provider = { keys, fetches: 0, now: 0 };
  const fetchJson = async (url: string) => {
    expect(url).toBe(JWKS_URI);
    provider.fetches++;
    return { keys: provider.keys.map((k) => k.jwk) };
  };
  return { provider, options: { jwksUri: JWKS_URI, fetchJson, now: () => provider.now } };
}

async function reasonOf(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof InvalidToken) return `${error.reason}: ${error.message}`;
    throw error;
  }
  throw new Error('the token was accepted');
}

describe('tokens checked with the keys the issuer publishes', () => {
  it('accepts a token signed with a published key, without fetching again', async () => {
    const first = keyPair('k1');
    const { provider, options } = publishing(first);
    const verify = createTokenVerifier({ mode: 'issuer-keys', issuer: ISSUER, keys: await IssuerKeys.load(options) });
    expect(verify(sign(first.privateKey, 'k1'))).toEqual(claims);
    expect(verify(sign(first.privateKey, undefined))).toEqual(claims);
    expect(provider.fetches).toBe(1);
  });

  it('fetches the keys again when a token names a new key, and forgets the keys no longer published', async () => {
    const [old, rotated] = [keyPair('2026-01'), keyPair('2026-02')];
    const { provider, options } = publishing(old);
    const keys = await IssuerKeys.load({ ...options, minRefetchMs: 30_000 });
    const verify = createTokenVerifier({ mode: 'issuer-keys', issuer: ISSUER, keys });
    // Accepted once, so the verifier remembers it: the same token must not outlive its key.
    const withOldKey = sign(old.privateKey, '2026-01');
    expect(verify(withOldKey)).toEqual(claims);
    provider.keys = [rotated];
    provider.now = 31_000;
    const answer = verify(sign(rotated.privateKey, '2026-02'));
    expect(answer).toBeInstanceOf(Promise);
    expect(await answer).toEqual(claims);
    expect(keys.keyIds).toEqual(['2026-02']);
    expect(await reasonOf(() => verify(withOldKey))).toBe('unknown_key: no key of the issuer has the id "2026-01"');
    expect(provider.fetches).toBe(2);
  });

  it('refuses a token it accepted before once a refresh withdrew its key, and keeps tokens of the keys still published', async () => {
    const [kept, withdrawn] = [keyPair('kept'), keyPair('withdrawn')];
    const { provider, options } = publishing(kept, withdrawn);
    const keys = await IssuerKeys.load(options);
    const verify = createTokenVerifier({ mode: 'issuer-keys', issuer: ISSUER, keys });
    const [good, doomed] = [sign(kept.privateKey, 'kept'), sign(withdrawn.privateKey, 'withdrawn')];
    expect([verify(good), verify(doomed)]).toEqual([claims, claims]);
    provider.keys = [kept];
    await keys.refresh();
    expect(await reasonOf(() => verify(doomed))).toBe('unknown_key: no key of the issuer has the id "withdrawn"');
    expect(verify(good)).toEqual(claims);
  });

  it('notices a withdrawn key at the background refresh even when every request carries a token already accepted', async () => {
    const [kept, withdrawn] = [keyPair('kept'), keyPair('withdrawn')];
    const { provider, options } = publishing(kept, withdrawn);
    const keys = await IssuerKeys.load({ ...options, refreshAfterMs: 60_000, minRefetchMs: 1_000_000 });
    const verify = createTokenVerifier({ mode: 'issuer-keys', issuer: ISSUER, keys });
    const doomed = sign(withdrawn.privateKey, 'withdrawn');
    expect(verify(doomed)).toEqual(claims);
    provider.keys = [kept];
    provider.now = 61_000;
    // Served while the keys are fetched in the background, as any token is; refused after.
    expect(verify(doomed)).toEqual(claims);
    await new Promise((resolve) => setImmediate(resolve));
    expect(provider.fetches).toBe(2);
    expect(await reasonOf(() => verify(doomed))).toBe('unknown_key: no key of the issuer has the id "withdrawn"');
  });

  it('does not count a fetch that brings the same keys as a change', async () => {
    const key = keyPair('k1');
    const { options } = publishing(key);
    const keys = await IssuerKeys.load(options);
    const version = keys.version();
    await keys.refresh();
    expect(keys.version()).toBe(version);
  });

  it('asks the provider at most once per minRefetchMs for key ids nobody knows', async () => {
    const key = keyPair('k1');
    const { provider, options } = publishing(key);
    const verify = createTokenVerifier({ mode: 'issuer-keys', issuer: ISSUER, keys: await IssuerKeys.load({ ...options, minRefetchMs: 30_000 }) });
    for (const kid of ['forged-1', 'forged-2', 'forged-3']) {
      expect(await reasonOf(() => verify(sign(key.privateKey, kid)))).toBe(`unknown_key: no key of the issuer has the id "${kid}"`);
    }
    expect(provider.fetches).toBe(1);
  });

  it('refreshes old keys in the background while it goes on answering', async () => {
    const key = keyPair('k1');
    const { provider, options } = publishing(key);
    const verify = createTokenVerifier({ mode: 'issuer-keys', issuer: ISSUER, keys: await IssuerKeys.load({ ...options, refreshAfterMs: 60_000 }) });
    provider.now = 61_000;
    expect(verify(sign(key.privateKey, 'k1'))).toEqual(claims);
    await new Promise((resolve) => setImmediate(resolve));
    expect(provider.fetches).toBe(2);
  });

  it('refuses a bad signature, another issuer, another audience and a symmetric algorithm', async () => {
    const key = keyPair('k1');
    const impostor = keyPair('k1');
    const { provider, options } = publishing(key);
    const verify = createTokenVerifier({ mode: 'issuer-keys', issuer: ISSUER, audience: 'urn:whistle:api', keys: await IssuerKeys.load(options) });
    const good = sign(key.privateKey, 'k1', { aud: 'urn:whistle:api' });
    expect(verify(good)).toEqual(claims);
    expect(await reasonOf(() => verify(sign(impostor.privateKey, 'k1', { aud: 'urn:whistle:api' })))).toBe('bad_signature: invalid token: invalid signature');
    expect(await reasonOf(() => verify(sign(key.privateKey, 'k1', { aud: 'urn:whistle:api' }, 'https://elsewhere.example')))).toBe(
      'wrong_issuer: invalid token: jwt issuer invalid. expected: https://id.example.gov.cn, got "https://elsewhere.example"',
    );
    expect(await reasonOf(() => verify(sign(key.privateKey, 'k1', { aud: 'another-api' })))).toBe('wrong_audience: invalid token: jwt audience invalid. expected: urn:whistle:api');
    const hs = jwt.sign({ ...claims, iss: ISSUER, exp: Math.floor(Date.now() / 1000) + 60 }, 'x'.repeat(40), { algorithm: 'HS256', keyid: 'k1' });
    expect(await reasonOf(() => verify(hs))).toBe("wrong_algorithm: invalid token: the issuer's tokens are signed with its keys, not HS256");
    expect(provider.fetches).toBe(1);
  });

  it('takes Ed25519 (OKP) keys, and tokens signed with them by EdDSA', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const okp = { kid: 'ed-1', privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid: 'ed-1', use: 'sig', alg: 'EdDSA' } };
    const { options } = publishing(okp, keyPair('rsa-1'));
    const verify = createTokenVerifier({ mode: 'issuer-keys', issuer: ISSUER, keys: await IssuerKeys.load(options) });
    const exp = Math.floor(Date.now() / 1000) + 60;
    expect(verify(signJws({ ...claims, iss: ISSUER, exp }, privateKey, 'EdDSA', 'ed-1'))).toEqual(claims);
    expect(await reasonOf(() => verify(signJws({ ...claims, iss: ISSUER, exp }, privateKey, 'EdDSA', 'rsa-1')))).toBe("wrong_algorithm: the issuer's key rsa-1 does not sign with EdDSA");
  });

  it('lets tokens that name a new key while the keys are fetched wait for that fetch, not be refused', async () => {
    const [old, rotated] = [keyPair('2026-01'), keyPair('2026-02')];
    const { provider, options } = publishing(old);
    const verify = createTokenVerifier({ mode: 'issuer-keys', issuer: ISSUER, keys: await IssuerKeys.load({ ...options, minRefetchMs: 30_000 }) });
    provider.keys = [rotated];
    provider.now = 31_000;
    const answers = await Promise.allSettled([1, 2, 3].map((n) => verify(sign(rotated.privateKey, '2026-02', { jti: `request-${n}` }))));
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(provider.fetches).toBe(2);
  });

  it('refuses at start a document without a usable key', async () => {
    await expect(IssuerKeys.load({ jwksUri: JWKS_URI, fetchJson: async () => ({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }) })).rejects.toThrow(
      new InvalidTokenOptions(`the issuer's keys could not be read: ${JWKS_URI} publishes no RSA, EC or EdDSA (Ed25519, Ed448) signing key`),
    );
    await expect(IssuerKeys.load({ jwksUri: JWKS_URI, fetchJson: async () => ({}) })).rejects.toThrow(`${JWKS_URI} is not a JWKS document (no "keys" list)`);
  });
});

describe('discoverIssuer', () => {
  const document = {
    issuer: ISSUER,
    jwks_uri: JWKS_URI,
    authorization_endpoint: `${ISSUER}/auth`,
    token_endpoint: `${ISSUER}/token`,
    end_session_endpoint: `${ISSUER}/session/end`,
  };

  it('reads the endpoints from the well-known document', async () => {
    const asked: string[] = [];
    const metadata = await discoverIssuer(`${ISSUER}`, async (url) => (asked.push(url), document));
    expect(asked).toEqual([`${ISSUER}/.well-known/openid-configuration`]);
    expect(metadata).toEqual({
      issuer: ISSUER,
      jwksUri: JWKS_URI,
      authorizationEndpoint: `${ISSUER}/auth`,
      tokenEndpoint: `${ISSUER}/token`,
      endSessionEndpoint: `${ISSUER}/session/end`,
    });
  });

  it('refuses a provider that names itself otherwise, or lacks an endpoint', async () => {
    await expect(discoverIssuer(`${ISSUER}/`, async () => document)).rejects.toThrow(
      `the provider at ${ISSUER}/.well-known/openid-configuration names itself "${ISSUER}", not "${ISSUER}/": set the issuer exactly as the provider names it`,
    );
    await expect(discoverIssuer(ISSUER, async () => ({ ...document, token_endpoint: undefined }))).rejects.toThrow('has no token_endpoint');
    await expect(discoverIssuer(ISSUER, async () => Promise.reject(new Error('connect ECONNREFUSED')))).rejects.toThrow('OpenID discovery failed: connect ECONNREFUSED');
  });
});
