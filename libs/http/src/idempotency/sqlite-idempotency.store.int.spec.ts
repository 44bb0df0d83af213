import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalJson, ManualClock } from '@whistle/kernel';
import { send } from '../testing/http-client';
import { startTestApp, type TestApp } from '../testing/test-app';
import { handled, TestController } from '../testing/test.controller';
import { SqliteIdempotencyStore } from './sqlite-idempotency.store';

describe('SqliteIdempotencyStore', () => {
  it('keeps the first response per scope and key across a restart, for the retention only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idempotency-'));
    const file = join(dir, 'service.db');
    const clock = new ManualClock('2026-11-21T08:00:00.000Z');
    try {
      const first = new SqliteIdempotencyStore({ file, clock });
      await first.put('alice', 'k1', 'hash-1', { statusCode: 201, body: { id: 'c1', revision: 1 } });
      await first.put('alice', 'k1', 'hash-2', { statusCode: 201, body: { id: 'other' } });
      first.close();
      const second = new SqliteIdempotencyStore({ file, clock });
      expect(await second.get('alice', 'k1')).toEqual({ requestHash: 'hash-1', response: { statusCode: 201, body: { id: 'c1', revision: 1 } } });
      expect(await second.get('bob', 'k1')).toBeUndefined();
      clock.advance(24 * 60 * 60 * 1000 + 1);
      expect(await second.get('alice', 'k1')).toBeUndefined();
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Idempotency-Key over HTTP, kept in a SQLite file: what the file says of a request', () => {
  const STATION = { sub: 's-1', role: 'station', stationId: 'S-1' } as const;
  const SCOPE = JSON.stringify([STATION.sub, STATION.role, STATION.stationId, null, null]);
  const PATH = '/api/test/cases';
  const report = { compoundId: 'C-1', description: 'Bicycles block the fire lane', channel: 'app', reporter: { name: '张三', phone: '13812345678' } };
  /** What the store kept before it was keyed, and what anyone holding the file could test a guessed phone number against. */
  const plainHash = (body: unknown) => createHash('sha256').update(canonicalJson(['POST', PATH, body, SCOPE])).digest('hex');

  let dir: string;
  let file: string;
  let clock: ManualClock;
  let store: SqliteIdempotencyStore;
  let server: TestApp;
  const start = async () => {
    store = new SqliteIdempotencyStore({ file, clock });
    server = await startTestApp({ controllers: [TestController], idempotencyStore: store });
  };
  const stop = async () => {
    await server.close();
    store.close();
  };
  const post = (key: string, body: unknown) =>
    send(server.url, PATH, { token: server.token(STATION), body, headers: { 'idempotency-key': key } });
  /** The file as a backup takes it: the database and its WAL, where it has one. */
  const copies = () => ['', '-wal'].filter((suffix) => existsSync(`${file}${suffix}`)).map((suffix) => readFileSync(`${file}${suffix}`));
  const storedHash = (key: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare('SELECT request_hash AS hash FROM idempotency_keys WHERE key = ?').get(key) as { hash: string } | undefined)?.hash;
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'idempotency-http-'));
    file = join(dir, 'http.db');
    clock = new ManualClock('2026-11-21T08:00:00.000Z');
    handled.reports = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a hash of each request that is not its SHA-256, and still replays a retry and refuses another body, across a restart', async () => {
    await start();
    try {
      expect((await post('k-1', report)).status).toBe(201);
      const stored = storedHash('k-1');
      expect(stored).toMatch(/^[0-9a-f]{64}$/);
      expect(stored).not.toBe(plainHash(report));
      for (const copy of copies()) expect(copy.includes(plainHash(report))).toBe(false);
    } finally {
      await stop();
    }
    await start();
    try {
      const again = await post('k-1', { reporter: { phone: '13812345678', name: '张三' }, channel: 'app', description: report.description, compoundId: 'C-1' });
      expect({ status: again.status, replayed: again.headers.get('idempotent-replayed') }).toEqual({ status: 201, replayed: 'true' });
      expect((await post('k-1', { ...report, reporter: { name: '张三', phone: '13812345679' } })).status).toBe(422);
      expect(handled.reports).toBe(1);
    } finally {
      await stop();
    }
  });

  it('re-keys the plain hashes an earlier version kept, so a retry in flight across the upgrade still replays and no copy of the file holds them', async () => {
    // The file as the version before the secret left it: the same table, a plain SHA-256 per request.
    const earlier = new Database(file);
    earlier.pragma('journal_mode = WAL');
    earlier.exec(`CREATE TABLE idempotency_keys (
      scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status_code INTEGER NOT NULL, body TEXT NOT NULL, stored_ms INTEGER NOT NULL,
      PRIMARY KEY (scope, key)
    )`);
    earlier
      .prepare('INSERT INTO idempotency_keys VALUES (?, ?, ?, ?, ?, ?)')
      .run(SCOPE, 'k-before', plainHash(report), 201, JSON.stringify({ id: 'case-before' }), Date.parse(clock.now()));
    earlier.close();
    expect(copies().some((copy) => copy.includes(plainHash(report)))).toBe(true);

    await start();
    try {
      for (const copy of copies()) expect(copy.includes(plainHash(report))).toBe(false);
      const retry = await post('k-before', report);
      expect({ status: retry.status, body: retry.body, replayed: retry.headers.get('idempotent-replayed') }).toEqual({ status: 201, body: { id: 'case-before' }, replayed: 'true' });
      expect((await post('k-before', { ...report, description: 'Someone else entirely' })).status).toBe(422);
      expect(handled.reports).toBe(0);
    } finally {
      await stop();
    }
  });
});
