import { useCallback } from 'react';
import { useSignedIn } from '../session/session';
import { ApiError, api } from './client';
import type { FieldCase } from './field-types';
import { untilReadSideShows } from './read-side';
import { useLoad, type Loaded } from './use-load';

/** The read side learns of a case a moment after its report: a just-reported case is looked for again for a while. */
const NEW_CASE_PATIENCE_MS = 10_000;

async function loadCase(id: string, token: string, signal: AbortSignal): Promise<FieldCase> {
  const until = Date.now() + NEW_CASE_PATIENCE_MS;
  for (;;) {
    try {
      return await api<FieldCase>('GET', `/api/query/cases/${id}`, { token, signal });
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404) || Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

export interface CaseViewHandle extends Loaded<FieldCase> {
  /**
   * After a command on the case: waits until the read side shows its effect (`moved`, by default
   * any change from the view shown now), then shows the case as it is.
   */
  readonly settle: (moved?: (next: FieldCase) => boolean) => Promise<void>;
}

/** One case of the read side, for the pages that show it and act on it. */
export function useCaseView(id: string): CaseViewHandle {
  const { token } = useSignedIn();
  const loaded = useLoad((signal) => loadCase(id, token, signal), `${id}|${token}`);
  const { data, reload } = loaded;
  const settle = useCallback(
    async (moved?: (next: FieldCase) => boolean) => {
      const before = JSON.stringify(data);
      await untilReadSideShows(() => api<FieldCase>('GET', `/api/query/cases/${id}`, { token }), moved ?? ((next) => JSON.stringify(next) !== before));
      reload();
    },
    [data, id, token, reload],
  );
  return { ...loaded, settle };
}
