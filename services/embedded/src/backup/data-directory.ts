import Database from 'better-sqlite3';
import { closeSync, openSync, readSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The embedded read models (`startEmbeddedSystem` opens them under this name): made from the
 * stores, so a backup leaves them out and the first start on restored data rebuilds them.
 */
export const READ_MODELS_FILE = 'read-models.db';

/** What SQLite keeps beside a database while it is open or after a crash: part of the database, never copied alone. */
const SIDE_FILE = /-(wal|shm|journal)$/;

export interface DataFiles {
  /** SQLite databases, copied through SQLite's online backup from one moment. */
  readonly databases: readonly string[];
  /** Other files (the audit's signing key): copied as they are, byte for byte. */
  readonly plain: readonly string[];
  /** Left out, each with why. */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
}

/**
 * What a data directory holds, by what it is rather than by a list of names, so a file a later
 * version adds is backed up without this code knowing of it. Paths are relative to `dir`.
 */
export function dataFilesOf(dir: string): DataFiles {
  const databases: string[] = [];
  const plain: string[] = [];
  const skipped: { path: string; reason: string }[] = [];
  for (const file of filesUnder(dir)) {
    const path = relative(dir, file);
    if (SIDE_FILE.test(path)) continue;
    if (path === READ_MODELS_FILE) skipped.push({ path, reason: 'the read models: rebuilt from the stores at the next start' });
    else if (isSqlite(file)) databases.push(path);
    else plain.push(path);
  }
  return { databases, plain, skipped };
}

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** A SQLite database by its first 16 bytes, whatever its name. */
export function isSqlite(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether another connection has the database open (a running system: in WAL mode every open
 * connection holds a shared lock on the file until it closes). Asks for the exclusive lock without
 * waiting and lets it go at once.
 */
export function inUse(file: string): boolean {
  const db = new Database(file, { timeout: 0, fileMustExist: true });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY' || (error as { code?: string }).code === 'SQLITE_LOCKED') return true;
    throw error;
  } finally {
    db.close();
  }
}
