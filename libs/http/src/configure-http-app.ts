import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { TOKEN_VERIFIER } from './auth/token-verifier';
import { correlationMiddleware } from './context/correlation.middleware';
import { type ApiDocsOptions, setUpApiDocs } from './docs/api-docs';
import { bodyParserErrorsMiddleware } from './errors/body-parser-errors.middleware';
import { ErrorFilter } from './errors/error.filter';
import { createValidationPipe } from './errors/validation.pipe';
import { LOGGER } from './http.tokens';
import { createHttpLogger } from './logging/http-logger.middleware';
import { PinoNestLogger } from './logging/pino-nest.logger';
import { createMethodNotAllowedMiddleware } from './hygiene/method-not-allowed.middleware';
import { securityHeaders, type SecurityHeaderOptions } from './hygiene/security-headers';
import { createHttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { createMetricsAccessMiddleware, type MetricsAccess } from './metrics/metrics-access.middleware';
import { Metrics } from './metrics/metrics';
import type { CatalogueIds } from './validation/catalogue-ids';
import { jsonBodyVerifier } from './validation/json-body';
import { queryEncodingMiddleware } from './validation/query-encoding';
import { createRateLimiter, type RateLimitOptions } from './rate-limit/rate-limit.middleware';

export interface HttpAppOptions {
  /** The largest JSON body accepted (413 beyond it), in body-parser's notation. */
  readonly bodyLimit?: string;
  /** Off when left out. */
  readonly rateLimit?: RateLimitOptions;
  readonly docs?: ApiDocsOptions;
  /** Who may read /metrics; anyone when left out. */
  readonly metrics?: MetricsAccess;
  readonly securityHeaders?: SecurityHeaderOptions;
  /** Ids a request names are checked against these, and the document declares them as enums. */
  readonly catalogueIds?: CatalogueIds;
}

/**
 * Installs, in order: security headers, correlation id and context, request log, request
 * metrics, who may read /metrics, rate limit, 405 for a method the path's routes do not take,
 * a query's percent-escapes that are not UTF-8 refused,
 * the JSON body parser (UTF-8, nesting bounded) and its errors, then the error filter,
 * validation and the API docs.
 * Call it after creating the app (with HttpPlatformModule imported) and before `listen`.
 */
export function configureHttpApp(app: NestExpressApplication, options: HttpAppOptions = {}): void {
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new PinoNestLogger(logger));
  app.disable('x-powered-by');
  app.use(securityHeaders(options.securityHeaders));
  app.use(correlationMiddleware);
  app.use(createHttpLogger(logger));
  app.use(createHttpMetricsMiddleware(app.get(Metrics)));
  app.use('/metrics', createMetricsAccessMiddleware(options.metrics ?? { mode: 'open' }));
  if (options.rateLimit !== undefined) app.use(createRateLimiter(options.rateLimit, app.get(TOKEN_VERIFIER)));
  app.use(createMethodNotAllowedMiddleware(app));
  app.use(queryEncodingMiddleware);
  app.useBodyParser('json', { limit: options.bodyLimit ?? '64kb', verify: jsonBodyVerifier() });
  app.use(bodyParserErrorsMiddleware);
  app.useGlobalFilters(new ErrorFilter(logger));
  app.useGlobalPipes(createValidationPipe(options.catalogueIds));
  setUpApiDocs(app, { ...options.docs, ...(options.catalogueIds ? { catalogueIds: options.catalogueIds } : {}) });
}
