import Database from 'better-sqlite3';
import { join } from 'node:path';

/**
 * How long all the files' write locks together are waited for: well under the system's busy
 * timeout (5 s), so its writers wait, never fail. One budget for them all, not one per file: the
 * first file's writers wait while every later lock is sought.
 */
const LOCK_WAIT_MS = 1000;
const ATTEMPTS = 10;

/** A read transaction held open on each database, all begun at one moment. */
export interface Snapshot {
  /** Each database (relative path) and the connection holding its read transaction. */
  readonly connections: ReadonlyMap<string, Database.Database>;
  /** When the moment was taken, and how long the system's writers were held for it. */
  readonly takenAt: Date;
  readonly writesHeldMs: number;
  readonly attempts: number;
  /** Ends every read transaction and closes the connections. */
  release(): void;
}

/**
 * One moment across every database of a data directory, while the system keeps running.
 *
 * The files are written apart (a service records an event in its file, the in-process bus hands it
 * to the others, which record what they did in theirs, and the relays' checkpoints say what every
 * consumer has done), and the services consume each other both ways (intake and escalation, the
 * workflows), so no order of copying the files one after another leaves every reference resolvable:
 * whichever is copied later may hold a reaction to an event the earlier copy lacks, or a relay's
 * checkpoint past what an earlier copy of its consumer has handled. So the write lock of every file
 * is taken (BEGIN IMMEDIATE: in WAL mode readers go on, writers wait), a read transaction begun on
 * each, and the locks let go: the read transactions see the files as one crash at that instant
 * would have left them, which the system recovers from by design (the relays publish again from
 * their checkpoints, the consumers skip what they already did, the audit follows the stores). The
 * writers wait for the milliseconds this takes; the copying then reads the read transactions while
 * the system writes on.
 *
 * The system writes each file in transactions of its own, never holding one file's lock while it
 * waits for another's, so taking the locks one after another cannot deadlock with it; a lock not
 * had within LOCK_WAIT_MS of the first lets every lock go and tries again, so its writers never wait long.
 */
export async function takeSnapshot(dir: string, databases: readonly string[]): Promise<Snapshot> {
  for (let attempt = 1; ; attempt++) {
    const lockers = new Map<string, Database.Database>();
    const readers = new Map<string, Database.Database>();
    const closeAll = () => {
      for (const db of [...lockers.values(), ...readers.values()]) if (db.open) db.close();
    };
    try {
      for (const path of databases) {
        lockers.set(path, new Database(join(dir, path), { timeout: LOCK_WAIT_MS, fileMustExist: true }));
        const reader = new Database(join(dir, path), { timeout: LOCK_WAIT_MS, fileMustExist: true });
        reader.pragma('query_only = ON');
        readers.set(path, reader);
      }
      const began = performance.now();
      try {
        const deadline = began + LOCK_WAIT_MS;
        for (const db of lockers.values()) {
          db.pragma(`busy_timeout = ${Math.max(0, Math.floor(deadline - performance.now()))}`);
          db.exec('BEGIN IMMEDIATE');
        }
        // A read transaction's snapshot is fixed at its first read, not at BEGIN.
        for (const db of readers.values()) {
          db.exec('BEGIN');
          db.prepare('SELECT count(*) FROM sqlite_schema').get();
        }
      } finally {
        for (const db of lockers.values()) if (db.inTransaction) db.exec('ROLLBACK');
      }
      const writesHeldMs = performance.now() - began;
      for (const db of lockers.values()) db.close();
      return {
        connections: readers,
        takenAt: new Date(),
        writesHeldMs,
        attempts: attempt,
        release() {
          for (const db of readers.values()) {
            if (db.inTransaction) db.exec('COMMIT');
            db.close();
          }
        },
      };
    } catch (error) {
      closeAll();
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/**
 * Copies the database as its connection's read transaction sees it, with SQLite's online backup,
 * into `target` (which must not exist), in one step so that it reads nothing but that snapshot;
 * the copy is then made a self-contained file (rollback journal, no WAL beside it) and checked.
 */
export async function copyDatabase(source: Database.Database, target: string): Promise<void> {
  await source.backup(target, { progress: () => 0x7fffffff });
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const [check] = copy.pragma('quick_check') as { quick_check: string }[];
    if (check?.quick_check !== 'ok') throw new Error(`the copy ${target} fails SQLite's quick_check: ${check?.quick_check ?? 'no answer'}`);
  } finally {
    copy.close();
  }
}
