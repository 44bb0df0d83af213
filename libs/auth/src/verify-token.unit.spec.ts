import { createSecretKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { signJws } from './jws';
import type { TokenAlgorithm } from './key-algorithms';
import { signToken } from './sign-token';
import { InvalidToken, InvalidTokenOptions, type InvalidTokenReason } from './token-errors';
import { DEVELOPMENT_JWT_SECRET, type VerifyOptions } from './token-options';
import { createTokenVerifier, verifyToken } from './verify-token';

const secret = DEVELOPMENT_JWT_SECRET;
const secretMode: VerifyOptions = { mode: 'secret', secret };

function reasonOf(run: () => unknown): { reason: InvalidTokenReason; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidToken) return { reason: error.reason, message: error.message };
    throw error;
  }
  throw new Error('the token was accepted');
}

function rawToken(claims: object, key = secret): string {
  return jwt.sign({ exp: Math.floor(Date.now() / 1000) + 60, ...claims }, key, { algorithm: 'HS256' });
}

describe('signToken and verifyToken with a secret (HS256)', () => {
  it('round-trips every role with its scope', () => {
    const principals = [
      { sub: 'r', role: 'reporter', compoundId: 'C-1' },
      { sub: 's', role: 'station', stationId: 'S-1' },
      { sub: 'u', role: 'unit', unitId: 'U-1' },
      { sub: 'o', role: 'office' },
      { sub: 'a', role: 'auditor' },
      { sub: 'x', role: 'admin' },
    ] as const;
    for (const principal of principals) {
      expect(verifyToken(signToken(principal, { secret, expiresIn: '1h' }), secretMode)).toEqual(principal);
    }
  });

  it('checks issuer and audience when configured', () => {
    const token = signToken({ sub: 'o', role: 'office' }, { secret, issuer: 'town', audience: 'whistle', expiresIn: 60 });
    expect(verifyToken(token, { ...secretMode, issuer: 'town', audience: 'whistle' }).sub).toBe('o');
    expect(reasonOf(() => verifyToken(token, { ...secretMode, issuer: 'elsewhere' })).reason).toBe('wrong_issuer');
    expect(reasonOf(() => verifyToken(token, { ...secretMode, audience: 'other' })).reason).toBe('wrong_audience');
  });

  it('names an expired token with the moment it expired', () => {
    const token = signToken({ sub: 'o', role: 'office' }, { secret, expiresIn: '1h', now: new Date('2024-01-01T00:00:00Z') });
    expect(reasonOf(() => verifyToken(token, secretMode))).toEqual({
      reason: 'expired',
      message: 'the token expired at 2024-01-01T01:00:00.000Z',
    });
  });

  it('remembers an accepted token only until it expires', () => {
    jest.useFakeTimers({ now: new Date('2026-12-04T08:00:00Z') });
    try {
      const verify = createTokenVerifier(secretMode);
      const token = signToken({ sub: 'o', role: 'office' }, { secret, expiresIn: 60 });
      const principal = verify(token);
      expect(verify(token)).toBe(principal);
      jest.setSystemTime(new Date('2026-12-04T08:00:59.999Z'));
      expect(verify(token)).toBe(principal);
      jest.setSystemTime(new Date('2026-12-04T08:01:00Z'));
      expect(reasonOf(() => verify(token))).toEqual({ reason: 'expired', message: 'the token expired at 2026-12-04T08:01:00.000Z' });
      const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
      jest.setSystemTime(new Date('2026-12-04T08:00:30Z'));
      expect(reasonOf(() => verify(forged)).reason).toBe('bad_signature');
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a token signed with another secret', () => {
    const token = signToken({ sub: 'o', role: 'office' }, { secret: 'x'.repeat(40), expiresIn: '1h' });
    expect(reasonOf(() => verifyToken(token, secretMode))).toEqual({
      reason: 'bad_signature',
      message: 'invalid token: invalid signature',
    });
  });

  it('refuses an unsigned token and garbage', () => {
    const unsigned = jwt.sign({ sub: 'o', role: 'office', exp: Math.floor(Date.now() / 1000) + 60 }, '', { algorithm: 'none' });
    expect(reasonOf(() => verifyToken(unsigned, secretMode))).toEqual({ reason: 'wrong_algorithm', message: 'invalid token: the secret signs with HS256, not none' });
    expect(reasonOf(() => verifyToken('not.a.token', secretMode)).reason).toBe('malformed');
  });

  it('names the claim a role lacks, an unknown role, and a token that never expires', () => {
    expect(reasonOf(() => verifyToken(rawToken({ sub: 's', role: 'station' }), secretMode))).toEqual({
      reason: 'missing_claim',
      message: 'missing claim stationId: role station needs the claim stationId',
    });
    expect(reasonOf(() => verifyToken(rawToken({ sub: 'x', role: 'system' }), secretMode))).toEqual({
      reason: 'unknown_role',
      message: 'unknown role "system"; expected one of reporter, station, unit, office, auditor, admin',
    });
    expect(reasonOf(() => verifyToken(rawToken({ role: 'office' }), secretMode)).message).toBe(
      'missing claim sub: the token names no subject',
    );
    expect(reasonOf(() => verifyToken(rawToken({ sub: 'o' }), secretMode)).message).toBe('missing claim role: the token names no role');
    const forever = jwt.sign({ sub: 'o', role: 'office' }, secret, { algorithm: 'HS256' });
    expect(reasonOf(() => verifyToken(forever, secretMode)).message).toBe('missing claim exp: every token must expire');
  });

  it('refuses times no clock can hold, or that are not numbers, as malformed', () => {
    const at = (claims: object) => reasonOf(() => verifyToken(signJws({ sub: 'o', role: 'office', ...claims }, createSecretKey(Buffer.from(secret)), 'HS256'), secretMode));
    const exp = Math.floor(Date.now() / 1000) + 60;
    expect(at({ exp: -1e300 })).toEqual({ reason: 'malformed', message: 'invalid token: exp is not a time in seconds since the epoch' });
    expect(at({ exp, nbf: 1e300 })).toEqual({ reason: 'malformed', message: 'invalid token: nbf is not a time in seconds since the epoch' });
    expect(at({ exp: String(exp) }).message).toBe('invalid token: exp is not a time in seconds since the epoch');
    expect(at({ exp, iat: 'yesterday' }).message).toBe('invalid token: iat is not a time in seconds since the epoch');
  });

  it('refuses weak secrets and unreadable lifetimes before any token', () => {
    expect(() => createTokenVerifier({ mode: 'secret', secret: 'short' })).toThrow(InvalidTokenOptions);
    expect(() => signToken({ sub: 'o', role: 'office' }, { secret, expiresIn: '12 hours' })).toThrow(
      'expiresIn must look like 90s, 30m, 12h or 7d, got "12 hours"',
    );
    expect(() => signToken({ sub: 's', role: 'station' }, { secret, expiresIn: '1h' })).toThrow('role station needs stationId');
  });
});

describe('verifyToken with an issuer public key', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const rsaPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const ecPem = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const claims = { sub: 'u-1', role: 'unit', unitId: 'U-1' };

  it('accepts RS256 and ES256 tokens from the issuer', () => {
    const rs = jwt.sign(claims, rsa.privateKey, { algorithm: 'RS256', issuer: 'https://idp', expiresIn: 60 });
    const es = jwt.sign(claims, ec.privateKey, { algorithm: 'ES256', issuer: 'https://idp', expiresIn: 60 });
    expect(verifyToken(rs, { mode: 'public-key', publicKey: rsaPem, algorithms: ['RS256'], issuer: 'https://idp' })).toEqual(claims);
    expect(verifyToken(es, { mode: 'public-key', publicKey: ecPem, algorithms: ['ES256'], issuer: 'https://idp' })).toEqual(claims);
  });

  it('refuses an HS256 token keyed with the public key itself (algorithm confusion)', () => {
    const forged = jwt.sign({ ...claims, iss: 'https://idp', exp: Math.floor(Date.now() / 1000) + 60 }, rsaPem, { algorithm: 'HS256' });
    const options = { mode: 'public-key', publicKey: rsaPem, algorithms: ['RS256'], issuer: 'https://idp' } as const;
    expect(reasonOf(() => verifyToken(forged, options)).reason).toBe('wrong_algorithm');
  });

  it('refuses options that cannot work: no issuer, a bad key, algorithms the key cannot serve', () => {
    expect(() => createTokenVerifier({ mode: 'public-key', publicKey: rsaPem, algorithms: ['RS256'], issuer: '' })).toThrow(
      'public-key verification needs the issuer',
    );
    expect(() => createTokenVerifier({ mode: 'public-key', publicKey: 'nope', algorithms: ['RS256'], issuer: 'i' })).toThrow(
      /the public key is not a PEM key/,
    );
    expect(() => createTokenVerifier({ mode: 'public-key', publicKey: ecPem, algorithms: ['RS256'], issuer: 'i' })).toThrow(
      'a ec public key cannot verify RS256',
    );
  });
});

describe('the algorithm follows the key', () => {
  const claims = { sub: 'u-1', role: 'unit', unitId: 'U-1', iss: 'https://idp' };
  const exp = () => Math.floor(Date.now() / 1000) + 60;
  const pemOf = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();
  const pinned = (publicKey: KeyObject) => ({ mode: 'public-key', publicKey: pemOf(publicKey), issuer: 'https://idp' }) as const;
  const generators: [string, () => ReturnType<typeof generateKeyPairSync>, TokenAlgorithm][] = [
    ['RSA (RS256)', () => generateKeyPairSync('rsa', { modulusLength: 2048 }), 'RS256'],
    ['RSA (PS384)', () => generateKeyPairSync('rsa', { modulusLength: 2048 }), 'PS384'],
    ['EC P-256 (ES256)', () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }), 'ES256'],
    ['EC P-384 (ES384)', () => generateKeyPairSync('ec', { namedCurve: 'secp384r1' }), 'ES384'],
    ['EC P-521 (ES512)', () => generateKeyPairSync('ec', { namedCurve: 'secp521r1' }), 'ES512'],
    ['Ed25519 (EdDSA)', () => generateKeyPairSync('ed25519'), 'EdDSA'],
    ['Ed448 (EdDSA)', () => generateKeyPairSync('ed448'), 'EdDSA'],
  ];

  it.each(generators)('accepts a token of an %s key given alone as a PEM, and refuses one of another such key', (_, generate, algorithm) => {
    const [{ privateKey, publicKey }, another] = [generate(), generate()];
    expect(verifyToken(signJws({ ...claims, exp: exp() }, privateKey, algorithm), pinned(publicKey))).toEqual({ sub: 'u-1', role: 'unit', unitId: 'U-1' });
    expect(reasonOf(() => verifyToken(signJws({ ...claims, exp: exp() }, another.privateKey, algorithm), pinned(publicKey)))).toEqual({
      reason: 'bad_signature',
      message: 'invalid token: invalid signature',
    });
  });

  it('refuses what the key does not sign: HS256 keyed with the public key, alg none, another curve', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const ed = generateKeyPairSync('ed25519');
    const asSecret = createSecretKey(Buffer.from(pemOf(ed.publicKey)));
    expect(reasonOf(() => verifyToken(signJws({ ...claims, exp: exp() }, asSecret, 'HS256'), pinned(ed.publicKey)))).toEqual({
      reason: 'wrong_algorithm',
      message: "invalid token: the issuer's key signs with EdDSA, not HS256",
    });
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, exp: exp() })).toString('base64url')}.`;
    expect(reasonOf(() => verifyToken(none, pinned(ed.publicKey))).message).toBe("invalid token: the issuer's key signs with EdDSA, not none");
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    expect(reasonOf(() => verifyToken(signJws({ ...claims, exp: exp() }, p384.privateKey, 'ES384'), pinned(ec.publicKey))).message).toBe(
      "invalid token: the issuer's key signs with ES256, not ES384",
    );
  });

  it('refuses at start a key too weak or of no signing algorithm', () => {
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(() => createTokenVerifier(pinned(weak))).toThrow('the public key cannot check tokens: an RSA key of 1024 bits is too short (at least 2048)');
    const x25519 = generateKeyPairSync('x25519').publicKey;
    expect(() => createTokenVerifier(pinned(x25519))).toThrow(/a x25519 key signs with no algorithm this system accepts/);
  });

  it('takes only the canonical spelling of a token, and no critical extension', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const token = signJws({ ...claims, exp: exp() }, privateKey, 'EdDSA');
    const [header = '', payload = '', signature = ''] = token.split('.');
    // Ed25519 signatures are 64 bytes: the last base64url character carries 2 unused bits.
    const last = signature.slice(-1);
    const sibling = Buffer.from(`A${last}`, 'base64url').toString('base64url') === `A${last}` ? String.fromCharCode(last.charCodeAt(0) + 1) : last;
    expect(reasonOf(() => verifyToken(`${header}.${payload}.${signature.slice(0, -1)}${sibling}`, pinned(publicKey))).reason).toBe('malformed');
    expect(reasonOf(() => verifyToken(`${header}.${payload}.${signature}=`, pinned(publicKey))).message).toBe('invalid token: the token signature is not base64url');
    const crit = signJws({ ...claims, exp: exp() }, privateKey, 'EdDSA').replace(/^[^.]+/, Buffer.from('{"alg":"EdDSA","crit":["b64"],"b64":false}').toString('base64url'));
    expect(reasonOf(() => verifyToken(crit, pinned(publicKey))).message).toMatch(/critical extensions \(crit\)/);
  });
});

describe('a maximum token lifetime, in every mode', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const office = { sub: 'o', role: 'office' };
  const hs = (extra: object) => signJws({ ...office, ...extra }, createSecretKey(Buffer.from(secret)), 'HS256');

  it('accepts up to 12 hours by default and names the lifetime it refuses', () => {
    expect(verifyToken(hs({ iat: now(), exp: now() + 12 * 3600 }), secretMode).sub).toBe('o');
    expect(reasonOf(() => verifyToken(hs({ iat: now() - 60, exp: now() + 12 * 3600 }), secretMode))).toEqual({
      reason: 'too_long_lived',
      message: `invalid token: the token lives ${12 * 3600 + 60} s (exp - iat), longer than the 43200 s this system accepts (JWT_MAX_TOKEN_LIFETIME)`,
    });
  });

  it('bounds a token without iat, or issued in the future, by the time left to it', () => {
    expect(reasonOf(() => verifyToken(hs({ exp: now() + 30 * 86_400 }), secretMode)).message).toMatch(/^invalid token: the token is good for another 25920\d\d s, longer than/);
    const future = hs({ iat: now() + 365 * 86_400, exp: now() + 365 * 86_400 + 3600 });
    expect(reasonOf(() => verifyToken(future, secretMode)).reason).toBe('too_long_lived');
    expect(verifyToken(hs({ exp: now() + 3600 }), secretMode).sub).toBe('o');
  });

  it('takes its own maximum, for an issuer key too, and refuses a lifetime that is none', () => {
    const ed = generateKeyPairSync('ed25519');
    const options = { mode: 'public-key', publicKey: ed.publicKey.export({ type: 'spki', format: 'pem' }).toString(), issuer: 'i', maxLifetimeSeconds: 300 } as const;
    const token = (lifetime: number) => signJws({ ...office, iss: 'i', iat: now(), exp: now() + lifetime }, ed.privateKey, 'EdDSA');
    expect(verifyToken(token(300), options).sub).toBe('o');
    expect(reasonOf(() => verifyToken(token(301), options)).reason).toBe('too_long_lived');
    expect(() => createTokenVerifier({ ...secretMode, maxLifetimeSeconds: 0 })).toThrow('the maximum token lifetime must be a positive whole number of seconds, got 0');
  });
});

describe('the audience, when one is set', () => {
  it('must be among the token’s audiences: a token for no audience or for another is refused', () => {
    const options = { ...secretMode, audience: 'urn:whistle:api' };
    const exp = Math.floor(Date.now() / 1000) + 60;
    expect(verifyToken(jwt.sign({ sub: 'o', role: 'office', exp, aud: ['urn:other', 'urn:whistle:api'] }, secret), options).sub).toBe('o');
    expect(reasonOf(() => verifyToken(jwt.sign({ sub: 'o', role: 'office', exp }, secret), options))).toEqual({
      reason: 'wrong_audience',
      message: 'invalid token: jwt audience invalid. expected: urn:whistle:api',
    });
    expect(reasonOf(() => verifyToken(jwt.sign({ sub: 'o', role: 'office', exp, aud: 'urn:other' }, secret), options)).reason).toBe('wrong_audience');
  });
});
