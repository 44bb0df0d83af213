export * from './http.tokens';
export { HttpPlatformModule, type HttpPlatformOptions } from './http-platform.module';
export { configureHttpApp, type HttpAppOptions } from './configure-http-app';

export { AuthGuard } from './auth/auth.guard';
export { TOKEN_VERIFIER } from './auth/token-verifier';
export { Public, Roles, IS_PUBLIC, ALLOWED_ROLES } from './auth/auth.decorators';
export { CurrentPrincipal } from './auth/current-principal.decorator';
export { assertScope, withinScope, type ResourceScope } from './auth/assert-scope';
export type { AuthenticatedRequest } from './auth/authenticated-request';

export { InvalidRequest, MethodNotAllowed, TooManyRequests, type FieldError } from './errors/http-errors';
export { contentSecurityDirectives, type SecurityHeaderOptions } from './hygiene/security-headers';
export type { MetricsAccess } from './metrics/metrics-access.middleware';
export { MAX_BODY_DEPTH } from './validation/json-body';
export { errorBody, errorResponseOf, type ErrorBody, type ErrorDetail } from './errors/error-response';
export { ErrorFilter } from './errors/error.filter';
export { createValidationPipe, fieldErrorsOf } from './errors/validation.pipe';
export { IsInstant, QueryInstant } from './validation/instant';
export { IsQuarter } from './validation/quarter';
export { CATALOGUE_ID_MEMBERS, unknownCatalogueIds, type CatalogueIds } from './validation/catalogue-ids';

export { CORRELATION_HEADER, correlationIdOf } from './context/correlation.middleware';

export { createLogger, type LoggerOptions } from './logging/logger.factory';
export { PinoNestLogger } from './logging/pino-nest.logger';

export { Metrics, type MetricConfig, type HistogramConfig } from './metrics/metrics';

export { ReadinessRegistry, type ReadinessCheck, type ReadinessReport } from './health/readiness.registry';

export type { IdempotencyStore, IdempotencyRecord, StoredResponse } from './idempotency/idempotency.store';
export { InMemoryIdempotencyStore } from './idempotency/in-memory-idempotency.store';
export { SqliteIdempotencyStore } from './idempotency/sqlite-idempotency.store';
export { IdempotencyInterceptor, IDEMPOTENCY_KEY_HEADER } from './idempotency/idempotency.interceptor';
export { requestHash, type HashedRequest } from './idempotency/request-hash';

export { IfMatch, parseIfMatch } from './conditional/if-match.decorator';
export { ApiCommandHeaders, ApiReadHeaders } from './docs/command-headers.decorators';
export { ConsistencyInterceptor } from './consistency/consistency.interceptor';
export { AFTER_POSITION_HEADER, POSITION_HEADER, consistencyOf } from './consistency/consistency';
export { API_TITLE, API_DOCS_PATH, API_DOCUMENT_PATH, createApiDocument, type ApiDocsOptions } from './docs/api-docs';
export { mergeApiDocuments, mergedApiDocument } from './docs/merged-api-document';
export { ApiAnswer, ApiCommandAnswer, ApiError, ApiErrors, COMMAND_RESPONSE, type AnswerOptions } from './docs/api-responses.decorators';
export { ErrorBody as ErrorBodySchema, ERROR_MEANINGS, ERROR_STATUSES, type ErrorStatus } from './docs/error-body';
export * as schema from './docs/schema';
export type { RateLimitOptions } from './rate-limit/rate-limit.middleware';
export { IsWholeNumber, QueryBoolean, QueryInt, QueryList, QueryText } from './query-params';
