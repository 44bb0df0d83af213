import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { EventEnvelope, EventToAppend } from './envelope';

/** The prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

type Unsealed = Omit<EventEnvelope, 'hash'>;

/**
 * Where an envelope this process sealed, or read back from its stored text, keeps that text: the
 * canonical JSON is made once per event, when it is sealed, and a store keeps that very text, so
 * neither a reader nor a verifier makes it again. A non-enumerable property: JSON, spreads and
 * equality checks do not see it, so a changed copy (`{ ...e, data }`) has none and is made afresh,
 * and an edit can never borrow the original's text. (A WeakMap did the same at twice the cost: its
 * entries slow every garbage collection.)
 */
const BODY = Symbol('sealedBody');

function remember<T extends object>(envelope: T, body: string): T {
  Object.defineProperty(envelope, BODY, { value: body });
  return envelope;
}

/**
 * The sealed body (封存正文) of an event: the canonical JSON of every member but `hash`. The hash
 * covers `prevHash` followed by exactly this text, and a store records exactly this text.
 */
export function sealedBody(envelope: Unsealed): string {
  return (envelope as { [BODY]?: string })[BODY] ?? canonicalJson(envelope, 'hash');
}

/** SHA-256 (hex) of `prevHash` followed by the sealed body. */
export function hashOf(envelope: Unsealed): string {
  return digest(envelope.prevHash, sealedBody(envelope));
}

/** The chain's hash function, on the texts themselves: what an offline verifier recomputes. */
export function digest(prevHash: string, body: string): string {
  return hash('sha256', prevHash + body, 'hex');
}

/** What a store keeps beside the body, to stand in for a body that no longer reads as an event. */
export interface StoredColumns {
  readonly eventId: string;
  readonly type: string;
  readonly caseId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly prevHash?: string;
}

/**
 * The envelope a store's record holds: its sealed body parsed, and its hash, which the body
 * cannot hold. The body is remembered for the envelope, so verifying it hashes the stored text
 * as it is. A body that is no longer a JSON object (edited behind the store's back) gives the
 * stored columns, empty values for what only the body held, and the bare text as its data, so verification names that one event instead of the read failing.
 */
export function envelopeOfBody(body: string, hash: string, stored: StoredColumns): EventEnvelope {
  let envelope: EventEnvelope;
  try {
    const b = JSON.parse(body) as Unsealed;
    if (typeof b !== 'object' || b === null || Array.isArray(b)) throw new TypeError('a sealed body is a JSON object');
    envelope = {
      eventId: b.eventId,
      type: b.type,
      data: b.data,
      caseId: b.caseId,
      occurredAt: b.occurredAt,
      actor: b.actor,
      correlationId: b.correlationId,
      causationId: b.causationId,
      streamId: b.streamId,
      revision: b.revision,
      recordedAt: b.recordedAt,
      prevHash: b.prevHash,
      hash,
    };
  } catch {
    envelope = {
      ...stored,
      data: body,
      occurredAt: '',
      actor: { id: '', role: 'system' },
      correlationId: '',
      causationId: null,
      recordedAt: '',
      prevHash: stored.prevHash ?? '',
      hash,
    };
  }
  return remember(envelope, body);
}

/** Gives an event its place in a stream and chains it to the event before it. */
export function seal(
  event: EventToAppend,
  place: { streamId: string; revision: number; recordedAt: string; prevHash: string },
): EventEnvelope {
  // Made whole at once, its hash filled in last: a spread into a second object cost more than the hash.
  const sealed: { -readonly [K in keyof EventEnvelope]: EventEnvelope[K] } = {
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
    hash: '',
  };
  const body = canonicalJson(sealed, 'hash');
  sealed.hash = digest(place.prevHash, body);
  return remember(sealed, body);
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

/**
 * Whether a stream's chain holds, checked on its stored texts alone: each sealed body hashed
 * after the hash before it must give its own hash, and must end with its revision and this
 * stream. No text is parsed and nothing is made again, so it runs at the speed of SHA-256.
 *
 * The canonical body's last members are `prevHash`, `recordedAt`, `revision`, `streamId` and
 * `type` (keys sort so): its end must name the hash before it, its revision and this stream, and
 * `digest(hash before, body)` must give its hash. Every event so, in revision order from the
 * genesis hash, shows nothing was altered, inserted or removed, except at the end, which only a
 * head kept elsewhere shows. When it does not hold, `verifyStream` on the envelopes names each
 * break. One thing only parsing would show: a body that is not JSON between its first character
 * and that end. Such a body passes only if someone also made every later hash again, which the
 * envelope check cannot see either (it takes the hashes as given); the audit's heads show it.
 */
export function chainHolds(streamId: string, records: Iterable<readonly [body: string, hash: string]>): { readonly holds: boolean; readonly checked: number } {
  const stream = JSON.stringify(streamId);
  let prevHash = GENESIS_HASH;
  let revision = 0;
  for (const [body, hash] of records) {
    if (digest(prevHash, body) !== hash || !endsAsSealedAt(body, prevHash, revision, stream)) return { holds: false, checked: revision + 1 };
    prevHash = hash;
    revision += 1;
  }
  return { holds: true, checked: revision };
}

/**
 * The body is an object ending `,"prevHash":"<the hash before>","recordedAt":"…","revision":<n>,
 * "streamId":<stream>,"type":"…"}`. Only the top level can end so: inside a JSON string the quotes
 * would be escaped, and a nested object closes before the top level's own last members. Checked
 * by position, with no text made per event: it runs once per event of every verification.
 */
function endsAsSealedAt(body: string, prevHash: string, revision: number, stream: string): boolean {
  if (body.charCodeAt(0) !== 0x7b) return false; // '{'
  let at = body.lastIndexOf(PREV_HASH_KEY);
  if (at < 0 || !body.startsWith(prevHash, (at += PREV_HASH_KEY.length))) return false;
  if (!body.startsWith(RECORDED_AT_KEY, (at += prevHash.length))) return false;
  at = endOfString(body, at + RECORDED_AT_KEY.length - 1);
  if (at < 0 || !body.startsWith(REVISION_KEY, at)) return false;
  const digits = String(revision);
  if (!body.startsWith(digits, (at += REVISION_KEY.length))) return false;
  if (!body.startsWith(STREAM_ID_KEY, (at += digits.length))) return false;
  if (!body.startsWith(stream, (at += STREAM_ID_KEY.length))) return false;
  if (!body.startsWith(TYPE_KEY, (at += stream.length))) return false;
  at = endOfString(body, at + TYPE_KEY.length);
  return at === body.length - 1 && body.charCodeAt(at) === 0x7d; // '}'
}

const PREV_HASH_KEY = ',"prevHash":"';
const RECORDED_AT_KEY = '","recordedAt":"';
const REVISION_KEY = ',"revision":';
const STREAM_ID_KEY = ',"streamId":';
const TYPE_KEY = ',"type":';

/**
 * Where the JSON string opening with the quote at `from` ends (the index after its closing quote),
 * or -1 when there is no string there. Inside it a quote or backslash comes only escaped, and an
 * escape never takes a line break; the characters between escapes may be anything.
 */
function endOfString(text: string, from: number): number {
  if (text.charCodeAt(from) !== 0x22) return -1; // '"'
  for (let i = from + 1; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      // '\': the next character is escaped, and may not be a line break
      const next = text.charCodeAt(i + 1);
      if (Number.isNaN(next) || next === 0x0a || next === 0x0d || next === 0x2028 || next === 0x2029) return -1;
      i += 1;
    }
  }
  return -1;
}
