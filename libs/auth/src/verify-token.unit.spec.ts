import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
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
    expect(reasonOf(() => verifyToken(unsigned, secretMode)).reason).toBe('bad_signature');
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
