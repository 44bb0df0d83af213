import type { EventEnvelope } from '@whistle/kernel';

/**
 * One table per concern, readable with any SQLite client: `events` is the record, one row per
 * event with its JSON in TEXT columns, and `subscription_checkpoints` says how far each
 * subscription got. AUTOINCREMENT keeps a position from ever being handed out twice, even after
 * the last row is deleted, so a checkpoint can never point past an event it has not seen.
 */
export const SCHEMA_VERSION = 1;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id      TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  event_id       TEXT    NOT NULL UNIQUE,
  type           TEXT    NOT NULL,
  case_id        TEXT    NOT NULL,
  data           TEXT    NOT NULL,
  actor          TEXT    NOT NULL,
  occurred_at    TEXT    NOT NULL,
  recorded_at    TEXT    NOT NULL,
  correlation_id TEXT    NOT NULL,
  causation_id   TEXT,
  prev_hash      TEXT    NOT NULL,
  hash           TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE TABLE IF NOT EXISTS subscription_checkpoints (
  subscription_id TEXT    PRIMARY KEY,
  position        INTEGER NOT NULL,
  updated_at      TEXT    NOT NULL
) WITHOUT ROWID;
`;

export interface EventRow {
  readonly position: number;
  readonly stream_id: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly case_id: string;
  readonly data: string;
  readonly actor: string;
  readonly occurred_at: string;
  readonly recorded_at: string;
  readonly correlation_id: string;
  readonly causation_id: string | null;
  readonly prev_hash: string;
  readonly hash: string;
}

export type NewEventRow = Omit<EventRow, 'position'>;

export function toRow(e: EventEnvelope): NewEventRow {
  return {
    stream_id: e.streamId,
    revision: e.revision,
    event_id: e.eventId,
    type: e.type,
    case_id: e.caseId,
    data: JSON.stringify(e.data),
    actor: JSON.stringify(e.actor),
    occurred_at: e.occurredAt,
    recorded_at: e.recordedAt,
    correlation_id: e.correlationId,
    causation_id: e.causationId,
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

/** Rebuilds the envelope with the members in the order the kernel seals them. */
export function fromRow(row: EventRow): EventEnvelope {
  return {
    eventId: row.event_id,
    type: row.type,
    data: parseStored(row.data),
    caseId: row.case_id,
    occurredAt: row.occurred_at,
    actor: parseStored(row.actor) as EventEnvelope['actor'],
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    streamId: row.stream_id,
    revision: row.revision,
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Text that is no longer JSON was changed behind the store's back. It comes back as the bare
 * text rather than failing the whole read, so verification can name the one altered event.
 */
function parseStored(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
