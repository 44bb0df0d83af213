import type Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { SERVICES } from '@whistle/contracts';
import { dataFilesOf } from './data-directory';
import { BackupRefused, MANIFEST_FILE, MANIFEST_FORMAT, sha256Of, type BackedUpFile, type Manifest, type StoreHead } from './manifest';
import { copyDatabase, takeSnapshot } from './snapshot';

export interface BackupOptions {
  readonly dataDir: string;
  /** an empty or missing directory */
  readonly target: string;
  /** AUDIT_SIGNING_KEY_FILE when it names a key outside the data directory */
  readonly signingKeyFile?: string | undefined;
  /** told each step, for the operator */
  readonly say?: (line: string) => void;
  /** now, for `beganAt`; the system clock by default */
  readonly now?: () => Date;
}

const STORE_FILES = new Set<string>(SERVICES.map((service) => `${service}.db`));

/**
 * A consistent copy of the embedded system's data directory while it serves: every SQLite file
 * (the five stores, intake's personal-data vault in intake.db, the audit's ledger, Merkle logs and
 * signed checkpoints, the idempotency keys) from one moment (`takeSnapshot`), the files that are not
 * databases (the audit's signing key) as they are, and a manifest of them all. The read models are
 * left out: the first start on restored data rebuilds them from the stores.
 */
export async function backUp(options: BackupOptions): Promise<Manifest> {
  const say = options.say ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const began = now();
  const dataDir = resolve(options.dataDir);
  const target = resolve(options.target);
  if (!existsSync(dataDir)) throw new BackupRefused(`there is no data directory at ${dataDir} (DATA_DIR)`);
  if (target === dataDir || target.startsWith(`${dataDir}/`)) throw new BackupRefused(`the backup's directory ${target} is inside the data directory ${dataDir}: it would back itself up`);
  if (existsSync(target) && readdirSync(target).length > 0) throw new BackupRefused(`${target} is not empty: a backup goes into a new or empty directory`);
  mkdirSync(target, { recursive: true, mode: 0o700 });

  const found = dataFilesOf(dataDir);
  if (found.databases.length === 0) throw new BackupRefused(`${dataDir} holds no SQLite database: is DATA_DIR the system's data directory?`);
  const snapshot = await takeSnapshot(dataDir, found.databases);
  const tries = snapshot.attempts > 1 ? ` (on try ${snapshot.attempts}: a write held a lock longer than a try waits)` : '';
  say(`one moment across ${found.databases.length} databases at ${snapshot.takenAt.toISOString()}: the system's writes waited ${snapshot.writesHeldMs.toFixed(1)} ms${tries}`);
  const files: BackedUpFile[] = [];
  try {
    for (const [path, db] of snapshot.connections) {
      const started = performance.now();
      const store = STORE_FILES.has(path) ? storeHead(db) : undefined;
      const copy = join(target, path);
      mkdirSync(dirname(copy), { recursive: true, mode: 0o700 });
      await copyDatabase(db, copy);
      const entry = await describe(target, path, 'sqlite', statSync(join(dataDir, path)).mode, store);
      files.push(entry);
      say(`${path}: ${sizeOf(entry.bytes)} in ${(performance.now() - started).toFixed(0)} ms${store ? `, ${store.events} events to position ${store.lastPosition}` : ''}`);
    }
  } finally {
    snapshot.release();
  }
  for (const path of found.plain) {
    const source = join(dataDir, path);
    mkdirSync(dirname(join(target, path)), { recursive: true, mode: 0o700 });
    copyFileSync(source, join(target, path));
    const entry = await describe(target, path, 'file', statSync(source).mode);
    files.push(entry);
    say(`${path}: ${sizeOf(entry.bytes)}, copied as it is`);
  }
  const key = options.signingKeyFile && resolve(options.signingKeyFile);
  if (key && relative(dataDir, key).startsWith('..')) {
    const path = join('external', basename(key));
    mkdirSync(join(target, 'external'), { recursive: true, mode: 0o700 });
    copyFileSync(key, join(target, path));
    files.push({ ...(await describe(target, path, 'external', statSync(key).mode)), origin: { setting: 'AUDIT_SIGNING_KEY_FILE', path: key } });
    say(`${path}: the audit's signing key from AUDIT_SIGNING_KEY_FILE=${key} (restore leaves it to you to put back there)`);
  }
  for (const { path, reason } of found.skipped) say(`${path}: left out, ${reason}`);

  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    beganAt: began.toISOString(),
    snapshotAt: snapshot.takenAt.toISOString(),
    finishedAt: now().toISOString(),
    writesHeldMs: Math.round(snapshot.writesHeldMs * 10) / 10,
    dataDir,
    files,
    skipped: found.skipped,
  };
  writeFileSync(join(target, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  say(`backed up ${files.length} files, ${sizeOf(total)}, into ${target} in ${Date.parse(manifest.finishedAt) - began.getTime()} ms (${MANIFEST_FILE} lists them)`);
  return manifest;
}

/**
 * Where the store's log ends in the snapshot, read through the same read transaction as the copy;
 * none for a service's file that holds no events (its store elsewhere: PostgreSQL, KurrentDB).
 */
function storeHead(db: Database.Database): StoreHead | undefined {
  if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'events'").get()) return undefined;
  const last = db.prepare('SELECT position, event_id, hash FROM events ORDER BY position DESC LIMIT 1').get() as { position: number; event_id: string; hash: string } | undefined;
  const { events } = db.prepare('SELECT count(*) AS events FROM events').get() as { events: number };
  return { lastPosition: last?.position ?? 0, events, lastEventId: last?.event_id ?? null, lastHash: last?.hash ?? null };
}

async function describe(target: string, path: string, kind: BackedUpFile['kind'], mode: number, store?: StoreHead): Promise<BackedUpFile> {
  const file = join(target, path);
  return { path, kind, bytes: statSync(file).size, sha256: await sha256Of(file), mode: mode & 0o777, ...(store ? { store } : {}) };
}

export function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
