/**
 * The one TokenVerifier of an app (`createTokenVerifier(VERIFY_OPTIONS)`), shared by the
 * AuthGuard and the rate limiter: a token checked for one is known to the other, so counting
 * requests per principal costs no second signature check.
 */
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
