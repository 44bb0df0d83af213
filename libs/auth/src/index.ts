export * from './principal';
export * from './token-errors';
export * from './token-options';
export { signToken } from './sign-token';
export { createTokenVerifier, verifyToken, type SyncTokenVerifier, type TokenVerifier } from './verify-token';
export { discoverIssuer, discoveryUrl, type IssuerMetadata } from './issuer-metadata';
export { IssuerKeys, type IssuerKeysOptions } from './issuer-keys';
export { fetchJson, type FetchJson } from './fetch-json';
