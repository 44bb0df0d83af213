import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Level, Logger } from 'pino';
import { correlationIdOf } from '../context/correlation.middleware';

// Probes and scrapes arrive every few seconds and would drown the requests that matter.
const UNLOGGED_PATHS = new Set(['/api/health', '/api/ready', '/metrics']);

/**
 * One line per request when it ends: correlationId, method, url, status, durationMs; `info` for
 * answers, `warn` for 4xx, `error` for 5xx and for requests the client gave up on. Headers are
 * never logged (the bearer token is one). Written for this one line rather than with pino-http,
 * which made a child logger and serialized the request for every request, logged or not: 6 % of
 * the embedded system's CPU under load with LOG_LEVEL=error.
 */
export function createHttpLogger(logger: Logger): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (UNLOGGED_PATHS.has(pathOf(request.url))) return next();
    const started = performance.now();
    const done = (message: string, level: Level) => {
      if (logger.isLevelEnabled(level)) logger[level](summary(request, response, performance.now() - started), message);
    };
    response.once('finish', () => done('request completed', levelOf(response.statusCode)));
    response.once('close', () => {
      if (!response.writableFinished) done('request aborted', 'error');
    });
    next();
  };
}

function summary(request: IncomingMessage, response: ServerResponse, durationMs: number): object {
  return {
    correlationId: correlationIdOf(request),
    method: request.method,
    url: request.url,
    status: response.statusCode,
    durationMs: Math.round(durationMs),
  };
}

function levelOf(status: number): Level {
  return status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
}

function pathOf(url: string | undefined): string {
  const text = url ?? '';
  const query = text.indexOf('?');
  return query < 0 ? text : text.slice(0, query);
}
