import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'four-level-whistle embedded backup v1';

/** Where a writing service's store ended in the copy. */
export interface StoreHead {
  /** the last event's global position in its file, 0 for an empty store */
  readonly lastPosition: number;
  readonly events: number;
  readonly lastEventId: string | null;
  readonly lastHash: string | null;
}

export interface BackedUpFile {
  /** where it is in the backup and goes back to in the data directory (relative) */
  readonly path: string;
  /** `sqlite`: copied by SQLite's online backup; `file`: byte for byte; `external`: kept outside DATA_DIR by a setting, not restored into it */
  readonly kind: 'sqlite' | 'file' | 'external';
  readonly bytes: number;
  readonly sha256: string;
  /** file mode bits, so a private key comes back as private */
  readonly mode: number;
  /** for `external`: the setting and the path it named */
  readonly origin?: { readonly setting: string; readonly path: string };
  /** for an event store's file */
  readonly store?: StoreHead;
}

export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  /** when `npm run backup` began: everything acknowledged before it is in the backup */
  readonly beganAt: string;
  /** the one moment every database was copied at */
  readonly snapshotAt: string;
  readonly finishedAt: string;
  /** how long the system's writers were held to take that moment */
  readonly writesHeldMs: number;
  readonly dataDir: string;
  readonly files: readonly BackedUpFile[];
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A backup's manifest as written, or a refusal naming what is wrong with it. */
export function readManifest(backupDir: string): Manifest {
  const file = join(backupDir, MANIFEST_FILE);
  if (!existsSync(file)) throw new BackupRefused(`${backupDir} is not a backup: it has no ${MANIFEST_FILE}`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch (error) {
    throw new BackupRefused(`${file} is not JSON: ${(error as Error).message}`);
  }
  if (manifest?.format !== MANIFEST_FORMAT) throw new BackupRefused(`${file} is not a manifest of this system's backups (format ${JSON.stringify(manifest?.format)})`);
  if (!Array.isArray(manifest.files)) throw new BackupRefused(`${file} lists no files`);
  for (const entry of manifest.files) {
    // A manifest names files inside the backup and the data directory only.
    if (typeof entry.path !== 'string' || entry.path.split(/[\\/]/).some((part: string) => part === '..' || part === '') || entry.path.startsWith('/')) {
      throw new BackupRefused(`${file} names a file outside the backup: ${JSON.stringify(entry.path)}`);
    }
  }
  return manifest;
}

/** Every file the manifest lists is in the backup with its size and sha256; the first that is not is named. */
export async function verifyManifest(backupDir: string, manifest: Manifest): Promise<void> {
  for (const entry of manifest.files) {
    const file = join(backupDir, entry.path);
    if (!existsSync(file)) throw new BackupRefused(`the backup lacks ${entry.path}, which its manifest lists`);
    const bytes = statSync(file).size;
    if (bytes !== entry.bytes) throw new BackupRefused(`${entry.path} has ${bytes} bytes, its manifest says ${entry.bytes}: the backup was changed or cut short`);
    const sha256 = await sha256Of(file);
    if (sha256 !== entry.sha256) throw new BackupRefused(`${entry.path} has sha256 ${sha256}, its manifest says ${entry.sha256}: the backup was changed`);
  }
}

/** What the backup or restore will not do, said to the operator (exit 1), as opposed to a fault. */
export class BackupRefused extends Error {
  override readonly name = 'BackupRefused';
}
