import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { TooManyRequests } from '../errors/http-errors';

export interface RateLimitOptions {
  /** Per client address and minute. */
  readonly requestsPerMinute: number;
  /** Milliseconds; the system clock when left out. */
  readonly now?: () => number;
}

const WINDOW_MS = 60_000;
// Probes and scrapes must keep working however busy the clients are.
const EXEMPT_PATHS = new Set(['/api/health', '/api/ready', '/metrics']);

/**
 * Fixed one-minute windows per `request.ip`: behind a proxy, set express's `trust proxy` so the
 * address is the client's. The count lives in this process only.
 */
export function createRateLimiter(options: RateLimitOptions): RequestHandler {
  const now = options.now ?? Date.now;
  let windowStart = now();
  let counts = new Map<string, number>();
  return (request: Request, _response: Response, next: NextFunction) => {
    if (EXEMPT_PATHS.has(request.path)) return next();
    const at = now();
    if (at - windowStart >= WINDOW_MS) {
      windowStart = at - ((at - windowStart) % WINDOW_MS);
      counts = new Map();
    }
    const client = request.ip ?? 'unknown';
    const count = (counts.get(client) ?? 0) + 1;
    counts.set(client, count);
    if (count > options.requestsPerMinute) {
      return next(new TooManyRequests(Math.ceil((windowStart + WINDOW_MS - at) / 1000)));
    }
    next();
  };
}
