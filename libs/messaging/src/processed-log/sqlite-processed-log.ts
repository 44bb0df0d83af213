import type Database from 'better-sqlite3';
import { systemClock, type Clock } from '@whistle/kernel';
import type { ProcessedLog } from './processed-log.port';
import { openSqlite } from '@whistle/event-store';

export interface SqliteProcessedLogOptions {
  /** The database file; the service's event store file may be passed, the table is separate. */
  readonly file: string;
  readonly clock?: Clock;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS processed_events (
  group_id     TEXT NOT NULL,
  event_id     TEXT NOT NULL,
  processed_at TEXT NOT NULL,
  PRIMARY KEY (group_id, event_id)
) WITHOUT ROWID;
`;

/**
 * The embedded mode's dedupe record, on its own connection so it never joins the event store's
 * transactions.
 *
 * synchronous=NORMAL, unlike the event store's FULL: a power cut may lose the last few marks, and
 * then those events are handled again, which consumers must bear anyway (a crash between the
 * handler and `add` does the same). Nothing outside the process has seen a mark, so losing one
 * cannot make the record disagree with anything.
 */
export class SqliteProcessedLog implements ProcessedLog {
  private readonly db: Database.Database;
  private readonly hasStatement: Database.Statement<[string, string], { found: number }>;
  private readonly addStatement: Database.Statement<[string, string, string]>;
  private readonly processedOfStatement: Database.Statement<[string, string], { event_id: string }>;
  private readonly addAllTransaction: (groupId: string, eventIds: readonly string[], at: string) => void;
  private readonly clock: Clock;

  constructor(options: SqliteProcessedLogOptions) {
    this.db = openSqlite(options.file, { synchronous: 'NORMAL' });
    this.db.exec(SCHEMA);
    this.hasStatement = this.db.prepare('SELECT 1 AS found FROM processed_events WHERE group_id = ? AND event_id = ?');
    this.addStatement = this.db.prepare(
      'INSERT OR IGNORE INTO processed_events (group_id, event_id, processed_at) VALUES (?, ?, ?)',
    );
    // The ids travel as one JSON array, so a batch of any size is one statement.
    this.processedOfStatement = this.db.prepare(
      'SELECT event_id FROM processed_events WHERE group_id = ? AND event_id IN (SELECT value FROM json_each(?))',
    );
    this.addAllTransaction = this.db.transaction((groupId: string, eventIds: readonly string[], at: string) => {
      for (const eventId of eventIds) this.addStatement.run(groupId, eventId, at);
    });
    this.clock = options.clock ?? systemClock;
  }

  async has(groupId: string, eventId: string): Promise<boolean> {
    return this.hasStatement.get(groupId, eventId) !== undefined;
  }

  async add(groupId: string, eventId: string): Promise<void> {
    this.addStatement.run(groupId, eventId, this.clock.now());
  }

  async processedOf(groupId: string, eventIds: readonly string[]): Promise<ReadonlySet<string>> {
    if (eventIds.length === 0) return new Set();
    return new Set(this.processedOfStatement.all(groupId, JSON.stringify(eventIds)).map((row) => row.event_id));
  }

  async addAll(groupId: string, eventIds: readonly string[]): Promise<void> {
    if (eventIds.length > 0) this.addAllTransaction(groupId, eventIds, this.clock.now());
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
