import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { correlationMiddleware } from './context/correlation.middleware';
import { type ApiDocsOptions, setUpApiDocs } from './docs/api-docs';
import { bodyParserErrorsMiddleware } from './errors/body-parser-errors.middleware';
import { ErrorFilter } from './errors/error.filter';
import { createValidationPipe } from './errors/validation.pipe';
import { LOGGER } from './http.tokens';
import { createHttpLogger } from './logging/http-logger.middleware';
import { PinoNestLogger } from './logging/pino-nest.logger';
import { createHttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { Metrics } from './metrics/metrics';
import { jsonBodyVerifier } from './validation/json-body';
import { createRateLimiter, type RateLimitOptions } from './rate-limit/rate-limit.middleware';

export interface HttpAppOptions {
  /** The largest JSON body accepted (413 beyond it), in body-parser's notation. */
  readonly bodyLimit?: string;
  /** Off when left out. */
  readonly rateLimit?: RateLimitOptions;
  readonly docs?: ApiDocsOptions;
}

/**
 * Installs, in order: correlation id and context, request log, request metrics, rate limit, the
 * JSON body parser and its errors, then the error filter, validation and the API docs.
 * Call it after creating the app (with HttpPlatformModule imported) and before `listen`.
 */
export function configureHttpApp(app: NestExpressApplication, options: HttpAppOptions = {}): void {
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new PinoNestLogger(logger));
  app.disable('x-powered-by');
  app.use(correlationMiddleware);
  app.use(createHttpLogger(logger));
  app.use(createHttpMetricsMiddleware(app.get(Metrics)));
  if (options.rateLimit !== undefined) app.use(createRateLimiter(options.rateLimit));
  app.useBodyParser('json', { limit: options.bodyLimit ?? '64kb', verify: jsonBodyVerifier() });
  app.use(bodyParserErrorsMiddleware);
  app.useGlobalFilters(new ErrorFilter(logger));
  app.useGlobalPipes(createValidationPipe());
  setUpApiDocs(app, options.docs);
}
