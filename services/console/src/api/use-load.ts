import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
}

/**
 * Loads with `load` whenever `key` changes (a string of everything it depends on); a newer load
 * wins. While a load runs, the last data stays shown. `ready`: the data for `key` already in hand
 * (an answer fetched as the console started), shown in the first render with no load.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string, ready?: { readonly data: T }): Loaded<T> {
  const [attempt, setAttempt] = useState(0);
  const request = `${key}#${attempt}`;
  const [state, setState] = useState<{ request: string | null; data: T | undefined; error: unknown }>(() => ({ request: ready ? request : null, data: ready?.data, error: null }));
  const inHand = useRef(ready ? request : null);
  useEffect(() => {
    if (inHand.current === request) {
      inHand.current = null;
      return undefined;
    }
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ request, data, error: null }),
      (error: unknown) => !controller.signal.aborted && setState((s) => ({ request, data: s.data, error })),
    );
    return () => controller.abort();
    // `request` stands for what `load` reads; `load` itself is a new function at every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.request !== request, reload };
}
