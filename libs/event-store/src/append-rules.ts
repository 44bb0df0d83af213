import type { EventToAppend } from '@whistle/kernel';
import { DuplicateEventId, InvalidAppend, WrongExpectedRevision } from './errors';
import type { AppendResult, ExpectedRevision, PositionedEvent } from './event-store.port';

/**
 * KurrentDB keeps `$` names for itself and its adapter keeps `event-store.` streams for claims and
 * checkpoints; every adapter refuses them so a stream that works on one works on all.
 */
export const RESERVED_STREAM_PREFIXES = ['$', 'event-store.'] as const;

/** The stream's current state: the revision of its last event, or no_stream. */
export type StreamState = number | 'no_stream';

/** Refuses what no store could append, before anything is read or written. */
export function assertAppendable(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): void {
  if (streamId === '') throw new InvalidAppend(streamId, 'the stream id is empty');
  const reserved = RESERVED_STREAM_PREFIXES.find((prefix) => streamId.startsWith(prefix));
  if (reserved) throw new InvalidAppend(streamId, `stream ids starting with "${reserved}" are reserved for the store`);
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new InvalidAppend(streamId, `expected revision ${expected} is not a revision (0, 1, 2, …), 'no_stream' or 'any'`);
  }
  if (events.length === 0) throw new InvalidAppend(streamId, 'the batch is empty: an append needs at least one event');
  const seen = new Set<string>();
  for (const event of events) {
    if (event.eventId === '') throw new InvalidAppend(streamId, `an event of type ${event.type} has no id`);
    if (event.type.startsWith('$')) throw new InvalidAppend(streamId, `event type ${event.type}: "$" types are reserved`);
    if (seen.has(event.eventId)) throw new DuplicateEventId(event.eventId, streamId, null);
    seen.add(event.eventId);
  }
}

export function checkExpected(streamId: string, expected: ExpectedRevision, actual: StreamState): void {
  if (expected !== 'any' && expected !== actual) throw new WrongExpectedRevision(streamId, expected, actual);
}

/** What a retry needs to find the first attempt's result. */
export interface AppendHistory {
  /** Where an event id is recorded, if anywhere. */
  locate(eventId: string): Promise<{ streamId: string; revision: number } | null>;
  readPositioned(streamId: string, fromRevision: number, maxCount: number): Promise<PositionedEvent[]>;
}

/**
 * Runs `write`, and when it fails because the stream moved on or an id is taken, looks whether
 * the batch is already recorded as the stream's events at exactly the revisions `expected`
 * gave them: a retry of an append that succeeded, answered with the first result (as KurrentDB
 * does with event ids). Otherwise the error stands.
 */
export async function appendOrReplay(
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  history: AppendHistory,
  write: () => Promise<AppendResult>,
): Promise<AppendResult> {
  assertAppendable(streamId, events, expected);
  try {
    return await write();
  } catch (error) {
    if (error instanceof WrongExpectedRevision || (error instanceof DuplicateEventId && error.existing)) {
      const original = await originalResult(streamId, events, expected, history);
      if (original) return original;
    }
    throw error;
  }
}

async function originalResult(
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  history: AppendHistory,
): Promise<AppendResult | null> {
  const first = events[0];
  if (!first) return null;
  const found = await history.locate(first.eventId);
  if (!found || found.streamId !== streamId) return null;
  const due = expected === 'any' ? found.revision : expected === 'no_stream' ? 0 : expected + 1;
  if (found.revision !== due) return null;
  const stored = await history.readPositioned(streamId, found.revision, events.length);
  const same = stored.length === events.length && stored.every((s, i) => s.event.eventId === events[i]?.eventId);
  return same ? resultOf(stored) : null;
}

/** The result of an append that recorded these events, in order. */
export function resultOf(recorded: readonly PositionedEvent[]): AppendResult {
  const last = recorded.at(-1);
  if (!last) throw new Error('an append records at least one event');
  return { events: recorded.map((r) => r.event), nextExpectedRevision: last.event.revision, position: last.position };
}
