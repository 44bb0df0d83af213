import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { correlationIdOf } from '../context/correlation.middleware';

// Probes and scrapes arrive every few seconds and would drown the requests that matter.
const UNLOGGED_PATHS = new Set(['/api/health', '/api/ready', '/metrics']);

/** One line per request when it ends: correlationId, method, url, status, durationMs. */
export function createHttpLogger(logger: Logger): RequestHandler {
  const summary = (request: IncomingMessage, response: ServerResponse, value: { responseTime?: number }) => ({
    correlationId: correlationIdOf(request),
    method: request.method,
    url: request.url,
    status: response.statusCode,
    durationMs: value.responseTime,
  });
  return pinoHttp({
    logger,
    genReqId: (request) => correlationIdOf(request),
    // The default serializers would copy every header, the bearer token among them.
    serializers: { req: (request: IncomingMessage) => ({ method: request.method, url: request.url }) },
    quietResLogger: true,
    autoLogging: { ignore: (request) => UNLOGGED_PATHS.has((request.url ?? '').split('?')[0] ?? '') },
    customLogLevel: (_request, response, error) =>
      error !== undefined || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    customSuccessObject: summary,
    customErrorObject: (request, response, _error, value) => summary(request, response, value),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
  });
}
