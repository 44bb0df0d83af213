import { useCallback } from 'react';
import { api } from '../../api/client';
import { untilReadSideShows } from '../../api/read-side';
import type { AssessmentView } from '../../api/supervision-types';
import { useLoad, type Loaded } from '../../api/use-load';
import { useSignedIn } from '../../session/session';

export interface AssessmentHandle extends Loaded<AssessmentView> {
  /** After a command: waits until the read side shows a change, then shows the assessment as it is. */
  readonly settle: () => Promise<void>;
}

/** One assessment of the read side; a just-opened one is looked for again for a while. */
export function useAssessment(id: string): AssessmentHandle {
  const { token } = useSignedIn();
  const read = useCallback((signal?: AbortSignal) => api<AssessmentView>('GET', `/api/query/assessments/${encodeURIComponent(id)}`, { token, ...(signal ? { signal } : {}) }), [id, token]);
  const loaded = useLoad(async (signal) => (await untilReadSideShows(() => read(signal), () => true, 5_000)) ?? read(signal), `${id}|${token}`);
  const { data, reload } = loaded;
  const settle = useCallback(async () => {
    const before = JSON.stringify(data);
    await untilReadSideShows(() => read(), (next) => JSON.stringify(next) !== before);
    reload();
  }, [data, read, reload]);
  return { ...loaded, settle };
}

/** What each part of the assessment page gets. */
export interface AssessmentPartProps {
  readonly assessment: AssessmentView;
  readonly settle: () => Promise<void>;
  /** whether the user records on it (the office, the compound's station); an auditor only reads */
  readonly mayAct: boolean;
}
