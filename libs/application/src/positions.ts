import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventEnvelope } from '@whistle/kernel';
import { SERVICES, ownerOf, type WriteService } from '@whistle/contracts';

/**
 * Where a command left things: the last event it recorded (or, when it recorded nothing, the
 * stream's last event), named by its service, stream, revision and event id, with its case.
 *
 * Not a store's global position: in the distributed mode a writer's events reach each consumer
 * over several Kafka partitions, so no consumer handles a store's global order contiguously and a
 * global position cannot be compared with what it has handled. What consumers do record is the
 * event ids they have dealt with (each writer's processed log) and, per view, the last revision
 * applied from each stream (the read side's views): a position is checked against exactly those,
 * which outlive restarts and do not care how the partitions interleave.
 */
export interface Position {
  readonly service: WriteService;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly caseId: string;
}

/** The position of a recorded event; null for a type no writing service owns. */
export function positionOf(event: EventEnvelope): Position | null {
  const service = ownerOf(event.type);
  if (!service) return null;
  return { service, streamId: event.streamId, revision: event.revision, eventId: event.eventId, caseId: event.caseId };
}

const VERSION = 'p1.';
const MAX_TOKEN = 1_024;
const MAX_PART = 300;

/** The opaque token a command answers with (`position`, and the `Position` header): `p1.` and base64url JSON. */
export function encodePosition(position: Position): string {
  const { service, streamId, revision, eventId, caseId } = position;
  return `${VERSION}${Buffer.from(JSON.stringify([service, streamId, revision, eventId, caseId]), 'utf8').toString('base64url')}`;
}

/** A token that is not one `encodePosition` makes; the reason says what is wrong with it. */
export class InvalidPosition extends Error {
  override readonly name = 'InvalidPosition';
}

export function decodePosition(token: string): Position {
  if (token.length > MAX_TOKEN) throw new InvalidPosition(`a position is at most ${MAX_TOKEN} characters`);
  if (!token.startsWith(VERSION) || !/^[A-Za-z0-9_-]+$/.test(token.slice(VERSION.length))) {
    throw new InvalidPosition('not a position a command answered with (p1. followed by base64url)');
  }
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(token.slice(VERSION.length), 'base64url').toString('utf8'));
  } catch {
    throw new InvalidPosition('the position does not decode');
  }
  if (!Array.isArray(parts) || parts.length !== 5) throw new InvalidPosition('the position does not decode');
  const [service, streamId, revision, eventId, caseId] = parts as unknown[];
  const text = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_PART;
  if (typeof service !== 'string' || !(SERVICES as readonly string[]).includes(service)) throw new InvalidPosition('the position names no writing service');
  if (!text(streamId) || !text(eventId) || !text(caseId)) throw new InvalidPosition('the position does not decode');
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) throw new InvalidPosition('the position’s revision is not a revision');
  return { service: service as WriteService, streamId, revision, eventId, caseId };
}

/** How long a request may wait for a position or for an id its service learns of from others, unless it says (Prefer: wait=…). */
export const DEFAULT_WAIT_MS = 5_000;
/** The longest a request may ask to wait. */
export const MAX_WAIT_MS = 30_000;

/** What a request asks of the service's progress: a position to reflect first, and how long it may wait. */
export interface Consistency {
  /** After-Position: answer only once what this names is reflected; null when the caller did not ask. */
  readonly after: Position | null;
  /** how long the request may wait, from `since` */
  readonly waitMs: number;
  /** when the request came (Date.now()) */
  readonly since: number;
}

const storage = new AsyncLocalStorage<Consistency>();

/** Runs the handling of one request with what it asks (the HTTP layer parses the headers). */
export function runWithConsistency<T>(consistency: Consistency, work: () => T): T {
  return storage.run(consistency, work);
}

/** What the request being handled asks; outside a request, nothing but the default wait from now. */
export function currentConsistency(): Consistency {
  return storage.getStore() ?? { after: null, waitMs: DEFAULT_WAIT_MS, since: Date.now() };
}
