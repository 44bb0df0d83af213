/** The auth lib's VerifyOptions the AuthGuard checks bearer tokens with. */
export const VERIFY_OPTIONS = Symbol('VERIFY_OPTIONS');
/** The service's pino Logger, shared by the error filter, request logging and readiness. */
export const LOGGER = Symbol('LOGGER');
/** The IdempotencyStore the Idempotency-Key interceptor keeps first responses in. */
export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');
