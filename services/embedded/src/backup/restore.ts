import Database from 'better-sqlite3';
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { dataFilesOf, inUse } from './data-directory';
import { BackupRefused, readManifest, verifyManifest, type Manifest } from './manifest';
import { sizeOf } from './backup';

export interface RestoreOptions {
  readonly backupDir: string;
  readonly dataDir: string;
  /** a data directory that holds files is moved aside instead of refused */
  readonly force?: boolean;
  readonly say?: (line: string) => void;
  readonly now?: () => Date;
}

export interface Restored {
  readonly manifest: Manifest;
  /** where a non-empty data directory's files were moved (with `force`) */
  readonly movedAside: string | null;
}

/**
 * Puts a backup back as the data directory: the manifest first (every file there, its size and
 * sha256, each database passing SQLite's quick_check), then the directory (never one a running
 * system has open; one that holds files only with `force`, which moves them aside rather than
 * deleting anything), then the files. The read models are not in a backup: the first start on the
 * restored data rebuilds them from the stores.
 */
export async function restore(options: RestoreOptions): Promise<Restored> {
  const say = options.say ?? (() => undefined);
  const backupDir = resolve(options.backupDir);
  const dataDir = resolve(options.dataDir);
  const manifest = readManifest(backupDir);
  await verifyManifest(backupDir, manifest);
  for (const entry of manifest.files.filter((file) => file.kind === 'sqlite')) {
    const db = new Database(join(backupDir, entry.path), { readonly: true, fileMustExist: true });
    try {
      const [check] = db.pragma('quick_check') as { quick_check: string }[];
      if (check?.quick_check !== 'ok') throw new BackupRefused(`${entry.path} fails SQLite's quick_check: ${check?.quick_check ?? 'no answer'}`);
    } finally {
      db.close();
    }
  }
  say(`${backupDir}: ${manifest.files.length} files as its manifest lists them (sha256), taken at ${manifest.snapshotAt}`);

  let movedAside: string | null = null;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    const open = dataFilesOf(dataDir).databases.find((path) => inUse(join(dataDir, path)));
    if (open) throw new BackupRefused(`a system is running on ${dataDir} (${open} is open): stop it before restoring into its data directory`);
    if (!options.force) throw new BackupRefused(`${dataDir} is not empty: restore into an empty data directory, or add --force to move its files aside first`);
    movedAside = `${dataDir}.replaced-${(options.now ?? (() => new Date()))().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dataDir, movedAside);
    say(`moved what ${dataDir} held to ${movedAside}`);
  }
  mkdirSync(dataDir, { recursive: true });

  for (const entry of manifest.files) {
    if (entry.kind === 'external') {
      say(`${entry.path}: kept outside the data directory by ${entry.origin?.setting}=${entry.origin?.path}; put it back there if it is lost`);
      continue;
    }
    const file = join(dataDir, entry.path);
    mkdirSync(dirname(file), { recursive: true });
    // Whole or not at all: a restore cut short leaves no file that looks like a database.
    copyFileSync(join(backupDir, entry.path), `${file}.restoring`);
    chmodSync(`${file}.restoring`, entry.mode);
    fsync(`${file}.restoring`);
    renameSync(`${file}.restoring`, file);
    say(`${entry.path}: ${sizeOf(entry.bytes)}${entry.store ? `, ${entry.store.events} events to position ${entry.store.lastPosition}` : ''}`);
  }
  fsync(dataDir);
  say(`restored into ${dataDir}; the read models are rebuilt from the restored stores at the next start`);
  return { manifest, movedAside };
}

function fsync(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
