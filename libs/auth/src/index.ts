export * from './principal';
export * from './token-errors';
export * from './token-options';
export { signToken } from './sign-token';
export { createTokenVerifier, verifyToken, type TokenVerifier } from './verify-token';
