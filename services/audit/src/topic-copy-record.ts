import type Database from 'better-sqlite3';
import type { WriteService } from '@whistle/contracts';
import { openSqlite, type GlobalPosition } from '@whistle/event-store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS topic_seen (
  log      TEXT    NOT NULL,
  position INTEGER NOT NULL,
  seen_at  TEXT    NOT NULL,
  PRIMARY KEY (log, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS topic_swept (
  log      TEXT    PRIMARY KEY,
  position INTEGER NOT NULL,
  swept_at TEXT    NOT NULL
) WITHOUT ROWID;
`;

/**
 * What the audit saw of each store's events on its Kafka topic (by the event's position in its
 * store), and how far it has looked for events that never came, in the audit's own file beside the
 * ledger, so both survive a restart. A seen position is kept only until the sweep passes it: the
 * table holds what lies between the sweep and the topic's head, however long the log.
 */
export class TopicCopyRecord {
  private readonly insertSeen: Database.Statement<[{ log: string; position: GlobalPosition; at: string }]>;

  private constructor(private readonly db: Database.Database) {
    // Only past the sweep: what lies before it is settled, and a redelivery must not refill the table.
    this.insertSeen = db.prepare(
      `INSERT OR IGNORE INTO topic_seen (log, position, seen_at)
       SELECT @log, @position, @at WHERE @position > coalesce((SELECT position FROM topic_swept WHERE log = @log), -1)`,
    );
  }

  static open(file: string): TopicCopyRecord {
    // FULL: a seen position lost in a power cut, its message committed on Kafka, would be reported missing.
    const db = openSqlite(file, { synchronous: 'FULL' });
    db.exec(SCHEMA);
    return new TopicCopyRecord(db);
  }

  /** How far the sweep has looked in the log, or null for a log it never looked at. */
  swept(log: WriteService): GlobalPosition | null {
    const row = this.db.prepare('SELECT position FROM topic_swept WHERE log = ?').safeIntegers(true).get(log) as { position: bigint } | undefined;
    return row?.position ?? null;
  }

  /** Where a log's sweep starts, unless it has started already. */
  startAt(log: WriteService, position: GlobalPosition, at: string): void {
    this.db.prepare('INSERT OR IGNORE INTO topic_swept (log, position, swept_at) VALUES (?, ?, ?)').run(log, position, at);
  }

  /** Notes the store positions of the log's events just seen on its topic, in one transaction. */
  see(log: WriteService, positions: readonly GlobalPosition[], at: string): void {
    if (positions.length === 0) return;
    this.db.transaction(() => {
      for (const position of positions) this.insertSeen.run({ log, position, at });
    })();
  }

  /** The positions in (after, upTo] seen on the topic. */
  seenBetween(log: WriteService, after: GlobalPosition, upTo: GlobalPosition): Set<GlobalPosition> {
    const rows = this.db
      .prepare('SELECT position FROM topic_seen WHERE log = ? AND position > ? AND position <= ?')
      .safeIntegers(true)
      .all(log, after, upTo) as { position: bigint }[];
    return new Set(rows.map((row) => row.position));
  }

  /** The furthest position seen on the topic at or before `at`, or null when none was. */
  furthestSeenBy(log: WriteService, at: string): GlobalPosition | null {
    const row = this.db.prepare('SELECT max(position) AS position FROM topic_seen WHERE log = ? AND seen_at <= ?').safeIntegers(true).get(log, at) as { position: bigint | null };
    return row.position;
  }

  /** Moves the log's sweep to `position` and forgets what was seen up to it, at once. */
  sweptTo(log: WriteService, position: GlobalPosition, at: string): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE topic_swept SET position = ?, swept_at = ? WHERE log = ?').run(position, at, log);
      this.db.prepare('DELETE FROM topic_seen WHERE log = ? AND position <= ?').run(log, position);
    })();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
