import type { Principal, Role } from '../api/types';
import type { Session } from './session';
import type { OidcProvider } from './sign-in-method';

// Signing in through the identity provider: OpenID Connect, authorization code with PKCE (S256
// through Web Crypto, no library). What the browser keeps between leaving for the provider and
// coming back (the code verifier, state and nonce) lives in sessionStorage: this tab only.

/** The path the provider sends the user back to; the provider's client must list `<origin>/auth/callback`. */
export const CALLBACK_PATH = '/auth/callback';
const PENDING_KEY = 'flw.oidc.pending';
const ROLES: readonly Role[] = ['reporter', 'station', 'unit', 'office', 'auditor', 'admin'];
const SCOPE_OF: Partial<Record<Role, 'compoundId' | 'stationId' | 'unitId'>> = { reporter: 'compoundId', station: 'stationId', unit: 'unitId' };

/** What the identity provider's part of a session keeps: how to refresh it and how to sign out. */
export interface OidcSession {
  readonly issuer: string;
  readonly clientId: string;
  readonly tokenEndpoint: string;
  readonly endSessionEndpoint?: string;
  readonly resource?: string;
  readonly idToken: string;
  readonly refreshToken?: string;
}

interface PendingSignIn {
  readonly provider: OidcProvider;
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  /** Where the user was when signing in began; they return there. */
  readonly returnTo: string;
}

export type SignInErrorCode = 'insecure' | 'state' | 'provider' | 'token' | 'idToken' | 'claims';

/** A sign-in that failed; `code` picks the sentence shown, `detail` is what the provider or the check said. */
export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    readonly code: SignInErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

function randomText(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function claimsOf(jwt: string): Record<string, unknown> | null {
  const payload = jwt.split('.')[1];
  if (!payload) return null;
  try {
    const text = new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
    const claims: unknown = JSON.parse(text);
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Leaves for the provider's sign-in page. Web Crypto needs a secure context: https, or this machine. */
export async function beginSignIn(provider: OidcProvider, returnTo: string, locale: string): Promise<void> {
  if (!globalThis.crypto?.subtle) throw new SignInError('insecure', window.location.origin);
  const pending: PendingSignIn = { provider, state: randomText(), nonce: randomText(), verifier: randomText(48), returnTo };
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pending.verifier))));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(provider.authorizationEndpoint);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: provider.clientId,
    redirect_uri: `${window.location.origin}${CALLBACK_PATH}`,
    scope: provider.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ui_locales: locale,
    ...(provider.resource ? { resource: provider.resource } : {}),
    // OpenID Connect grants offline_access (a refresh token that outlives the provider's session) only with consent asked.
    ...(provider.scope.split(' ').includes('offline_access') ? { prompt: 'consent' } : {}),
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  window.location.assign(url.toString());
}

// The code can be exchanged once: a second render of the callback page shares the first exchange.
let completing: { readonly search: string; readonly result: Promise<{ session: Session; returnTo: string }> } | null = null;

/** Back from the provider at CALLBACK_PATH: checks state, exchanges the code (with the verifier) and checks the ID token. */
export function completeSignIn(search: string): Promise<{ session: Session; returnTo: string }> {
  if (completing?.search !== search) completing = { search, result: exchangeCode(new URLSearchParams(search)) };
  return completing.result;
}

async function exchangeCode(params: URLSearchParams): Promise<{ session: Session; returnTo: string }> {
  const stored = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const pending = stored ? (JSON.parse(stored) as PendingSignIn) : null;
  if (!pending || params.get('state') !== pending.state) throw new SignInError('state', params.get('state') ?? '');
  const { provider } = pending;
  const iss = params.get('iss');
  if (iss !== null && iss !== provider.issuer) throw new SignInError('idToken', `iss ${iss}`);
  const error = params.get('error');
  if (error) throw new SignInError('provider', [error, params.get('error_description')].filter(Boolean).join(': '));
  const code = params.get('code');
  if (!code) throw new SignInError('provider', 'no code');
  const tokens = await tokenRequest(provider.tokenEndpoint, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: `${window.location.origin}${CALLBACK_PATH}`,
    client_id: provider.clientId,
    code_verifier: pending.verifier,
    ...(provider.resource ? { resource: provider.resource } : {}),
  });
  // The ID token came straight from the token endpoint over the connection the browser checked
  // (OpenID Connect Core 3.1.3.7): its claims are checked here, its signature by no one; the API
  // checks the access token's signature on every call.
  const idClaims = claimsOf(tokens.id_token ?? '');
  const audience = idClaims?.['aud'];
  if (!idClaims || idClaims['nonce'] !== pending.nonce) throw new SignInError('idToken', 'nonce');
  if (idClaims['iss'] !== provider.issuer) throw new SignInError('idToken', `iss ${String(idClaims['iss'])}`);
  if (!(audience === provider.clientId || (Array.isArray(audience) && audience.includes(provider.clientId)))) throw new SignInError('idToken', `aud ${String(audience)}`);
  const oidc: OidcSession = {
    issuer: provider.issuer,
    clientId: provider.clientId,
    tokenEndpoint: provider.tokenEndpoint,
    ...(provider.endSessionEndpoint ? { endSessionEndpoint: provider.endSessionEndpoint } : {}),
    ...(provider.resource ? { resource: provider.resource } : {}),
    idToken: tokens.id_token ?? '',
  };
  return { session: sessionFrom(tokens, oidc), returnTo: pending.returnTo.startsWith('/') && !pending.returnTo.startsWith('//') ? pending.returnTo : '/' };
}

/** A new access token for the refresh token; the provider may hand out a new refresh token with it. */
export async function refreshSession(session: Session): Promise<Session> {
  const oidc = session.oidc;
  if (!oidc?.refreshToken) throw new SignInError('token', 'no refresh token');
  const tokens = await tokenRequest(oidc.tokenEndpoint, {
    grant_type: 'refresh_token',
    refresh_token: oidc.refreshToken,
    client_id: oidc.clientId,
    ...(oidc.resource ? { resource: oidc.resource } : {}),
  });
  return sessionFrom(tokens, { ...oidc, ...(tokens.id_token ? { idToken: tokens.id_token } : {}), refreshToken: tokens.refresh_token ?? oidc.refreshToken });
}

/** The provider's sign-out page, which comes back to the console; null when the provider has none. */
export function endSessionUrl(session: Session): string | null {
  const oidc = session.oidc;
  if (!oidc?.endSessionEndpoint) return null;
  const url = new URL(oidc.endSessionEndpoint);
  url.searchParams.set('client_id', oidc.clientId);
  url.searchParams.set('id_token_hint', oidc.idToken);
  url.searchParams.set('post_logout_redirect_uri', `${window.location.origin}/`);
  return url.toString();
}

interface TokenResponse {
  readonly access_token?: string;
  readonly id_token?: string;
  readonly refresh_token?: string;
  readonly expires_in?: number;
}

async function tokenRequest(endpoint: string, form: Record<string, string>): Promise<TokenResponse> {
  let response: Response;
  try {
    response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: new URLSearchParams(form) });
  } catch (error) {
    throw new SignInError('token', error instanceof Error ? error.message : String(error));
  }
  const body = (await response.json().catch(() => ({}))) as TokenResponse & { error?: string; error_description?: string };
  if (!response.ok || !body.access_token) throw new SignInError('token', [body.error ?? response.status, body.error_description].filter(Boolean).join(': '));
  return body;
}

/** The session the console keeps: the access token is the bearer token, its claims say who the user is. */
function sessionFrom(tokens: TokenResponse, oidc: OidcSession): Session {
  const accessToken = tokens.access_token ?? '';
  const claims = claimsOf(accessToken);
  if (!claims) throw new SignInError('claims', 'the access token is not a JWT');
  const role = claims['role'];
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw new SignInError('claims', `role ${JSON.stringify(role ?? null)}`);
  const scopeClaim = SCOPE_OF[role as Role];
  const scope = scopeClaim ? claims[scopeClaim] : undefined;
  if (scopeClaim && (typeof scope !== 'string' || scope === '')) throw new SignInError('claims', scopeClaim);
  const principal: Principal = { sub: String(claims['sub'] ?? ''), role: role as Role, ...(scopeClaim && typeof scope === 'string' ? { [scopeClaim]: scope } : {}) };
  const expiresAt = typeof claims['exp'] === 'number' ? claims['exp'] * 1000 : Date.now() + (tokens.expires_in ?? 300) * 1000;
  return { token: accessToken, principal, expiresAt: new Date(expiresAt).toISOString(), oidc: { ...oidc, ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}) } };
}
