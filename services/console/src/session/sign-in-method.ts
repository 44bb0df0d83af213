import { api } from '../api/client';

/** `GET /api/auth/sign-in`: how this deployment signs users in. */
export type SignInMethod =
  | { readonly method: 'development' }
  | { readonly method: 'none'; readonly issuer: string }
  | {
      readonly method: 'oidc';
      readonly issuer: string;
      readonly clientId: string;
      readonly scope: string;
      readonly resource?: string;
      readonly authorizationEndpoint: string;
      readonly tokenEndpoint: string;
      readonly endSessionEndpoint?: string;
    };

export type OidcProvider = Extract<SignInMethod, { method: 'oidc' }>;

export function signInMethod(signal?: AbortSignal): Promise<SignInMethod> {
  return api<SignInMethod>('GET', '/api/auth/sign-in', signal ? { signal } : {});
}
