import type { IssuerKeys } from './issuer-keys';

/** Asymmetric algorithms only: a public key must never double as an HMAC secret. */
export type PublicKeyAlgorithm = 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512' | 'EdDSA';

/** What every mode checks besides the signature. */
export interface ClaimChecks {
  readonly issuer?: string;
  /** When set, every token must carry it in `aud`. */
  readonly audience?: string;
  /**
   * The longest a token may live, in seconds: `exp - iat`, and `exp - now`, must not exceed it;
   * DEFAULT_MAX_TOKEN_LIFETIME_SECONDS when left out.
   */
  readonly maxLifetimeSeconds?: number;
}

/** Development and small deployments: HS256 with a shared secret. */
export interface SecretVerifyOptions extends ClaimChecks {
  readonly mode: 'secret';
  readonly secret: string;
}

/** Production: tokens from a configured issuer, checked with its public key (PEM). */
export interface PublicKeyVerifyOptions extends ClaimChecks {
  readonly mode: 'public-key';
  readonly publicKey: string;
  /** Those the key can serve when left out: the algorithm follows the key. */
  readonly algorithms?: readonly PublicKeyAlgorithm[];
  readonly issuer: string;
}

/**
 * Production with an OpenID provider: tokens of `issuer`, checked with the keys it publishes
 * (its JWKS, loaded at start by `IssuerKeys.load` and kept current as the provider rotates them).
 */
export interface IssuerKeysVerifyOptions extends ClaimChecks {
  readonly mode: 'issuer-keys';
  readonly issuer: string;
  readonly keys: IssuerKeys;
}

export type VerifyOptions = SecretVerifyOptions | PublicKeyVerifyOptions | IssuerKeysVerifyOptions;

export interface SignOptions {
  readonly secret: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** Seconds, or a number with a unit: `90s`, `30m`, `12h`, `7d`. */
  readonly expiresIn: number | string;
  /** The signing time; the system clock when left out. */
  readonly now?: Date;
}

/**
 * 12 hours: a working day's shift, what the development sign-in and `npm run token` issue; an
 * identity provider's access tokens live minutes to an hour. A token stolen from a log or a
 * browser is good for no longer than this, whatever its issuer wrote into it.
 */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;

/** Shorter secrets are guessable offline from a single token. */
export const MIN_SECRET_LENGTH = 32;

/** Signs and checks local tokens when nothing else is configured; see README.md. Never for production. */
export const DEVELOPMENT_JWT_SECRET = 'four-level-whistle-development-secret-do-not-use-in-production';
