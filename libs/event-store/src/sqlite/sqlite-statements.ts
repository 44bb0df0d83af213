import type Database from 'better-sqlite3';
import { BOUND_LIMIT } from './open-sqlite';
import { EVENT_COLUMNS, type EventTuple } from './sqlite-schema';

/** Every statement the store runs, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare<[string, number, string, string, string, string, string]>(
      'INSERT INTO events (stream_id, revision, event_id, type, case_id, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    tail: db.prepare<[string], { revision: number; hash: string }>(
      'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    ),
    // Rows as arrays (better-sqlite3's raw mode): no object per row to build and throw away.
    stream: db
      .prepare<[string, number, number], EventTuple>(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ${BOUND_LIMIT}`)
      .raw(true),
    sealed: db.prepare<[string], [string, string]>('SELECT body, hash FROM events WHERE stream_id = ? ORDER BY revision').raw(true),
    all: db.prepare<[bigint, number], EventTuple>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position ${BOUND_LIMIT}`).raw(true),
    caseStreams: db.prepare<[string], [string]>('SELECT DISTINCT stream_id FROM events WHERE case_id = ? ORDER BY stream_id').raw(true),
    // The ids as one JSON array: one statement for any number of streams, each looked up by its index.
    streams: db
      .prepare<[string], EventTuple>(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id IN (SELECT value FROM json_each(?)) ORDER BY position`)
      .raw(true),
    head: db.prepare<[], { position: number }>('SELECT position FROM events ORDER BY position DESC LIMIT 1'),
    locate: db.prepare<[string], { stream_id: string; revision: number }>(
      'SELECT stream_id, revision FROM events WHERE event_id = ?',
    ),
    checkpoint: db.prepare<[string], { position: number }>(
      'SELECT position FROM subscription_checkpoints WHERE subscription_id = ?',
    ),
    saveCheckpoint: db.prepare<[string, bigint, string]>(
      `INSERT INTO subscription_checkpoints (subscription_id, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (subscription_id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;

/**
 * The Idempotency-Key statements, prepared apart: a read-only connection may open a file whose
 * writer has not yet added their table, and preparing them there would fail its start.
 */
export function prepareKeyStatements(db: Database.Database) {
  return {
    insertKey: db.prepare<[string, string, string, number, number]>(
      'INSERT INTO idempotency_keys (scope, key, stream_id, first_revision, event_count) VALUES (?, ?, ?, ?, ?)',
    ),
    keyed: db.prepare<[string, string], { stream_id: string; first_revision: number; event_count: number }>(
      'SELECT stream_id, first_revision, event_count FROM idempotency_keys WHERE scope = ? AND key = ?',
    ),
  };
}

export type KeyStatements = ReturnType<typeof prepareKeyStatements>;
