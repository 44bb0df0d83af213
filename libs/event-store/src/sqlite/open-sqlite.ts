import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface OpenSqliteOptions {
  /**
   * FULL for what must survive a power cut once acknowledged (events, the audit's heads); NORMAL
   * where a lost last write is redone (processed logs, idempotency keys, deadline tables).
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** Open an existing file for reading only; a missing file is refused, named. */
  readonly readOnly?: boolean;
  /** Said in the refusal of a missing read-only file: whose file it is. */
  readonly missing?: string;
}

/**
 * Every SQLite file of the system is opened here: its folder made, write-ahead logging (readers
 * never wait for the writer), and a busy timeout so two connections to one file (a service's
 * store and its own tables) wait for each other instead of failing.
 */
export function openSqlite(file: string, options: OpenSqliteOptions = {}): Database.Database {
  if (options.readOnly) {
    if (!existsSync(file)) throw new Error(`no ${options.missing ?? 'database'} at ${file}: its service has not created it yet`);
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return db;
  }
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  if (options.synchronous) db.pragma(`synchronous = ${options.synchronous}`);
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * A LIMIT given at each run by `parameter` (`?` or a name such as `@limit`). SQLite (3.53 here)
 * marks a statement whose LIMIT is a bare parameter to be compiled again whenever that parameter
 * is bound, so `LIMIT ?` parsed and planned its statement anew at every run: 4 µs of a 5 µs lookup
 * by stream on a bare table. Under the bench's load the command loop's stream reads fell from 5 %
 * of the embedded system's time (V8's profile) to 1.8 %. Cast, the value is read only when the
 * statement runs; -1 still means no limit.
 */
export function boundLimit(parameter: '?' | `@${string}`): string {
  return `LIMIT CAST(${parameter} AS INTEGER)`;
}

/** The positional `boundLimit`, which most statements take. */
export const BOUND_LIMIT = boundLimit('?');
