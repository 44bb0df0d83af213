import type { TokenVerifier } from '@whistle/auth';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { bearerTokenOf } from '../auth/bearer-token';
import { TooManyRequests } from '../errors/http-errors';

export interface RateLimitOptions {
  /** Per caller and minute: a verified token's subject, or else the client address. */
  readonly requestsPerMinute: number;
  /** Milliseconds; the system clock when left out. */
  readonly now?: () => number;
}

const WINDOW_MS = 60_000;
// Probes and scrapes must keep working however busy the clients are.
const EXEMPT_PATHS = new Set(['/api/health', '/api/ready', '/metrics']);

/**
 * Fixed one-minute windows per caller. A request with a valid bearer token counts against its
 * subject (`sub`), wherever it comes from, so one noisy user cannot spend the budget of a whole
 * station behind one NAT; a request without one, or with a token the verifier refuses, counts
 * against its address (`request.ip`: behind a proxy, set express's `trust proxy`). The verifier
 * is the AuthGuard's, whose cache makes the second look at a token free. The count lives in
 * this process only.
 */
export function createRateLimiter(options: RateLimitOptions, verify?: TokenVerifier): RequestHandler {
  const now = options.now ?? Date.now;
  let windowStart = now();
  let counts = new Map<string, number>();
  const count = (caller: string, next: NextFunction): void => {
    const at = now();
    if (at - windowStart >= WINDOW_MS) {
      windowStart = at - ((at - windowStart) % WINDOW_MS);
      counts = new Map();
    }
    const seen = (counts.get(caller) ?? 0) + 1;
    counts.set(caller, seen);
    if (seen > options.requestsPerMinute) return next(new TooManyRequests(Math.ceil((windowStart + WINDOW_MS - at) / 1000)));
    next();
  };
  return (request: Request, _response: Response, next: NextFunction) => {
    if (EXEMPT_PATHS.has(request.path)) return next();
    const caller = callerOf(request, verify);
    if (typeof caller === 'string') return count(caller, next);
    caller.then((key) => count(key, next), next);
  };
}

/** `sub:<subject>` for a verified token, `ip:<address>` otherwise; a promise only while an issuer's keys are fetched. */
function callerOf(request: Request, verify: TokenVerifier | undefined): string | Promise<string> {
  const address = `ip:${request.ip ?? 'unknown'}`;
  const token = bearerTokenOf(request.headers.authorization);
  if (verify === undefined || token === undefined) return address;
  try {
    const principal = verify(token);
    return principal instanceof Promise ? principal.then((p) => `sub:${p.sub}`, () => address) : `sub:${principal.sub}`;
  } catch {
    // The guard answers 401 for it; until then the address pays for it.
    return address;
  }
}
