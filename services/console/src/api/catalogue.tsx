import { createContext, use, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Result } from 'antd';
import { ErrorAlert } from '../components/error-alert';
import { useSignedIn } from '../session/session';
import { catalogueRequestFor, requestCatalogue, type CatalogueRequest } from './catalogue-request';
import type { Catalogue } from './types';

const CatalogueContext = createContext<Promise<Catalogue> | null>(null);
const RefreshContext = createContext<() => void>(() => undefined);

/**
 * Loads `GET /api/catalogue` once per sign-in (the provider lives as long as the session); the
 * pages below pick names and choices from it. The request holds nothing up: the frame and the
 * pages that do not read the catalogue (the dashboard) show and send their own requests
 * meanwhile, and a page that reads it before it came waits in its Suspense. When it fails, the
 * error and a retry take the frame's place.
 */
export function CatalogueProvider({ children }: { children: ReactNode }) {
  const { token } = useSignedIn();
  const [request, setRequest] = useState(() => catalogueRequestFor(token));
  const [failure, setFailure] = useState<{ request: CatalogueRequest; error: unknown } | null>(null);
  useEffect(() => {
    let current = true;
    request.answer.catch((error: unknown) => current && setFailure({ request, error }));
    return () => {
      current = false;
    };
  }, [request]);
  const refresh = useCallback(() => setRequest(requestCatalogue(token)), [token]);
  if (failure?.request === request) return <Result status="error" title={<ErrorAlert error={failure.error} onRetry={refresh} />} />;
  return (
    <RefreshContext.Provider value={refresh}>
      <CatalogueContext.Provider value={request.forPages}>{children}</CatalogueContext.Provider>
    </RefreshContext.Provider>
  );
}

/** The catalogue; suspends the calling page until it has come. */
export function useCatalogue(): Catalogue {
  const catalogue = useContext(CatalogueContext);
  if (!catalogue) throw new Error('useCatalogue is used outside CatalogueProvider');
  return use(catalogue);
}

/**
 * Asks for the catalogue afresh (the administrator changed it): the pages opened after it came
 * read the new one; a page reading it meanwhile waits in its Suspense.
 */
export function useRefreshCatalogue(): () => void {
  return useContext(RefreshContext);
}
