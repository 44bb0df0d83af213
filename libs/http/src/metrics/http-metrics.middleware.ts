import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Metrics } from './metrics';

/** Times every request; the route label is the matched pattern, so ids never multiply the series. */
export function createHttpMetricsMiddleware(metrics: Metrics): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const stop = metrics.httpRequestDuration.startTimer();
    response.once('finish', () => {
      const route: unknown = request.route?.path;
      stop({ method: request.method, route: typeof route === 'string' ? route : 'unmatched', status: String(response.statusCode) });
    });
    next();
  };
}
