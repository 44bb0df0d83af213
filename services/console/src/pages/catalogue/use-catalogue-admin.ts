import { useCallback } from 'react';
import { useRefreshCatalogue } from '../../api/catalogue';
import { api } from '../../api/client';
import type { CatalogueChanges, FullCatalogue } from '../../api/catalogue-admin-types';
import { useLoad } from '../../api/use-load';
import { useSignedIn } from '../../session/session';

export interface CatalogueAdmin {
  /** the catalogue in force; undefined until it came */
  readonly catalogue: FullCatalogue | undefined;
  /** the changes, the latest first, and the revision the next change is sent against */
  readonly changes: CatalogueChanges | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
}

/**
 * The catalogue in force (GET /api/catalogue, read afresh here: the console's own copy is the one
 * of the sign-in) and its history with the revision (GET /api/catalogue/changes). `withCatalogue`
 * false: the history alone (the office and the auditor read only that).
 */
export function useCatalogueAdmin(withCatalogue: boolean): CatalogueAdmin {
  const { token } = useSignedIn();
  const catalogue = useLoad((signal) => (withCatalogue ? api<FullCatalogue>('GET', '/api/catalogue', { token, signal }) : Promise.resolve(undefined)), `${token}|${withCatalogue}`);
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
    catalogue: catalogue.data,
    changes: changes.data,
    error: catalogue.error ?? changes.error,
    loading: catalogue.loading || changes.loading,
    reload,
  };
}
