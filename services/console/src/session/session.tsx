import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onUnauthorized } from '../api/client';
import type { Principal } from '../api/types';
import { endSessionUrl, refreshSession, type OidcSession } from './oidc';

/** A signed-in user: the bearer token the API checks and who it says the user is. */
export interface Session {
  readonly token: string;
  readonly principal: Principal;
  readonly expiresAt: string;
  /** Signed in through the identity provider: how to refresh the token and sign out there. */
  readonly oidc?: OidcSession;
}

/** Why the last session ended without the user signing out: its token expired, or the API refused it. */
export type SessionEnd = 'expired' | 'refused';

interface SessionContextValue {
  readonly session: Session | null;
  readonly ended: SessionEnd | null;
  readonly signIn: (session: Session) => void;
  /** Ends the session here and, signed in through a provider that offers it, at the provider too. */
  readonly signOut: () => void;
}

const STORAGE_KEY = 'flw.session';
/** A token is refreshed this long before it expires, or at 80 % of its life if that comes first. */
const REFRESH_AHEAD_MS = 60_000;
const SessionContext = createContext<SessionContextValue | null>(null);

/** The session kept from an earlier visit, unless it has expired. */
export function storedSession(): Session | null {
  try {
    const session = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    return session && Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the session across reloads. A token from the identity provider is refreshed before it
 * expires when the provider gave a refresh token; otherwise, or when refreshing fails, the session
 * ends as the token expires and the sign-in page says so, on the same page address, so signing
 * in again comes back there. A 401 from the API ends it too.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(storedSession);
  const [ended, setEnded] = useState<SessionEnd | null>(null);
  const signIn = useCallback((next: Session) => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setEnded(null);
    setSession(next);
  }, []);
  const end = useCallback((why: SessionEnd | null) => {
    localStorage.removeItem(STORAGE_KEY);
    setEnded(why);
    setSession(null);
  }, []);
  const signOut = useCallback(() => {
    const providerSignOut = session ? endSessionUrl(session) : null;
    end(null);
    if (providerSignOut) window.location.assign(providerSignOut);
  }, [session, end]);
  useEffect(() => onUnauthorized(() => end('refused')), [end]);
  useEffect(() => {
    if (!session) return;
    const expiresAt = Date.parse(session.expiresAt);
    const refreshable = Boolean(session.oidc?.refreshToken);
    const lifetime = expiresAt - Date.now();
    const wait = refreshable ? Math.min(lifetime - REFRESH_AHEAD_MS, lifetime * 0.8) : lifetime;
    let cancelled = false;
    const timer = setTimeout(
      () => {
        if (!refreshable) return end('expired');
        refreshSession(session).then(
          (next) => !cancelled && signIn(next),
          () => !cancelled && end('expired'),
        );
      },
      Math.max(0, Math.min(wait, 2_147_000_000)),
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [session, signIn, end]);
  const value = useMemo(() => ({ session, ended, signIn, signOut }), [session, ended, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession is used outside SessionProvider');
  return context;
}

/** The signed-in session; only for pages that the router shows to signed-in users. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('a signed-in page is shown without a session');
  return session;
}
