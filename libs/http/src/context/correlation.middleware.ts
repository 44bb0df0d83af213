import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { runWithCorrelationId } from '@whistle/application';

export const CORRELATION_HEADER = 'x-correlation-id';

// A caller's id ends up in logs and headers, so anything but a plain token is replaced.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type CorrelatedRequest = IncomingMessage & { correlationId?: string };

/** The request's correlation id, also where the async context has ended (a response's `finish`). */
export function correlationIdOf(request: IncomingMessage): string {
  return (request as CorrelatedRequest).correlationId ?? 'none';
}

/**
 * Takes the caller's x-correlation-id or makes one, echoes it, and runs the rest of the request in
 * its async context. It comes first, so that even body-parser errors carry the id.
 */
export function correlationMiddleware(request: Request, response: Response, next: NextFunction): void {
  const offered = request.headers[CORRELATION_HEADER];
  const correlationId = typeof offered === 'string' && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
  (request as CorrelatedRequest).correlationId = correlationId;
  response.setHeader(CORRELATION_HEADER, correlationId);
  runWithCorrelationId(correlationId, next);
}
