import { useEffect, useRef, useState } from 'react';
import { useSignedIn } from '../session/session';
import { signalUnauthorized } from './client';
import type { CaseStatus, Level } from './types';

/** One change the read side streams: enough to update a row, or to know to load it again. */
export interface LiveCaseChange {
  readonly id: string;
  readonly status: CaseStatus;
  readonly level: Level | null;
  /** the case view's revision: how many events it has applied */
  readonly revision: number;
  /** send as After-Position to read the case at least as it was then */
  readonly position: string | null;
  readonly updatedAt: string;
}

export interface LiveCases {
  /** `live`: the stream is open and the read side said it is ready; `lost`: it was, and is being opened again */
  readonly status: 'connecting' | 'live' | 'lost';
}

export interface LiveCasesOptions {
  /** changes that come within this many ms of the first are handed on together (one reload for a burst); 250 */
  readonly settleMs?: number;
  /** false to stay disconnected */
  readonly enabled?: boolean;
}

const STREAM = '/api/query/cases/events';
const MOST_BACKOFF_MS = 30_000;

/**
 * Hears the read side's live stream of the cases the signed-in user may see (scoped as the case
 * list is) and hands `onChanges` what changed, a burst at a time. After the stream was lost and
 * opened again it hands on an empty list: something may have been missed, so load again.
 *
 * Read with fetch and a stream reader, not EventSource, so the bearer token stays in a header and
 * never in a URL; it reconnects by itself, backing off up to 30 s, and ends the session on a 401.
 */
export function useLiveCases(onChanges: (changes: readonly LiveCaseChange[]) => void, options: LiveCasesOptions = {}): LiveCases {
  const { token } = useSignedIn();
  const { settleMs = 250, enabled = true } = options;
  const [status, setStatus] = useState<LiveCases['status']>('connecting');
  const latest = useRef(onChanges);
  useEffect(() => {
    latest.current = onChanges;
  });

  useEffect(() => {
    if (!enabled) return;
    const stop = new AbortController();
    let pending: LiveCaseChange[] = [];
    let flush: ReturnType<typeof setTimeout> | null = null;
    const hand = (change: LiveCaseChange | null) => {
      if (change) pending.push(change);
      flush ??= setTimeout(() => {
        flush = null;
        const changes = pending;
        pending = [];
        latest.current(changes);
      }, change ? settleMs : 0);
    };

    const run = async () => {
      for (let attempt = 0, opened = 0; !stop.signal.aborted; attempt += 1) {
        try {
          const response = await fetch(STREAM, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, cache: 'no-store', signal: stop.signal });
          if (response.status === 401) {
            signalUnauthorized();
            return;
          }
          if (!response.ok || !response.body) throw new Error(`the live stream answered ${response.status}`);
          await readEvents(response.body, stop.signal, (event, data) => {
            if (event === 'ready') {
              attempt = 0;
              opened += 1;
              setStatus('live');
              // Whatever changed while the stream was away: load again.
              if (opened > 1) hand(null);
            } else if (event === 'case') {
              hand(data as LiveCaseChange);
            }
          });
        } catch {
          // A stream that could not open or broke off: open it again after the backoff.
          if (stop.signal.aborted) return;
        }
        if (opened > 0) setStatus('lost');
        await pause(Math.min(MOST_BACKOFF_MS, 1_000 * 2 ** Math.min(attempt, 5)), stop.signal);
      }
    };
    void run();
    return () => {
      stop.abort();
      if (flush) clearTimeout(flush);
      setStatus('connecting');
    };
  }, [token, enabled, settleMs]);

  return { status };
}

/** Reads text/event-stream frames until the stream ends, handing each named event and its JSON data on. */
async function readEvents(body: ReadableStream<Uint8Array>, signal: AbortSignal, onEvent: (event: string, data: unknown) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of frame.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        if (data.length > 0) onEvent(event, JSON.parse(data.join('\n')) as unknown);
      }
    }
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
