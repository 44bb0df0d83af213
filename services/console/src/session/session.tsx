import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onUnauthorized } from '../api/client';
import type { Principal } from '../api/types';

/** A signed-in user: the bearer token the API checks and who it says the user is. */
export interface Session {
  readonly token: string;
  readonly principal: Principal;
  readonly expiresAt: string;
}

interface SessionContextValue {
  readonly session: Session | null;
  readonly signIn: (session: Session) => void;
  readonly signOut: () => void;
}

const STORAGE_KEY = 'flw.session';
const SessionContext = createContext<SessionContextValue | null>(null);

function storedSession(): Session | null {
  try {
    const session = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    return session && Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the session across reloads until the token expires or the API refuses it (401). How the
 * token is obtained is the sign-in page's business: development sign-in today, an identity
 * provider (OpenID Connect) later, both ending in `signIn`.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(storedSession);
  const signIn = useCallback((next: Session) => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setSession(next);
  }, []);
  const signOut = useCallback(() => {
    localStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }, []);
  useEffect(() => onUnauthorized(signOut), [signOut]);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
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
