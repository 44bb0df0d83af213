import { useCallback } from 'react';
import { useRefreshCatalogue } from '../../api/catalogue';
import { api } from '../../api/client';
import type { CatalogueAsOf, CatalogueChanges, FullCatalogue } from '../../api/catalogue-admin-types';
import { useLoad } from '../../api/use-load';
import { useSignedIn } from '../../session/session';

export interface CatalogueAdmin {
  /** the catalogue in force; undefined until it came */
  readonly catalogue: FullCatalogue | undefined;
  /** the revision `catalogue` is, sent as If-Match with a change of it; -1 before any change */
  readonly revision: number;
  /** the changes, the latest first, and the revision the next change is sent against */
  readonly changes: CatalogueChanges | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
}

/**
 * The catalogue in force with its revision, in one answer of the service that records the changes
 * (GET /api/catalogue/as-of, now): an edit is of exactly the entry that revision holds, so If-Match
 * guards it; and the history (GET /api/catalogue/changes). `withCatalogue` false: the history
 * alone (the office and the auditor read only that).
 */
export function useCatalogueAdmin(withCatalogue: boolean): CatalogueAdmin {
  const { token } = useSignedIn();
  const catalogue = useLoad((signal) => (withCatalogue ? api<CatalogueAsOf>('GET', '/api/catalogue/as-of', { token, signal }) : Promise.resolve(undefined)), `${token}|${withCatalogue}`);
  const changes = useLoad((signal) => api<CatalogueChanges>('GET', '/api/catalogue/changes', { token, signal }), token);
  const reloadCatalogue = catalogue.reload;
  const reloadChanges = changes.reload;
  const refreshConsole = useRefreshCatalogue();
  // The console's own copy too, so that the other pages offer what the administrator just changed.
  const reload = useCallback(() => {
    reloadCatalogue();
    reloadChanges();
    if (withCatalogue) refreshConsole();
  }, [reloadCatalogue, reloadChanges, refreshConsole, withCatalogue]);
  return {
    catalogue: catalogue.data?.catalogue,
    revision: catalogue.data?.revision ?? changes.data?.revision ?? -1,
    changes: changes.data,
    error: catalogue.error ?? changes.error,
    loading: catalogue.loading || changes.loading,
    reload,
  };
}
