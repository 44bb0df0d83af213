import { createHash, timingSafeEqual } from 'node:crypto';
import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Who may read /metrics: anyone (development), whoever sends `Authorization: Bearer <token>`
 * (Prometheus, with the token in its scrape config), or nobody (production without a token:
 * the figures say how busy each service is and which routes fail, not for the world).
 */
export type MetricsAccess = { readonly mode: 'open' } | { readonly mode: 'token'; readonly token: string } | { readonly mode: 'closed' };

export function createMetricsAccessMiddleware(access: MetricsAccess): RequestHandler {
  const expected = access.mode === 'token' ? digest(access.token) : null;
  return (request: Request, _response: Response, next: NextFunction) => {
    if (access.mode === 'open') return next();
    if (expected === null) return next(new ForbiddenException('/metrics is not served here: set METRICS_TOKEN and scrape with Authorization: Bearer <that token>'));
    const given = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    // Digests of equal length, so the comparison takes as long whatever was sent.
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      return next(new UnauthorizedException('/metrics needs Authorization: Bearer <METRICS_TOKEN>'));
    }
    next();
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
