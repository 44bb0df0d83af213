import type Database from 'better-sqlite3';
import { toMillis, type Deadline } from '@whistle/kernel';
import { BOUND_LIMIT, openSqlite } from '@whistle/event-store';

export interface TrackedDeadline extends Deadline {
  readonly streamId: string;
  readonly attempts: number;
}

/**
 * The pending deadlines of a service's workflows, in the service's own SQLite file: what the
 * scheduler wakes up for. It is a projection of the event store (see `trackDeadlines`), so it
 * survives a restart and can be rebuilt.
 */
export class SqliteDeadlineTable {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(options: { file: string }) {
    this.db = openSqlite(options.file);
    this.db.exec(`CREATE TABLE IF NOT EXISTS deadlines (
      stream_id TEXT NOT NULL,
      deadline_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      due_at TEXT NOT NULL,
      due_ms INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_ms INTEGER NOT NULL,
      PRIMARY KEY (stream_id, deadline_id)
    );
    CREATE INDEX IF NOT EXISTS deadlines_next ON deadlines (next_attempt_ms);`);
    this.statements = {
      ofStream: this.db.prepare('SELECT deadline_id AS id, due_at AS dueAt FROM deadlines WHERE stream_id = ?'),
      remove: this.db.prepare('DELETE FROM deadlines WHERE stream_id = ? AND deadline_id = ?'),
      upsert: this.db.prepare(`INSERT INTO deadlines (stream_id, deadline_id, kind, due_at, due_ms, attempts, next_attempt_ms)
        VALUES (@streamId, @id, @kind, @dueAt, @dueMs, 0, @dueMs)
        ON CONFLICT (stream_id, deadline_id) DO UPDATE SET kind = excluded.kind, due_at = excluded.due_at, due_ms = excluded.due_ms,
          attempts = 0, next_attempt_ms = excluded.next_attempt_ms
        WHERE deadlines.due_at <> excluded.due_at`),
      due: this.db.prepare(
        `SELECT stream_id AS streamId, deadline_id AS id, kind, due_at AS dueAt, attempts FROM deadlines WHERE next_attempt_ms <= ? ORDER BY due_ms ${BOUND_LIMIT}`,
      ),
      backOff: this.db.prepare('UPDATE deadlines SET attempts = attempts + 1, next_attempt_ms = ? WHERE stream_id = ? AND deadline_id = ? AND due_at = ?'),
      all: this.db.prepare('SELECT stream_id AS streamId, deadline_id AS id, kind, due_at AS dueAt, attempts FROM deadlines ORDER BY due_ms'),
    };
  }

  /** Makes the table hold exactly these deadlines for the stream. */
  replace(streamId: string, deadlines: readonly Deadline[]): void {
    this.db.transaction(() => {
      const wanted = new Map(deadlines.map((d) => [d.id, d]));
      for (const row of this.statements.ofStream.all(streamId) as { id: string }[]) {
        if (!wanted.has(row.id)) this.statements.remove.run(streamId, row.id);
      }
      for (const d of deadlines) this.statements.upsert.run({ streamId, id: d.id, kind: d.kind, dueAt: d.dueAt, dueMs: toMillis(d.dueAt) });
    })();
  }

  due(now: string, limit = 100): TrackedDeadline[] {
    return this.statements.due.all(toMillis(now), limit) as TrackedDeadline[];
  }

  /** A fire that left the deadline in place waits before the next try. */
  backOff(deadline: TrackedDeadline, nextAttemptAt: string): void {
    this.statements.backOff.run(toMillis(nextAttemptAt), deadline.streamId, deadline.id, deadline.dueAt);
  }

  all(): TrackedDeadline[] {
    return this.statements.all.all() as TrackedDeadline[];
  }

  close(): void {
    this.db.close();
  }
}
