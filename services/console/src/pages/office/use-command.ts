import { useState } from 'react';
import { api } from '../../api/client';
import type { CommandResult } from '../../api/types';
import { useSignedIn } from '../../session/session';

export interface Command {
  readonly busy: boolean;
  readonly error: unknown;
  /** Sends the command: null when it was recorded, else the error, which also stays shown until the next try. */
  readonly run: (path: string, body?: unknown) => Promise<unknown>;
}

/** One command of a form or button: its busy state and its last error, kept for the user to read. */
export function useCommand(onDone: () => void): Command {
  const { token } = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (path: string, body: unknown = {}) => {
    setBusy(true);
    setError(null);
    try {
      await api<CommandResult>('POST', path, { token, body });
      onDone();
      return null;
    } catch (e) {
      setError(e);
      return e;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
