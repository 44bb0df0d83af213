import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '@whistle/event-store';
import { backUp } from './backup';
import { BackupRefused, MANIFEST_FILE, sha256Of, type Manifest } from './manifest';
import { restore } from './restore';

/**
 * Real SQLite files in WAL mode written by another process while they are backed up: the copies
 * are of one moment across the files, and come back as they were copied.
 */
jest.setTimeout(60_000);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'whistle-backup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const count = (file: string, table = 'steps'): number => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** A data directory as the system leaves it: files in WAL mode, a store with events, the read models, a private key. */
function dataDirectory(): string {
  const data = join(dir, 'data');
  const made = (name: string, sql: string) => {
    const db = openSqlite(join(data, name));
    db.exec(sql);
    db.close();
  };
  for (const name of ['first.db', 'second.db']) made(name, 'CREATE TABLE steps (n INTEGER PRIMARY KEY)');
  made('intake.db', "CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, hash TEXT NOT NULL); INSERT INTO events (event_id, hash) VALUES ('e-1', 'h-1'), ('e-2', 'h-2')");
  made('read-models.db', 'CREATE TABLE views (id TEXT)');
  writeFileSync(join(data, 'audit-signing-key.pem'), 'PRIVATE KEY', { mode: 0o600 });
  return data;
}

/**
 * Another process that records each step in the first file, then in the second, each in its own
 * transaction, as a service records an event and another its reaction: at any one moment the
 * second file holds the first's steps, or all but the last.
 */
function writeSteps(data: string): ChildProcess {
  const script = `
    const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
    const open = (f) => { const db = new Database(f, { timeout: 5000 }); db.pragma('journal_mode = WAL'); db.pragma('synchronous = OFF'); return db; };
    const first = open(${JSON.stringify(join(data, 'first.db'))}).prepare('INSERT INTO steps (n) VALUES (?)');
    const second = open(${JSON.stringify(join(data, 'second.db'))}).prepare('INSERT INTO steps (n) VALUES (?)');
    let n = 0;
    const step = () => { for (let i = 0; i < 20; i++) { n++; first.run(n); second.run(n); } setImmediate(step); };
    process.stdout.write('writing\\n');
    step();`;
  return spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
}

async function started(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, 200));
}

describe('npm run backup', () => {
  it('copies every database from one moment while another process writes to them, with a manifest that names each file', async () => {
    const data = dataDirectory();
    const writer = writeSteps(data);
    try {
      await started(writer);
      const lines: string[] = [];
      const target = join(dir, 'backup');
      const manifest = await backUp({ dataDir: data, target, say: (line) => lines.push(line) });

      const first = count(join(target, 'first.db'));
      const second = count(join(target, 'second.db'));
      expect(first).toBeGreaterThan(0);
      // One moment: never a second step the first file does not hold, never more than one step behind.
      expect([0, 1]).toContain(first - second);
      // The writer went on: the live files grew past the copies.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(count(join(data, 'first.db'))).toBeGreaterThan(first);

      expect(manifest.files.map((f) => [f.path, f.kind]).sort()).toEqual([
        ['audit-signing-key.pem', 'file'],
        ['first.db', 'sqlite'],
        ['intake.db', 'sqlite'],
        ['second.db', 'sqlite'],
      ]);
      expect(manifest.skipped).toEqual([{ path: 'read-models.db', reason: expect.stringContaining('rebuilt') }]);
      expect(manifest.files.find((f) => f.path === 'intake.db')!.store).toEqual({ lastPosition: 2, events: 2, lastEventId: 'e-2', lastHash: 'h-2' });
      expect(manifest.files.find((f) => f.path === 'audit-signing-key.pem')!.mode).toBe(0o600);
      for (const file of manifest.files) {
        expect(await sha256Of(join(target, file.path))).toBe(file.sha256);
        expect(statSync(join(target, file.path)).size).toBe(file.bytes);
      }
      expect(Date.parse(manifest.beganAt)).toBeLessThanOrEqual(Date.parse(manifest.snapshotAt));
      // Each copy is whole by itself: no write-ahead log beside it that the manifest does not cover.
      expect(readdirSync(target).sort()).toEqual(['audit-signing-key.pem', 'first.db', 'intake.db', MANIFEST_FILE, 'second.db']);
      expect(JSON.parse(readFileSync(join(target, MANIFEST_FILE), 'utf8'))).toEqual(manifest);
      expect(lines.join('\n')).toMatch(/writes waited [\d.]+ ms/);
      expect(lines.join('\n')).toMatch(/intake\.db: .* 2 events to position 2/);
    } finally {
      writer.kill('SIGKILL');
    }
  });

  it('lets every lock go and tries again when a writer holds one longer than a try waits, so the system is never held long', async () => {
    const data = dataDirectory();
    const writer = openSqlite(join(data, 'second.db'));
    writer.exec('BEGIN IMMEDIATE');
    writer.prepare('INSERT INTO steps (n) VALUES (1)').run();
    // Committed while the backup waits between its tries (its first try blocks this thread for its whole wait).
    setTimeout(() => writer.exec('COMMIT'), 100);
    const lines: string[] = [];
    try {
      await backUp({ dataDir: data, target: join(dir, 'backup'), say: (line) => lines.push(line) });
    } finally {
      if (writer.inTransaction) writer.exec('ROLLBACK');
      writer.close();
    }
    expect(lines[0]).toMatch(/writes waited [\d.]+ ms \(on try 2: a write held a lock longer than a try waits\)$/);
    expect(count(join(dir, 'backup', 'second.db'))).toBe(1);
  });

  it('names no store head for a service file that keeps its events elsewhere (a distributed writer on PostgreSQL)', async () => {
    const data = dataDirectory();
    const db = openSqlite(join(data, 'escalation.db'));
    db.exec('CREATE TABLE processed_events (event_id TEXT PRIMARY KEY)');
    db.close();
    const manifest = await backUp({ dataDir: data, target: join(dir, 'backup') });
    expect(manifest.files.find((f) => f.path === 'escalation.db')).toEqual(expect.not.objectContaining({ store: expect.anything() }));
    expect(manifest.files.find((f) => f.path === 'intake.db')!.store).toMatchObject({ events: 2 });
  });

  it('refuses a target that holds files, and one inside the data directory', async () => {
    const data = dataDirectory();
    writeFileSync(join(dir, 'note.txt'), 'x');
    await expect(backUp({ dataDir: data, target: dir })).rejects.toThrow(new BackupRefused(`${dir} is not empty: a backup goes into a new or empty directory`));
    await expect(backUp({ dataDir: data, target: join(data, 'backup') })).rejects.toThrow(/inside the data directory/);
  });

  it('copies a signing key kept outside the data directory beside the data, marked as such', async () => {
    const data = dataDirectory();
    const key = join(dir, 'keys', 'signing.pem');
    mkdirSync(join(dir, 'keys'));
    writeFileSync(key, 'OUTSIDE KEY', { mode: 0o600 });
    const manifest = await backUp({ dataDir: data, target: join(dir, 'backup'), signingKeyFile: key });
    expect(manifest.files.find((f) => f.kind === 'external')).toMatchObject({ path: 'external/signing.pem', origin: { setting: 'AUDIT_SIGNING_KEY_FILE', path: key } });
    expect(readFileSync(join(dir, 'backup', 'external', 'signing.pem'), 'utf8')).toBe('OUTSIDE KEY');
  });
});

describe('npm run restore', () => {
  async function backup(): Promise<{ data: string; target: string; manifest: Manifest }> {
    const data = dataDirectory();
    const target = join(dir, 'backup');
    return { data, target, manifest: await backUp({ dataDir: data, target }) };
  }

  it('puts every file back as it was copied, the key as private as it was, and not the read models', async () => {
    const { target, manifest } = await backup();
    const into = join(dir, 'restored');
    const lines: string[] = [];
    await restore({ backupDir: target, dataDir: into, say: (line) => lines.push(line) });
    expect(readdirSync(into).sort()).toEqual(['audit-signing-key.pem', 'first.db', 'intake.db', 'second.db']);
    for (const file of manifest.files) expect(await sha256Of(join(into, file.path))).toBe(file.sha256);
    expect(statSync(join(into, 'audit-signing-key.pem')).mode & 0o777).toBe(0o600);
    expect(lines.at(-1)).toContain('the read models are rebuilt from the restored stores at the next start');
  });

  it('refuses a backup whose file differs from its manifest, naming the file, and restores nothing', async () => {
    const { target } = await backup();
    const file = join(target, 'second.db');
    chmodSync(file, 0o644);
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    writeFileSync(file, bytes);
    const into = join(dir, 'restored');
    await expect(restore({ backupDir: target, dataDir: into })).rejects.toThrow(/^second\.db has sha256 [0-9a-f]{64}, its manifest says [0-9a-f]{64}: the backup was changed$/);
    expect(existsSync(into)).toBe(false);
  });

  it('refuses a directory that is not a backup, and a manifest naming a file outside the backup', async () => {
    await expect(restore({ backupDir: dir, dataDir: join(dir, 'restored') })).rejects.toThrow(`${dir} is not a backup: it has no manifest.json`);
    const { target, manifest } = await backup();
    writeFileSync(join(target, MANIFEST_FILE), JSON.stringify({ ...manifest, files: [{ ...manifest.files[0], path: '../elsewhere.db' }] }));
    await expect(restore({ backupDir: target, dataDir: join(dir, 'restored') })).rejects.toThrow(/names a file outside the backup: "\.\.\/elsewhere\.db"/);
  });

  it('refuses a data directory that holds files unless forced, then moves them aside instead of deleting them', async () => {
    const { data, target, manifest } = await backup();
    await expect(restore({ backupDir: target, dataDir: data })).rejects.toThrow(`${data} is not empty: restore into an empty data directory, or add --force to move its files aside first`);
    const { movedAside } = await restore({ backupDir: target, dataDir: data, force: true, now: () => new Date('2026-12-05T07:00:00.000Z') });
    expect(movedAside).toBe(`${data}.replaced-2026-12-05T07-00-00-000Z`);
    expect(readdirSync(movedAside!)).toContain('read-models.db');
    expect(readdirSync(data)).not.toContain('read-models.db');
    for (const file of manifest.files) expect(await sha256Of(join(data, file.path))).toBe(file.sha256);
  });

  it('refuses, even forced, a data directory a running system has open, naming the open file', async () => {
    const { data, target } = await backup();
    const running = openSqlite(join(data, 'second.db'));
    try {
      running.prepare('SELECT count(*) FROM steps').get();
      await expect(restore({ backupDir: target, dataDir: data, force: true })).rejects.toThrow(`a system is running on ${data} (second.db is open): stop it before restoring into its data directory`);
      expect(existsSync(join(data, 'read-models.db'))).toBe(true);
    } finally {
      running.close();
    }
  });
});
