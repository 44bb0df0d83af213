import type Database from 'better-sqlite3';
import { canonicalJson, envelopeOfBody, type EventEnvelope } from '@whistle/kernel';

/**
 * One table per concern, readable with any SQLite client. `events` is the record: one row per
 * event whose `body` is the event's sealed body, the exact canonical JSON its hash covers, so the
 * text is made once, when the event is sealed, and verifying a row hashes the row as it is. The
 * stored columns beside it are what the store looks events up by; the generated columns after
 * them show the body's parts to a person with a SQLite client and cannot be edited apart from it.
 * `events_by_case` finds the streams of a case (the audit's reads of one case) without reading
 * the file; a file made before it gets it when its writer next opens it, and until then a reader's
 * look-up reads the whole table. `subscription_checkpoints` says how far each subscription got.
 * `idempotency_keys` names, per caller and Idempotency-Key, the batch an HTTP command recorded,
 * written in the batch's own transaction (the file's writer adds it when it opens an older file);
 * nothing of the request's body is kept there, since the record is kept for ever. AUTOINCREMENT keeps a position
 * from ever being handed out twice, even after the last row is deleted, so a checkpoint can never
 * point past an event it has not seen.
 *
 * Version 1 kept `data`, `actor` and the other members in columns of their own, and every reader
 * and verifier made the canonical text again from them; `migrateToVersion2` moves such a file.
 */
export const SCHEMA_VERSION = 2;

const EVENTS_TABLE = (name: string) => `
CREATE TABLE IF NOT EXISTS ${name} (
  position       INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id      TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  event_id       TEXT    NOT NULL UNIQUE,
  type           TEXT    NOT NULL,
  case_id        TEXT    NOT NULL,
  body           TEXT    NOT NULL,
  hash           TEXT    NOT NULL,
  data           TEXT    GENERATED ALWAYS AS (json_extract(body, '$.data')) VIRTUAL,
  actor          TEXT    GENERATED ALWAYS AS (json_extract(body, '$.actor')) VIRTUAL,
  occurred_at    TEXT    GENERATED ALWAYS AS (json_extract(body, '$.occurredAt')) VIRTUAL,
  recorded_at    TEXT    GENERATED ALWAYS AS (json_extract(body, '$.recordedAt')) VIRTUAL,
  correlation_id TEXT    GENERATED ALWAYS AS (json_extract(body, '$.correlationId')) VIRTUAL,
  causation_id   TEXT    GENERATED ALWAYS AS (json_extract(body, '$.causationId')) VIRTUAL,
  prev_hash      TEXT    GENERATED ALWAYS AS (json_extract(body, '$.prevHash')) VIRTUAL,
  UNIQUE (stream_id, revision)
);`;

export const SCHEMA = `${EVENTS_TABLE('events')}
CREATE INDEX IF NOT EXISTS events_by_case ON events (case_id, stream_id);
CREATE TABLE IF NOT EXISTS subscription_checkpoints (
  subscription_id TEXT    PRIMARY KEY,
  position        INTEGER NOT NULL,
  updated_at      TEXT    NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS idempotency_keys (
  scope          TEXT    NOT NULL,
  key            TEXT    NOT NULL,
  stream_id      TEXT    NOT NULL,
  first_revision INTEGER NOT NULL,
  event_count    INTEGER NOT NULL,
  PRIMARY KEY (scope, key, stream_id)
) WITHOUT ROWID;
`;

/** The stored columns, named: a generated column fails to read when its body is no longer JSON. */
export const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, case_id, body, hash';

/** A row of the stored columns, in EVENT_COLUMNS order, as the store reads it. */
export type EventTuple = readonly [
  position: number,
  streamId: string,
  revision: number,
  eventId: string,
  type: string,
  caseId: string,
  body: string,
  hash: string,
];

interface EventRow {
  readonly position: number;
  readonly stream_id: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly case_id: string;
  readonly body: string;
  readonly hash: string;
}

/**
 * The envelope the row's body holds. A body that is no longer an event was changed behind the
 * store's back: the columns stand in for it, so verification can name the one altered event.
 */
export function fromRow(row: EventTuple): EventEnvelope {
  const [, streamId, revision, eventId, type, caseId, body, hash] = row;
  return envelopeOfBody(body, hash, { eventId, type, caseId, streamId, revision });
}

/** A version 1 row: the stored columns but the body, and the members in columns of their own. */
interface Version1Row extends Omit<EventRow, 'body'> {
  readonly data: string;
  readonly actor: string;
  readonly occurred_at: string;
  readonly recorded_at: string;
  readonly correlation_id: string;
  readonly causation_id: string | null;
  readonly prev_hash: string;
}

/**
 * Moves a version 1 file to version 2 in one transaction: every row is copied, at its position,
 * with the sealed body made from its columns exactly as the version 1 verifier made it, so a row
 * verifies after the move if and only if it verified before it (an edited row stays edited and is
 * still named by verification); the hash is copied as it is. The position counter is kept, so no
 * position is ever handed out twice. Nothing is left behind: the old table goes only once its
 * copy is complete, in the same transaction.
 */
export function migrateToVersion2(db: Database.Database): number {
  const move = db.transaction(() => {
    // Read again under the write lock: another writer may have moved the file while this one waited,
    // and reading version 2's generated columns as version 1's would unquote strings in the data.
    if ((db.pragma('user_version', { simple: true }) as number) >= SCHEMA_VERSION) return 0;
    db.exec(EVENTS_TABLE('events_v2'));
    const insert = db.prepare<[EventRow]>(
      `INSERT INTO events_v2 (${EVENT_COLUMNS}) VALUES (@position, @stream_id, @revision, @event_id, @type, @case_id, @body, @hash)`,
    );
    const page = db.prepare<[number], Version1Row>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT 1000');
    let moved = 0;
    for (let rows = page.all(-1); rows.length > 0; rows = page.all(rows.at(-1)?.position ?? Infinity)) {
      for (const row of rows) {
        const { position, stream_id, revision, event_id, type, case_id, hash } = row;
        insert.run({ position, stream_id, revision, event_id, type, case_id, hash, body: canonicalJson(version1Unsealed(row)) });
      }
      moved += rows.length;
    }
    const counted = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events_v2').get()?.n;
    if (counted !== moved) throw new Error(`migration to version 2 copied ${counted} of ${moved} events; nothing was changed`);
    const sequence = db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get();
    db.exec('DROP TABLE events; ALTER TABLE events_v2 RENAME TO events;');
    if (sequence && db.prepare("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'events'").run(sequence.seq).changes === 0) {
      // No row was copied, so the new table has no counter yet: give it the old one.
      db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('events', ?)").run(sequence.seq);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    return moved;
  });
  return move.immediate();
}

/** What version 1's verifier hashed: the envelope rebuilt from the columns, without its hash. */
function version1Unsealed(row: Version1Row): Record<string, unknown> {
  return {
    eventId: row.event_id,
    type: row.type,
    data: parseStored(row.data),
    caseId: row.case_id,
    occurredAt: row.occurred_at,
    actor: parseStored(row.actor),
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    streamId: row.stream_id,
    revision: row.revision,
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
  };
}

function parseStored(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
