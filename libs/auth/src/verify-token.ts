import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { decodeJws, hasValidSignature, type Jws } from './jws';
import { algorithmsOf, isPublicKeyAlgorithm, type TokenAlgorithm, unusableKeyReason } from './key-algorithms';
import { isPrincipalRole, PRINCIPAL_ROLES, type Principal, SCOPE_CLAIM_OF_ROLE, type ScopeClaim } from './principal';
import { assertStrongSecret } from './sign-token';
import { InvalidToken, InvalidTokenOptions } from './token-errors';
import {
  type ClaimChecks,
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  type IssuerKeysVerifyOptions,
  type PublicKeyAlgorithm,
  type PublicKeyVerifyOptions,
  type SecretVerifyOptions,
  type VerifyOptions,
} from './token-options';

/** Turns a token into its Principal, or throws (rejects with) InvalidToken; a promise only while an issuer's keys are fetched. */
export type TokenVerifier = (token: string) => Principal | Promise<Principal>;
export type SyncTokenVerifier = (token: string) => Principal;

type Claims = Readonly<Record<string, unknown>>;
/** The key a token's header calls for, once its algorithm is one the mode accepts. */
type KeyLookup = (jws: Jws) => KeyObject | Promise<KeyObject>;

/**
 * Where a mode's keys come from. Only an issuer's published keys change while the verifier runs:
 * `version` grows when they do, and `holds` says whether a key handed out earlier is still among them.
 */
interface KeySource {
  readonly keyOf: KeyLookup;
  readonly version: () => number;
  readonly holds: (key: KeyObject) => boolean;
}

/**
 * Checks the options once (a weak secret, a key that cannot serve the algorithms or a lifetime
 * that is no lifetime is a start-up error, not a 401 per request) and returns the function that
 * turns a token into a Principal. Every mode and algorithm takes the same path: the header's
 * algorithm must be one the key serves, node:crypto checks the signature, then the claims.
 */
export function createTokenVerifier(options: SecretVerifyOptions | PublicKeyVerifyOptions): SyncTokenVerifier;
export function createTokenVerifier(options: VerifyOptions): TokenVerifier;
export function createTokenVerifier(options: VerifyOptions): TokenVerifier {
  const checks = claimChecksOf(options);
  const keys = keySourceOf(options);
  const verified = new VerifiedTokens();
  const finish = (token: string, jws: Jws, key: KeyObject): Principal => {
    if (!hasValidSignature(jws, key, jws.header.alg as TokenAlgorithm)) throw new InvalidToken('bad_signature', 'invalid token: invalid signature');
    checkClaims(jws.claims, checks, Date.now());
    const principal = principalFrom(jws.claims);
    verified.add(token, principal, jws.claims, key, keys.version());
    return principal;
  };
  return (token) => {
    const known = verified.get(token, Date.now(), keys);
    if (known) return known;
    const jws = decodeJws(token);
    const key = keys.keyOf(jws);
    return key instanceof Promise ? key.then((k) => finish(token, jws, k)) : finish(token, jws, key);
  };
}

export function verifyToken(token: string, options: SecretVerifyOptions | PublicKeyVerifyOptions): Principal {
  return createTokenVerifier(options)(token);
}

function keySourceOf(options: VerifyOptions): KeySource {
  if (options.mode === 'issuer-keys') {
    return { keyOf: issuerKeyLookup(options), version: () => options.keys.version(), holds: (key) => options.keys.publishes(key) };
  }
  return { keyOf: fixedKeyLookup(options), version: () => 0, holds: () => true };
}

/** The one key of the secret and public-key modes, fixed for the life of the verifier. */
function fixedKeyLookup(options: SecretVerifyOptions | PublicKeyVerifyOptions): KeyLookup {
  switch (options.mode) {
    case 'secret': {
      assertStrongSecret(options.secret);
      // A key object made once, not the string parsed again per token.
      const key = createSecretKey(Buffer.from(options.secret, 'utf8'));
      return (jws) => {
        if (jws.header.alg !== 'HS256') throw wrongAlgorithm(`the secret signs with HS256, not ${jws.header.alg}`);
        return key;
      };
    }
    case 'public-key': {
      const { key, algorithms } = publicKeyFor(options);
      return (jws) => {
        if (!(algorithms as readonly string[]).includes(jws.header.alg)) throw wrongAlgorithm(`the issuer's key signs with ${algorithms.join(', ')}, not ${jws.header.alg}`);
        return key;
      };
    }
  }
}

/**
 * Tokens of an OpenID provider: the header names the key (`kid`) and algorithm, the provider's
 * published keys say whether that key exists and signs so. A token of another issuer is refused
 * before any key is looked up, so foreign tokens never make the keys be fetched again.
 */
function issuerKeyLookup(options: IssuerKeysVerifyOptions): KeyLookup {
  if (!options.issuer) throw new InvalidTokenOptions('issuer-keys verification needs the issuer');
  return (jws) => {
    const { alg, kid } = jws.header;
    if (!isPublicKeyAlgorithm(alg)) throw wrongAlgorithm(`the issuer's tokens are signed with its keys, not ${alg}`);
    if (jws.claims['iss'] !== options.issuer) throw wrongIssuer(options.issuer, jws.claims['iss']);
    return options.keys.key(kid, alg);
  };
}

function publicKeyFor(options: PublicKeyVerifyOptions): { key: KeyObject; algorithms: readonly PublicKeyAlgorithm[] } {
  if (!options.issuer) throw new InvalidTokenOptions('public-key verification needs the issuer');
  let key: KeyObject;
  try {
    key = createPublicKey(options.publicKey);
  } catch (error) {
    throw new InvalidTokenOptions(`the public key is not a PEM key: ${(error as Error).message}`);
  }
  const unusable = unusableKeyReason(key);
  if (unusable !== null) throw new InvalidTokenOptions(`the public key cannot check tokens: ${unusable}`);
  const served = algorithmsOf(key);
  const algorithms = options.algorithms ?? served;
  if (algorithms.length === 0) throw new InvalidTokenOptions('public-key verification needs algorithms');
  const refused = algorithms.filter((algorithm) => !served.includes(algorithm));
  if (refused.length > 0) throw new InvalidTokenOptions(`a ${key.asymmetricKeyType} public key cannot verify ${refused.join(', ')}`);
  return { key, algorithms };
}

function claimChecksOf(options: ClaimChecks): Required<Pick<ClaimChecks, 'maxLifetimeSeconds'>> & ClaimChecks {
  const maxLifetimeSeconds = options.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  if (!Number.isInteger(maxLifetimeSeconds) || maxLifetimeSeconds <= 0) {
    throw new InvalidTokenOptions(`the maximum token lifetime must be a positive whole number of seconds, got ${maxLifetimeSeconds}`);
  }
  return { ...options, maxLifetimeSeconds };
}

/** Expiry, validity window, lifetime, issuer and audience; no clock tolerance. */
function checkClaims(claims: Claims, checks: Required<Pick<ClaimChecks, 'maxLifetimeSeconds'>> & ClaimChecks, now: number): void {
  if (claims['exp'] === undefined) throw missingClaim('exp', 'every token must expire');
  const exp = numericDate(claims, 'exp') as number;
  const nbf = numericDate(claims, 'nbf');
  const iat = numericDate(claims, 'iat');
  if (now >= exp * 1000) throw new InvalidToken('expired', `the token expired at ${new Date(exp * 1000).toISOString()}`);
  if (nbf !== undefined && now < nbf * 1000) throw new InvalidToken('not_yet_valid', `the token is not valid before ${new Date(nbf * 1000).toISOString()}`);
  const max = checks.maxLifetimeSeconds;
  // Both bounds: an issued-at in the future must not stretch the time a token stays good.
  if (iat !== undefined && exp - iat > max) throw tooLongLived(`the token lives ${exp - iat} s (exp - iat)`, max);
  if (exp - Math.floor(now / 1000) > max) throw tooLongLived(`the token is good for another ${exp - Math.floor(now / 1000)} s`, max);
  if (checks.issuer !== undefined && claims['iss'] !== checks.issuer) throw wrongIssuer(checks.issuer, claims['iss']);
  if (checks.audience !== undefined) {
    const aud = claims['aud'];
    const audiences = Array.isArray(aud) ? aud : [aud];
    if (!audiences.includes(checks.audience)) throw new InvalidToken('wrong_audience', `invalid token: jwt audience invalid. expected: ${checks.audience}`);
  }
}

/** The largest time a Date holds, in seconds: a claim beyond it could not even be named in a message. */
const LAST_SECOND = 8_640_000_000_000;

function numericDate(claims: Claims, name: 'exp' | 'nbf' | 'iat'): number | undefined {
  const value = claims[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(Math.abs(value) <= LAST_SECOND)) {
    throw new InvalidToken('malformed', `invalid token: ${name} is not a time in seconds since the epoch`);
  }
  return value;
}

/**
 * The tokens this verifier has accepted, until they expire: a client sends the same token with
 * every request for its lifetime, and checking its signature and claims again each time was the
 * largest single cost of a request after the store. Keyed by the whole token, whose signature
 * binds every claim; a token is served from here only inside the window the checks allow (not
 * before `nbf`, before `exp`, no clock tolerance), and only while the key that checked it is still
 * one the verifier trusts: an issuer withdraws a key by no longer publishing it, and a token it
 * signed must then be refused at once, not for the rest of its lifetime. Bounded: the oldest go first.
 */
class VerifiedTokens {
  private static readonly KEPT = 10_000;
  private readonly tokens = new Map<string, { principal: Principal; notBefore: number; expiresAt: number; key: KeyObject; version: number }>();

  get(token: string, now: number, keys: KeySource): Principal | null {
    const known = this.tokens.get(token);
    if (!known) return null;
    if (now >= known.notBefore && now < known.expiresAt) {
      const version = keys.version();
      if (known.version === version) return known.principal;
      if (keys.holds(known.key)) {
        known.version = version;
        return known.principal;
      }
    }
    this.tokens.delete(token);
    return null;
  }

  add(token: string, principal: Principal, claims: Claims, key: KeyObject, version: number): void {
    const { exp, nbf } = claims;
    if (typeof exp !== 'number') return;
    if (this.tokens.size >= VerifiedTokens.KEPT) {
      const oldest = this.tokens.keys().next();
      if (!oldest.done) this.tokens.delete(oldest.value);
    }
    this.tokens.set(token, { principal, notBefore: typeof nbf === 'number' ? nbf * 1000 : -Infinity, expiresAt: exp * 1000, key, version });
  }
}

function principalFrom(claims: Claims): Principal {
  const sub = claims['sub'];
  if (!isNonEmptyString(sub)) throw missingClaim('sub', 'the token names no subject');
  const role: unknown = claims['role'];
  if (role === undefined) throw missingClaim('role', 'the token names no role');
  if (!isPrincipalRole(role)) {
    throw new InvalidToken('unknown_role', `unknown role ${JSON.stringify(role)}; expected one of ${PRINCIPAL_ROLES.join(', ')}`);
  }
  const required = SCOPE_CLAIM_OF_ROLE[role];
  if (required !== undefined && !isNonEmptyString(claims[required])) {
    throw missingClaim(required, `role ${role} needs the claim ${required}`);
  }
  return { sub, role, ...scopeOf(claims) };
}

function scopeOf(claims: Claims): Partial<Record<ScopeClaim, string>> {
  const scope: Partial<Record<ScopeClaim, string>> = {};
  for (const claim of ['compoundId', 'stationId', 'unitId'] as const) {
    const value: unknown = claims[claim];
    if (isNonEmptyString(value)) scope[claim] = value;
  }
  return scope;
}

function wrongAlgorithm(message: string): InvalidToken {
  return new InvalidToken('wrong_algorithm', `invalid token: ${message}`);
}

function wrongIssuer(expected: string, got: unknown): InvalidToken {
  return new InvalidToken('wrong_issuer', `invalid token: jwt issuer invalid. expected: ${expected}, got ${JSON.stringify(got ?? null)}`);
}

function tooLongLived(what: string, max: number): InvalidToken {
  return new InvalidToken('too_long_lived', `invalid token: ${what}, longer than the ${max} s this system accepts (JWT_MAX_TOKEN_LIFETIME)`);
}

function missingClaim(claim: string, message: string): InvalidToken {
  return new InvalidToken('missing_claim', `missing claim ${claim}: ${message}`);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
