import type Database from 'better-sqlite3';
import type { EventEnvelope } from '@whistle/kernel';
import { ownerOf } from '@whistle/contracts';
import { GroupCommit, openSqlite } from '@whistle/event-store';
import { ACCESS_LOG_SCHEMA, PersonalDataAccessLog } from './personal-data-access-log';

/** The last event of a stream the audit has seen, with the hash it had then. */
export interface LedgerHead {
  readonly streamId: string;
  /** the writing service that owns the stream, read off the event type */
  readonly service: string | null;
  readonly revision: number;
  readonly eventId: string;
  readonly hash: string;
  readonly recordedAt: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ledger_stream_heads (
  stream_id   TEXT    PRIMARY KEY,
  service     TEXT,
  revision    INTEGER NOT NULL,
  event_id    TEXT    NOT NULL,
  hash        TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  seen_at     TEXT    NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ledger_case_streams (
  case_id   TEXT NOT NULL,
  stream_id TEXT NOT NULL,
  PRIMARY KEY (case_id, stream_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ledger_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ledger_bootstrap (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  bootstrapped_at TEXT    NOT NULL,
  streams         INTEGER NOT NULL,
  events          INTEGER NOT NULL
);
`;

/** A head as the ledger writes it: when the audit saw it, too. */
interface HeadUpdate extends LedgerHead {
  readonly seenAt: string;
}

interface HeadRow {
  readonly stream_id: string;
  readonly service: string | null;
  readonly revision: number;
  readonly event_id: string;
  readonly hash: string;
  readonly recorded_at: string;
}

/**
 * The audit's own record of how far each stream went and which streams concern which case, kept
 * in a file apart from the stores. A hash chain shows an event altered, inserted or removed in
 * the middle, but not one cut off the end, nor a whole stream gone: only a head remembered
 * elsewhere shows those. Heads only move forward, so a redelivered or late event changes nothing.
 */
export class HeadLedger {
  private readonly upsertHead: Database.Statement<[HeadUpdate]>;
  private readonly linkStream: Database.Statement<[string, string]>;
  private readonly group: GroupCommit;
  /** who read a reporter in full, filed as the heads move */
  readonly accesses: PersonalDataAccessLog;

  private constructor(private readonly db: Database.Database) {
    this.upsertHead = db.prepare(
      `INSERT INTO ledger_stream_heads (stream_id, service, revision, event_id, hash, recorded_at, seen_at)
       VALUES (@streamId, @service, @revision, @eventId, @hash, @recordedAt, @seenAt)
       ON CONFLICT (stream_id) DO UPDATE SET
         service = excluded.service, revision = excluded.revision, event_id = excluded.event_id,
         hash = excluded.hash, recorded_at = excluded.recorded_at, seen_at = excluded.seen_at
       WHERE excluded.revision > ledger_stream_heads.revision`,
    );
    this.linkStream = db.prepare('INSERT OR IGNORE INTO ledger_case_streams (case_id, stream_id) VALUES (?, ?)');
    this.group = new GroupCommit(db, () => undefined);
    this.accesses = new PersonalDataAccessLog(db);
  }

  static open(file: string): HeadLedger {
    // FULL: a head the ledger acknowledged must survive a power cut, or a later cut-off would go unseen.
    const db = openSqlite(file, { synchronous: 'FULL' });
    db.exec(SCHEMA);
    db.exec(ACCESS_LOG_SCHEMA);
    return new HeadLedger(db);
  }

  /**
   * Moves the stream's head; resolves once it is on disk. The events seen in one turn of the
   * event loop share a transaction and its fsync (each was a file opened, a transaction and an
   * fsync of its own: 5 % of the embedded system's CPU under load).
   */
  record(event: EventEnvelope, caseIds: readonly string[], seenAt: string): Promise<void> {
    return this.group.submit(() => this.write(event, caseIds, seenAt));
  }

  private write(event: EventEnvelope, caseIds: readonly string[], seenAt: string): void {
    this.upsertHead.run({
      streamId: event.streamId,
      service: ownerOf(event.type) ?? null,
      revision: event.revision,
      eventId: event.eventId,
      hash: event.hash,
      recordedAt: event.recordedAt,
      seenAt,
    });
    for (const caseId of caseIds) this.linkStream.run(caseId, event.streamId);
    this.accesses.note(event);
  }

  /** Every stream's head: for the whole system's verification. */
  heads(): LedgerHead[] {
    return (this.db.prepare('SELECT * FROM ledger_stream_heads ORDER BY stream_id').all() as HeadRow[]).map(headOf);
  }

  /** The heads of these streams only, each looked up by its key: for one case's. */
  headsOf(streamIds: readonly string[]): LedgerHead[] {
    if (streamIds.length === 0) return [];
    const rows = this.db
      .prepare('SELECT * FROM ledger_stream_heads WHERE stream_id IN (SELECT value FROM json_each(?)) ORDER BY stream_id')
      .all(JSON.stringify(streamIds)) as HeadRow[];
    return rows.map(headOf);
  }

  streamsOf(caseId: string): string[] {
    const rows = this.db.prepare('SELECT stream_id FROM ledger_case_streams WHERE case_id = ? ORDER BY stream_id').all(caseId) as { stream_id: string }[];
    return rows.map((row) => row.stream_id);
  }

  bootstrappedAt(): string | null {
    const row = this.db.prepare('SELECT bootstrapped_at FROM ledger_bootstrap WHERE id = 1').get() as { bootstrapped_at: string } | undefined;
    return row?.bootstrapped_at ?? null;
  }

  /** Records every event given and marks the ledger bootstrapped, all or nothing. */
  bootstrap(events: readonly { event: EventEnvelope; caseIds: readonly string[] }[], at: string, streams: number): void {
    this.db.transaction(() => {
      for (const { event, caseIds } of events) this.write(event, caseIds, at);
      this.db.prepare('INSERT INTO ledger_bootstrap (id, bootstrapped_at, streams, events) VALUES (1, ?, ?, ?)').run(at, streams, events.length);
    })();
  }

  /** A note the audit keeps with the ledger (e.g. that it signs checkpoints, so their file going missing is seen). */
  meta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM ledger_meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO ledger_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** Commits what is queued, then closes. */
  close(): void {
    if (!this.db.open) return;
    this.group.flush();
    this.db.close();
  }
}

function headOf(row: HeadRow): LedgerHead {
  return { streamId: row.stream_id, service: row.service, revision: row.revision, eventId: row.event_id, hash: row.hash, recordedAt: row.recorded_at };
}

/**
 * Opens the ledger for one use and closes it again: for the start-up bootstrap and the HTTP
 * side, which read or write now and then. The consumer keeps one open (auditLedgerConsumer).
 */
export function withHeadLedger<T>(file: string, use: (ledger: HeadLedger) => T): T {
  const ledger = HeadLedger.open(file);
  try {
    return use(ledger);
  } finally {
    ledger.close();
  }
}
