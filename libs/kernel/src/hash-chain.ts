import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { EventEnvelope, EventToAppend } from './envelope';

/** The prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export function hashOf(envelope: Omit<EventEnvelope, 'hash'>): string {
  const { prevHash } = envelope;
  const body = { ...envelope } as Record<string, unknown>;
  delete body['hash'];
  return createHash('sha256')
    .update(prevHash + canonicalJson(body))
    .digest('hex');
}

/** Gives an event its place in a stream and chains it to the event before it. */
export function seal(
  event: EventToAppend,
  place: { streamId: string; revision: number; recordedAt: string; prevHash: string },
): EventEnvelope {
  const unsealed: Omit<EventEnvelope, 'hash'> = {
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    caseId: event.caseId,
    occurredAt: event.occurredAt,
    actor: event.actor,
    correlationId: event.correlationId,
    causationId: event.causationId,
    streamId: place.streamId,
    revision: place.revision,
    recordedAt: place.recordedAt,
    prevHash: place.prevHash,
  };
  return { ...unsealed, hash: hashOf(unsealed) };
}

/** Seals a batch appended after `last` (or at the start of the stream when there is none). */
export function sealBatch(
  streamId: string,
  events: readonly EventToAppend[],
  last: { revision: number; hash: string } | null,
  recordedAt: string,
): EventEnvelope[] {
  let revision = last ? last.revision : -1;
  let prevHash = last ? last.hash : GENESIS_HASH;
  return events.map((event) => {
    revision += 1;
    const sealed = seal(event, { streamId, revision, recordedAt, prevHash });
    prevHash = sealed.hash;
    return sealed;
  });
}

export type ChainBreakKind =
  | 'hash_mismatch' // the event's content no longer gives its hash: it was altered
  | 'prev_hash_mismatch' // the event does not chain to the one before it: something removed or inserted
  | 'revision_gap' // revisions are not 0, 1, 2, …
  | 'foreign_stream'; // the event claims another stream

export interface ChainBreak {
  readonly kind: ChainBreakKind;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly expected: string;
  readonly actual: string;
  readonly message: string;
}

export interface ChainVerification {
  readonly streamId: string;
  readonly checked: number;
  readonly ok: boolean;
  readonly firstBreak: ChainBreak | null;
  readonly breaks: ChainBreak[];
}

/** Recomputes a stream's chain from its first event and names every break, the first apart. */
export function verifyStream(streamId: string, events: Iterable<EventEnvelope>): ChainVerification {
  const breaks: ChainBreak[] = [];
  let expectedRevision = 0;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const brk = (kind: ChainBreakKind, e: EventEnvelope, expected: string, actual: string, what: string) =>
    breaks.push({
      kind,
      streamId,
      revision: e.revision,
      eventId: e.eventId,
      expected,
      actual,
      message: `${streamId}@${e.revision} (event ${e.eventId}, ${e.type}): ${what}`,
    });
  for (const e of events) {
    checked += 1;
    if (e.streamId !== streamId) brk('foreign_stream', e, streamId, e.streamId, 'claims another stream');
    if (e.revision !== expectedRevision) {
      brk('revision_gap', e, String(expectedRevision), String(e.revision), `revision ${e.revision} where ${expectedRevision} was due`);
    }
    if (e.prevHash !== prevHash) {
      brk('prev_hash_mismatch', e, prevHash, e.prevHash, 'does not chain to the event before it (one was removed, inserted or altered)');
    }
    const recomputed = hashOf(e);
    if (recomputed !== e.hash) brk('hash_mismatch', e, recomputed, e.hash, 'its content does not match its hash (altered)');
    expectedRevision = e.revision + 1;
    prevHash = e.hash;
  }
  return { streamId, checked, ok: breaks.length === 0, firstBreak: breaks[0] ?? null, breaks };
}
