import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@whistle/config';
import { httpSettings } from '@whistle/deployment';
import { backUp } from './backup';
import { BackupRefused } from './manifest';
import { restore } from './restore';

const BACKUP_USAGE = `usage: npm run backup [-- <target dir>]
  copies the embedded system's data directory (DATA_DIR, ./data by default) into <target dir> (new or
  empty; backups/<time> by default) while the system runs: every SQLite file from one moment through
  SQLite's online backup, the audit's signing key, and manifest.json (sizes, sha256, store positions)`;

const RESTORE_USAGE = `usage: npm run restore -- <backup dir> [--force]
  checks the backup against its manifest and puts it back as the data directory (DATA_DIR, ./data by
  default), which no running system may have open; one that holds files is refused, or with --force
  moved aside to <DATA_DIR>.replaced-<time>. The next start rebuilds the read models.`;

/** A command line the command refuses: exit 2 with its usage. */
class UsageError extends Error {}

/**
 * `npm run` starts its script in the package's directory and says in INIT_CWD where it was run
 * from, so a path on the command line means what it meant where the operator typed it (as
 * `npm run verify` reads its files). DATA_DIR is read as `npm start` reads it.
 */
const fromCaller = (path: string): string => resolve(process.env['INIT_CWD'] || process.cwd(), path);

function settings() {
  const spec = httpSettings(3000);
  return loadConfig({ DATA_DIR: spec.DATA_DIR, AUDIT_SIGNING_KEY_FILE: spec.AUDIT_SIGNING_KEY_FILE });
}

function parse(argv: readonly string[], options: { force?: { type: 'boolean' } }) {
  try {
    return parseArgs({ args: [...argv], options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function backupCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parse(argv, {});
  if (values.help) return void process.stdout.write(`${BACKUP_USAGE}\n`);
  if (positionals.length > 1) throw new UsageError(`one target directory, not ${positionals.length}`);
  const { DATA_DIR, AUDIT_SIGNING_KEY_FILE } = settings();
  const target = positionals[0] ? fromCaller(positionals[0]) : fromCaller(`backups/${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await backUp({ dataDir: DATA_DIR, target, signingKeyFile: AUDIT_SIGNING_KEY_FILE, say: (line) => process.stdout.write(`${line}\n`) });
}

async function restoreCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parse(argv, { force: { type: 'boolean' } });
  if (values.help) return void process.stdout.write(`${RESTORE_USAGE}\n`);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name the backup directory to restore' : `one backup directory, not ${positionals.length}`);
  const { DATA_DIR } = settings();
  await restore({ backupDir: fromCaller(positionals[0]!), dataDir: DATA_DIR, force: values.force === true, say: (line) => process.stdout.write(`${line}\n`) });
}

/** Runs `npm run backup` or `npm run restore`: exit 0 done, 1 refused or failed (named), 2 a wrong command line. */
export function runBackupCommand(command: 'backup' | 'restore'): void {
  (command === 'backup' ? backupCommand : restoreCommand)(process.argv.slice(2)).then(
    () => {
      process.exitCode = 0;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`${command}: ${error.message}\n${command === 'backup' ? BACKUP_USAGE : RESTORE_USAGE}\n`);
        process.exitCode = 2;
      } else if (error instanceof BackupRefused || error instanceof ConfigError) {
        process.stderr.write(`${command}: ${error.message}\n`);
        process.exitCode = 1;
      } else {
        process.stderr.write(`${command} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exitCode = 1;
      }
    },
  );
}
