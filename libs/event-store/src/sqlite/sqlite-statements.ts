import type Database from 'better-sqlite3';
import type { EventRow, NewEventRow } from './sqlite-schema';

/** Every statement the store runs, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare<[NewEventRow]>(
      `INSERT INTO events (stream_id, revision, event_id, type, case_id, data, actor, occurred_at, recorded_at,
                           correlation_id, causation_id, prev_hash, hash)
       VALUES (@stream_id, @revision, @event_id, @type, @case_id, @data, @actor, @occurred_at, @recorded_at,
               @correlation_id, @causation_id, @prev_hash, @hash)`,
    ),
    tail: db.prepare<[string], { revision: number; hash: string }>(
      'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    ),
    stream: db.prepare<[string, number, number], EventRow>(
      'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    ),
    all: db.prepare<[bigint, number], EventRow>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
    head: db.prepare<[], { position: number }>('SELECT position FROM events ORDER BY position DESC LIMIT 1'),
    locate: db.prepare<[string], { stream_id: string; revision: number }>(
      'SELECT stream_id, revision FROM events WHERE event_id = ?',
    ),
    checkpoint: db.prepare<[string], { position: number }>(
      'SELECT position FROM subscription_checkpoints WHERE subscription_id = ?',
    ),
    saveCheckpoint: db.prepare<[{ id: string; position: bigint; at: string }]>(
      `INSERT INTO subscription_checkpoints (subscription_id, position, updated_at) VALUES (@id, @position, @at)
       ON CONFLICT (subscription_id) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
