import { ConfigError } from '@whistle/config';
import { IssuerKeys, discoverIssuer, fetchJson as httpFetchJson, type FetchJson, type IssuerMetadata, type VerifyOptions } from '@whistle/auth';
import { pinnedVerifyOptionsOf, tokenSourceOf, type HttpSettings } from '../settings';
import type { SignInMethod } from './sign-in-method';

/** How tokens are checked and how the console signs users in, both read from the settings. */
export interface TokenChecks {
  readonly verify: VerifyOptions;
  readonly signIn: SignInMethod;
}

export interface ResolveOptions {
  readonly fetchJson?: FetchJson;
  /** Attempts at the provider before the start fails; it may be starting beside this process. */
  readonly attempts?: number;
  readonly retryDelayMs?: number;
}

type TokenSettings = Pick<
  HttpSettings,
  'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_PUBLIC_KEY' | 'JWT_JWKS_URL' | 'JWT_AUDIENCE' | 'JWT_MAX_TOKEN_LIFETIME' | 'OIDC_CLIENT_ID' | 'OIDC_SCOPES'
>;

/**
 * Reads the identity provider's discovery document and keys at start when the settings call for
 * them (the issuer's keys, or the console's sign-in endpoints). A provider that cannot be read,
 * or names itself otherwise, stops the start with a ConfigError naming JWT_ISSUER; keys that
 * cannot be read from JWT_JWKS_URL, one naming JWT_JWKS_URL.
 */
export async function resolveTokenChecks(settings: TokenSettings, options: ResolveOptions = {}): Promise<TokenChecks> {
  const issuer = settings.JWT_ISSUER;
  const pinned = pinnedVerifyOptionsOf(settings);
  if (!issuer) {
    if (!pinned) throw new Error('no issuer and no development secret');
    return { verify: pinned, signIn: { method: 'development' } };
  }
  const fetchJson = options.fetchJson ?? httpFetchJson;
  const source = tokenSourceOf(settings);
  const needsDiscovery = source === 'issuer-keys' || Boolean(settings.OIDC_CLIENT_ID);
  const metadata = needsDiscovery ? await withRetries('JWT_ISSUER', () => discoverIssuer(issuer, fetchJson), options) : undefined;
  const jwksSetting = source === 'jwks-url' ? 'JWT_JWKS_URL' : 'JWT_ISSUER';
  const jwksUri = settings.JWT_JWKS_URL ?? metadata?.jwksUri;
  const verify: VerifyOptions =
    pinned ??
    ({
      mode: 'issuer-keys',
      issuer,
      maxLifetimeSeconds: settings.JWT_MAX_TOKEN_LIFETIME,
      ...(settings.JWT_AUDIENCE ? { audience: settings.JWT_AUDIENCE } : {}),
      keys: await withRetries(jwksSetting, () => IssuerKeys.load({ jwksUri: jwksUri as string, fetchJson }), options),
    } as const);
  return { verify, signIn: signInMethod(settings, issuer, metadata) };
}

function signInMethod(settings: TokenSettings, issuer: string, metadata: IssuerMetadata | undefined): SignInMethod {
  if (!settings.OIDC_CLIENT_ID || !metadata) return { method: 'none', issuer };
  return {
    method: 'oidc',
    issuer,
    clientId: settings.OIDC_CLIENT_ID,
    scope: settings.OIDC_SCOPES,
    ...(settings.JWT_AUDIENCE ? { resource: settings.JWT_AUDIENCE } : {}),
    authorizationEndpoint: metadata.authorizationEndpoint,
    tokenEndpoint: metadata.tokenEndpoint,
    ...(metadata.endSessionEndpoint ? { endSessionEndpoint: metadata.endSessionEndpoint } : {}),
  };
}

async function withRetries<T>(setting: 'JWT_ISSUER' | 'JWT_JWKS_URL', attempt: () => Promise<T>, options: ResolveOptions): Promise<T> {
  const attempts = options.attempts ?? 4;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= attempts) throw new ConfigError([`${setting}: ${(error as Error).message}`]);
      await new Promise((resolve) => setTimeout(resolve, (options.retryDelayMs ?? 500) * 2 ** (n - 1)));
    }
  }
}
