import type { SessionMessageKey } from './session.zh-CN';

/** The sign-in's texts in English; the type makes a missing or stray key a compile error. */
export const sessionEn: Record<SessionMessageKey, string> = {
  'oidc.explain': 'Sign in with your unified identity account. The console opens with the role and organisation of your account.',
  'oidc.signIn': 'Sign in with unified identity',
  'oidc.provider': 'Identity provider: {issuer}',
  'oidc.completing': 'Completing sign-in…',
  'oidc.tryAgain': 'Sign in again',
  'oidc.none.title': 'The console is not connected to the identity provider',
  'oidc.none.explain': 'This system accepts only tokens issued by {issuer}, but no client is configured for the console (OIDC_CLIENT_ID). Please contact the administrator.',
  'oidc.error.insecure': 'The connection is not secure, so signing in is not possible.',
  'oidc.error.insecure.action': 'Open the console at its https address.',
  'oidc.error.state': 'This sign-in has expired or was not started from this page.',
  'oidc.error.state.action': 'Please sign in again.',
  'oidc.error.provider': 'The identity provider did not complete the sign-in.',
  'oidc.error.provider.action': 'Please sign in again; if it keeps failing, contact the administrator.',
  'oidc.error.token': 'No token could be obtained from the identity provider.',
  'oidc.error.token.action': 'Please sign in again later; if it keeps failing, contact the administrator.',
  'oidc.error.idToken': 'The identity the provider returned did not pass its checks.',
  'oidc.error.idToken.action': 'Please sign in again; if it keeps failing, contact the administrator.',
  'oidc.error.claims': 'Your account has no role or organisation in this system.',
  'oidc.error.claims.action': 'Ask the administrator to give your account a role (and its station, member unit or compound) at the identity provider.',
  'session.ended.expired': 'Your sign-in has expired. Sign in again to return to the page you were on.',
  'session.ended.refused': 'The system no longer accepts your sign-in. Please sign in again.',
};
