import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ALGORITHMS_OF_KEY_TYPE, isPublicKeyAlgorithm } from './key-algorithms';
import { isPrincipalRole, PRINCIPAL_ROLES, type Principal, SCOPE_CLAIM_OF_ROLE, type ScopeClaim } from './principal';
import { assertStrongSecret } from './sign-token';
import { InvalidToken, InvalidTokenOptions, type InvalidTokenReason } from './token-errors';
import type { IssuerKeysVerifyOptions, PublicKeyVerifyOptions, SecretVerifyOptions, VerifyOptions } from './token-options';

/** Turns a token into its Principal, or throws (rejects with) InvalidToken; a promise only while an issuer's keys are fetched. */
export type TokenVerifier = (token: string) => Principal | Promise<Principal>;
export type SyncTokenVerifier = (token: string) => Principal;

/**
 * Checks the options once (a weak secret or a key that cannot serve the algorithms is a start-up
 * error, not a 401 per request) and returns the function that turns a token into a Principal.
 */
export function createTokenVerifier(options: SecretVerifyOptions | PublicKeyVerifyOptions): SyncTokenVerifier;
export function createTokenVerifier(options: VerifyOptions): TokenVerifier;
export function createTokenVerifier(options: VerifyOptions): TokenVerifier {
  if (options.mode === 'issuer-keys') return issuerKeysVerifier(options);
  const { key, algorithms } = keyAndAlgorithms(options);
  const checks: jwt.VerifyOptions = {
    algorithms,
    ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
    ...(options.audience === undefined ? {} : { audience: options.audience }),
  };
  const verified = new VerifiedTokens();
  return (token) => {
    const known = verified.get(token, Date.now());
    if (known) return known;
    const claims = verifySignature(token, key, checks);
    const principal = principalFrom(claims);
    verified.add(token, principal, claims);
    return principal;
  };
}

/**
 * Tokens of an OpenID provider: the header names the key (`kid`) and algorithm, the provider's
 * published keys say whether that key exists and signs so. A token of another issuer is refused
 * before any key is looked up, so foreign tokens never make the keys be fetched again.
 */
function issuerKeysVerifier(options: IssuerKeysVerifyOptions): TokenVerifier {
  if (!options.issuer) throw new InvalidTokenOptions('issuer-keys verification needs the issuer');
  const verified = new VerifiedTokens();
  const finish = (token: string, key: KeyObject, algorithm: jwt.Algorithm): Principal => {
    const claims = verifySignature(token, key, {
      algorithms: [algorithm],
      issuer: options.issuer,
      ...(options.audience === undefined ? {} : { audience: options.audience }),
    });
    const principal = principalFrom(claims);
    verified.add(token, principal, claims);
    return principal;
  };
  return (token) => {
    const known = verified.get(token, Date.now());
    if (known) return known;
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw new InvalidToken('malformed', 'invalid token: jwt malformed');
    const { alg, kid } = decoded.header;
    if (!isPublicKeyAlgorithm(alg)) throw new InvalidToken('wrong_algorithm', `invalid token: the issuer's tokens are signed with its keys, not ${alg}`);
    const issuer: unknown = decoded.payload.iss;
    if (issuer !== options.issuer) {
      throw new InvalidToken('wrong_issuer', `invalid token: jwt issuer invalid. expected: ${options.issuer}, got ${JSON.stringify(issuer ?? null)}`);
    }
    const key = options.keys.key(kid, alg);
    return key instanceof Promise ? key.then((k) => finish(token, k, alg)) : finish(token, key, alg);
  };
}

/**
 * The tokens this verifier has accepted, until they expire: a client sends the same token with
 * every request for its lifetime, and checking its signature and claims again each time was the
 * largest single cost of a request after the store. Keyed by the whole token, whose signature
 * binds every claim; a token is served from here only inside the window jsonwebtoken itself
 * allows (not before `nbf`, before `exp`, no clock tolerance). Bounded: the oldest go first.
 */
class VerifiedTokens {
  private static readonly KEPT = 10_000;
  private readonly tokens = new Map<string, { principal: Principal; notBefore: number; expiresAt: number }>();

  get(token: string, now: number): Principal | null {
    const known = this.tokens.get(token);
    if (!known) return null;
    if (now >= known.notBefore && now < known.expiresAt) return known.principal;
    this.tokens.delete(token);
    return null;
  }

  add(token: string, principal: Principal, claims: jwt.JwtPayload): void {
    if (typeof claims.exp !== 'number') return;
    if (this.tokens.size >= VerifiedTokens.KEPT) {
      const oldest = this.tokens.keys().next();
      if (!oldest.done) this.tokens.delete(oldest.value);
    }
    const notBefore = typeof claims.nbf === 'number' ? claims.nbf * 1000 : -Infinity;
    this.tokens.set(token, { principal, notBefore, expiresAt: claims.exp * 1000 });
  }
}

export function verifyToken(token: string, options: SecretVerifyOptions | PublicKeyVerifyOptions): Principal {
  return createTokenVerifier(options)(token);
}

function keyAndAlgorithms(options: SecretVerifyOptions | PublicKeyVerifyOptions): { key: KeyObject; algorithms: jwt.Algorithm[] } {
  if (options.mode === 'secret') {
    assertStrongSecret(options.secret);
    // A key object made once: given the string, jsonwebtoken first tries it as a public key on
    // every request, and that failed parse was 7 % of the embedded system's CPU under load.
    return { key: createSecretKey(Buffer.from(options.secret, 'utf8')), algorithms: ['HS256'] };
  }
  return { key: publicKeyFor(options), algorithms: [...options.algorithms] };
}

function publicKeyFor(options: PublicKeyVerifyOptions): KeyObject {
  if (!options.issuer) throw new InvalidTokenOptions('public-key verification needs the issuer');
  if (options.algorithms.length === 0) throw new InvalidTokenOptions('public-key verification needs algorithms');
  let key: KeyObject;
  try {
    key = createPublicKey(options.publicKey);
  } catch (error) {
    throw new InvalidTokenOptions(`the public key is not a PEM key: ${(error as Error).message}`);
  }
  const usable = ALGORITHMS_OF_KEY_TYPE[key.asymmetricKeyType ?? ''] ?? [];
  const unusable = options.algorithms.filter((algorithm) => !usable.includes(algorithm));
  if (unusable.length > 0) {
    throw new InvalidTokenOptions(`a ${key.asymmetricKeyType} public key cannot verify ${unusable.join(', ')}`);
  }
  return key;
}

function verifySignature(token: string, key: KeyObject, checks: jwt.VerifyOptions): jwt.JwtPayload {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, key, checks);
  } catch (error) {
    throw invalidTokenFrom(error);
  }
  if (typeof payload === 'string') throw new InvalidToken('malformed', 'the token payload is not a JSON object');
  return payload;
}

function invalidTokenFrom(error: unknown): InvalidToken {
  if (error instanceof jwt.TokenExpiredError) {
    return new InvalidToken('expired', `the token expired at ${error.expiredAt.toISOString()}`);
  }
  if (error instanceof jwt.NotBeforeError) {
    return new InvalidToken('not_yet_valid', `the token is not valid before ${error.date.toISOString()}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new InvalidToken(reasonOf(message), `invalid token: ${message}`);
}

// jsonwebtoken tells its failures apart only by message.
function reasonOf(message: string): InvalidTokenReason {
  if (message === 'invalid signature' || message === 'jwt signature is required') return 'bad_signature';
  if (message === 'invalid algorithm' || message.startsWith('"alg" parameter')) return 'wrong_algorithm';
  if (message.startsWith('jwt issuer invalid')) return 'wrong_issuer';
  if (message.startsWith('jwt audience invalid')) return 'wrong_audience';
  return 'malformed';
}

function principalFrom(claims: jwt.JwtPayload): Principal {
  if (typeof claims.exp !== 'number') throw missingClaim('exp', 'every token must expire');
  if (!isNonEmptyString(claims.sub)) throw missingClaim('sub', 'the token names no subject');
  const role: unknown = claims['role'];
  if (role === undefined) throw missingClaim('role', 'the token names no role');
  if (!isPrincipalRole(role)) {
    throw new InvalidToken('unknown_role', `unknown role ${JSON.stringify(role)}; expected one of ${PRINCIPAL_ROLES.join(', ')}`);
  }
  const required = SCOPE_CLAIM_OF_ROLE[role];
  if (required !== undefined && !isNonEmptyString(claims[required])) {
    throw missingClaim(required, `role ${role} needs the claim ${required}`);
  }
  return { sub: claims.sub, role, ...scopeOf(claims) };
}

function scopeOf(claims: jwt.JwtPayload): Partial<Record<ScopeClaim, string>> {
  const scope: Partial<Record<ScopeClaim, string>> = {};
  for (const claim of ['compoundId', 'stationId', 'unitId'] as const) {
    const value: unknown = claims[claim];
    if (isNonEmptyString(value)) scope[claim] = value;
  }
  return scope;
}

function missingClaim(claim: string, message: string): InvalidToken {
  return new InvalidToken('missing_claim', `missing claim ${claim}: ${message}`);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
