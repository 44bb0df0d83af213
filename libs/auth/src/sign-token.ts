import { createSecretKey } from 'node:crypto';
import { lifetimeSeconds } from './duration';
import { signJws } from './jws';
import { type Principal, SCOPE_CLAIM_OF_ROLE } from './principal';
import { InvalidTokenOptions } from './token-errors';
import { MIN_SECRET_LENGTH, type SignOptions } from './token-options';

/** Signs an HS256 token for a principal; production tokens come from the configured issuer instead. */
export function signToken(principal: Principal, options: SignOptions): string {
  assertStrongSecret(options.secret);
  const scopeClaim = SCOPE_CLAIM_OF_ROLE[principal.role];
  if (scopeClaim !== undefined && !principal[scopeClaim]) {
    throw new InvalidTokenOptions(`role ${principal.role} needs ${scopeClaim}`);
  }
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const payload = {
    sub: principal.sub,
    role: principal.role,
    ...scopeClaims(principal),
    ...(options.issuer === undefined ? {} : { iss: options.issuer }),
    ...(options.audience === undefined ? {} : { aud: options.audience }),
    iat: issuedAt,
    exp: issuedAt + lifetimeSeconds(options.expiresIn),
  };
  return signJws(payload, createSecretKey(Buffer.from(options.secret, 'utf8')), 'HS256');
}

export function assertStrongSecret(secret: string): void {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new InvalidTokenOptions(`the JWT secret must be at least ${MIN_SECRET_LENGTH} characters long`);
  }
}

function scopeClaims(principal: Principal): Partial<Pick<Principal, 'compoundId' | 'stationId' | 'unitId'>> {
  return {
    ...(principal.compoundId === undefined ? {} : { compoundId: principal.compoundId }),
    ...(principal.stationId === undefined ? {} : { stationId: principal.stationId }),
    ...(principal.unitId === undefined ? {} : { unitId: principal.unitId }),
  };
}
