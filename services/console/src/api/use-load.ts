import { useCallback, useEffect, useState } from 'react';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
}

/**
 * Loads with `load` whenever `key` changes (a string of everything it depends on); a newer load
 * wins. While a load runs, the last data stays shown.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Loaded<T> {
  const [attempt, setAttempt] = useState(0);
  const request = `${key}#${attempt}`;
  const [state, setState] = useState<{ request: string | null; data: T | undefined; error: unknown }>({ request: null, data: undefined, error: null });
  useEffect(() => {
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
