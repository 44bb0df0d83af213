import { getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { ANSWER_EXTENSION, type Answer, type ErrorDeclaration, ERRORS_EXTENSION, NO_TOKEN_EXTENSION } from './api-responses.decorators';
import { ERROR_MEANINGS, ErrorBody, type ErrorStatus } from './error-body';

type Operation = Record<string, unknown> & {
  responses?: Record<string, Record<string, unknown>>;
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
  security?: unknown[];
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** The rate limiter leaves these alone (rate-limit.middleware.ts). */
const NOT_RATE_LIMITED = new Set(['/api/health', '/api/ready']);

const ERROR_CONTENT = { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) } } };
const RETRY_AFTER = { 'Retry-After': { description: 'seconds to wait before trying again', schema: { type: 'integer' } } };
const HEADERS_OF: Partial<Record<ErrorStatus, Record<string, unknown>>> = {
  401: { 'WWW-Authenticate': { description: '`Bearer` (RFC 6750)', schema: { type: 'string' } } },
  429: RETRY_AFTER,
  503: RETRY_AFTER,
};

/**
 * Gives every operation of a generated document its responses: the success declared with
 * @ApiAnswer under the status the route answers with, the errors declared with @ApiErrors, and the
 * errors every route of its kind can give, all in the error shape of API.md:
 * 400 when it takes any input (parameters, headers or a body), 401 and 403 behind a token, 413 and
 * 415 with a body, 412 with If-Match, 422 with Idempotency-Key, 429 where the rate limit applies.
 */
export function completeResponses(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (operation) completeOperation(path, operation);
    }
  }
  return document;
}

function completeOperation(path: string, operation: Operation): void {
  const responses = (operation.responses ??= {});
  const answer = operation[ANSWER_EXTENSION] as Answer | undefined;
  delete operation[ANSWER_EXTENSION];
  if (answer) {
    const success = Object.keys(responses).find((status) => status.startsWith('2')) ?? '200';
    responses[success] = { ...responses[success], ...answer };
  }
  if (operation[NO_TOKEN_EXTENSION] !== undefined) operation.security = [];
  delete operation[NO_TOKEN_EXTENSION];
  const errors = new Map<ErrorStatus, ErrorDeclaration>();
  const headers = new Set((operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()));
  const guarded = !(Array.isArray(operation.security) && operation.security.length === 0);
  if ((operation.parameters ?? []).length > 0 || operation.requestBody !== undefined) errors.set(400, null);
  if (guarded) errors.set(401, null).set(403, null);
  if (operation.requestBody !== undefined) errors.set(413, null).set(415, null);
  if (headers.has('if-match')) errors.set(412, null);
  if (headers.has('idempotency-key')) errors.set(422, null);
  if (!NOT_RATE_LIMITED.has(path)) errors.set(429, null);
  const declared = (operation[ERRORS_EXTENSION] ?? {}) as Record<string, ErrorDeclaration>;
  delete operation[ERRORS_EXTENSION];
  for (const [status, declaration] of Object.entries(declared)) errors.set(Number(status) as ErrorStatus, declaration);
  for (const [status, declaration] of [...errors].sort(([a], [b]) => a - b)) {
    responses[String(status)] =
      declaration !== null && typeof declaration === 'object'
        ? { ...declaration }
        : { description: declaration ?? ERROR_MEANINGS[status], content: ERROR_CONTENT, ...(HEADERS_OF[status] ? { headers: HEADERS_OF[status] } : {}) };
  }
}
