import { createHash } from 'node:crypto';
import type { EventData, JSONType, RecordedEvent } from '@kurrent/kurrentdb-client';
import { kurrent } from './kurrent-driver';
import type { EventEnvelope } from '@whistle/kernel';

/**
 * How envelopes and the store's bookkeeping look in KurrentDB. An envelope's `data` is the event
 * data and everything else is the metadata, one string per member (multi-stream appends carry
 * metadata as string properties only), so the server's UI shows them plainly.
 */

/** One stream per event id, written in the same transaction as the event: KurrentDB has no unique index on ids. */
export const claimStream = (eventId: string) => `event-store.claim-${eventId}`;
/**
 * One stream per caller and Idempotency-Key, one record per batch the key came with, written in
 * the same transaction as the batch: KurrentDB looks a stream up by its name, so finding a key
 * reads one short stream.
 * The name hashes the pair: a key may hold characters a stream name should not.
 */
export const idempotencyStream = (scope: string, key: string) =>
  `event-store.idempotency-${createHash('sha256').update(JSON.stringify([scope, key])).digest('hex')}`;
export const checkpointStream = (subscriptionId: string) => `event-store.checkpoint-${subscriptionId}`;
export const CLAIM_PREFIX = claimStream('');
const BOOKKEEPING_PREFIX = 'event-store.';

export interface Claim {
  readonly streamId: string;
  readonly revision: number;
}

/** What readAll shows: no system streams or types, none of the store's own streams. */
export function isVisible(recorded: RecordedEvent): boolean {
  return !recorded.streamId.startsWith('$') && !recorded.streamId.startsWith(BOOKKEEPING_PREFIX) && !recorded.type.startsWith('$');
}

/** What the idempotency stream holds: the key's batch, where it starts and how many events it has. */
export interface KeyRecord {
  readonly scope: string;
  readonly key: string;
  readonly streamId: string;
  readonly firstRevision: number;
  readonly count: number;
}

export function keyData(record: KeyRecord): EventData {
  return kurrent().jsonEvent({ type: 'event-store.IdempotencyKeyUsed', data: { ...record } });
}

export function toKeyRecord(recorded: RecordedEvent): KeyRecord {
  const data = (recorded.isJson ? recorded.data : parseBytes(recorded.data)) as Partial<KeyRecord>;
  const { scope, key, streamId, firstRevision, count } = data;
  if (typeof scope !== 'string' || typeof key !== 'string' || typeof streamId !== 'string' || typeof firstRevision !== 'number' || typeof count !== 'number') {
    throw new Error(`${recorded.streamId}@${recorded.revision} is not an idempotency key record`);
  }
  return { scope, key, streamId, firstRevision, count };
}

/**
 * The event's record; `idempotency`, on the batch's events, puts the caller's scope and key in
 * their metadata too, so the events themselves say which request recorded them (nothing of the
 * request's body: the events are kept for ever).
 */
export function toEventData(e: EventEnvelope, idempotency?: { readonly scope: string; readonly key: string }): EventData {
  const metadata: Record<string, string> = {
    eventId: e.eventId,
    caseId: e.caseId,
    occurredAt: e.occurredAt,
    actor: JSON.stringify(e.actor),
    correlationId: e.correlationId,
    ...(e.causationId === null ? {} : { causationId: e.causationId }),
    streamId: e.streamId,
    revision: String(e.revision),
    recordedAt: e.recordedAt,
    prevHash: e.prevHash,
    hash: e.hash,
    ...(idempotency ? { idempotencyScope: idempotency.scope, idempotencyKey: idempotency.key } : {}),
  };
  return kurrent().jsonEvent({ id: kurrentIdOf(e.eventId), type: e.type, data: e.data as JSONType, metadata });
}

export function claimData(claim: Claim): EventData {
  // A fresh record id: a derived one would let KurrentDB's own id-based idempotency accept a
  // second claim silently instead of reporting the stream as taken.
  return kurrent().jsonEvent({ type: 'event-store.EventIdClaimed', data: { streamId: claim.streamId, revision: claim.revision } });
}

/** The envelope a recorded event carries, or null for an event this store did not write. */
export function toEnvelope(recorded: RecordedEvent): EventEnvelope | null {
  const meta = asRecord(recorded.metadata);
  const { eventId, caseId, occurredAt, actor, correlationId, causationId, streamId, revision, recordedAt, prevHash, hash } = meta;
  if (
    eventId === undefined ||
    caseId === undefined ||
    occurredAt === undefined ||
    actor === undefined ||
    correlationId === undefined ||
    streamId === undefined ||
    revision === undefined ||
    recordedAt === undefined ||
    prevHash === undefined ||
    hash === undefined
  ) {
    return null;
  }
  return {
    eventId,
    type: recorded.type,
    data: recorded.isJson ? recorded.data : parseBytes(recorded.data),
    caseId,
    occurredAt,
    actor: JSON.parse(actor) as EventEnvelope['actor'],
    correlationId,
    causationId: causationId ?? null,
    streamId,
    revision: Number(revision),
    recordedAt,
    prevHash,
    hash,
  };
}

export function toClaim(recorded: RecordedEvent): Claim {
  const data = (recorded.isJson ? recorded.data : parseBytes(recorded.data)) as Partial<Claim>;
  if (typeof data.streamId !== 'string' || typeof data.revision !== 'number') {
    throw new Error(`${recorded.streamId}@${recorded.revision} is not an event id claim`);
  }
  return { streamId: data.streamId, revision: data.revision };
}

/**
 * KurrentDB wants a UUID for every event. Ours usually are; any other id maps to a UUID made
 * from its SHA-1 (the shape of a version 5 UUID), the same every time, so a retry keeps its id.
 */
export function kurrentIdOf(eventId: string): string {
  if (UUID.test(eventId)) return eventId.toLowerCase();
  const hex = createHash('sha1').update(`whistle event id:${eventId}`).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Metadata members as strings; the client hands back parsed JSON, or bytes when it is not JSON. */
function asRecord(metadata: unknown): Partial<Record<string, string>> {
  const value = metadata instanceof Uint8Array ? parseBytes(metadata) : metadata;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const strings: Partial<Record<string, string>> = {};
  for (const [key, member] of Object.entries(value)) if (typeof member === 'string') strings[key] = member;
  return strings;
}

function parseBytes(bytes: unknown): unknown {
  if (!(bytes instanceof Uint8Array)) return bytes;
  const text = Buffer.from(bytes).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
