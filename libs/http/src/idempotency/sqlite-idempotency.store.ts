import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Clock } from '@whistle/kernel';
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from './idempotency.store';
import { keyedRequestHash, requestHash, type HashedRequest } from './request-hash';
import { openSqlite } from '@whistle/event-store';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * First responses to keyed commands, in the service's SQLite file, so a retry after a restart
 * still gets the first answer. Records older than the retention are dropped as new ones arrive.
 * Requests are hashed under a secret made once and kept in the file beside them; the connection
 * overwrites what it deletes or replaces (secure_delete), so neither the rows dropped nor the plain
 * hashes re-keyed at the upgrade leave a copy in the file's free space.
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly secret: Buffer;

  constructor(private readonly options: { file: string; clock: Clock; retentionMs?: number }) {
    this.db = openSqlite(options.file);
    this.db.pragma('secure_delete = ON');
    this.db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      scope TEXT NOT NULL,
      key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      status_code INTEGER NOT NULL,
      body TEXT NOT NULL,
      stored_ms INTEGER NOT NULL,
      PRIMARY KEY (scope, key)
    )`);
    this.secret = this.secretOnce();
    this.statements = {
      get: this.db.prepare('SELECT request_hash AS requestHash, status_code AS statusCode, body FROM idempotency_keys WHERE scope = ? AND key = ? AND stored_ms >= ?'),
      put: this.db.prepare(
        'INSERT INTO idempotency_keys (scope, key, request_hash, status_code, body, stored_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO NOTHING',
      ),
      purge: this.db.prepare('DELETE FROM idempotency_keys WHERE stored_ms < ?'),
    };
  }

  requestHash(request: HashedRequest): string {
    return requestHash(request, this.secret);
  }

  async get(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = this.statements.get.get(scope, key, this.oldestKept()) as { requestHash: string; statusCode: number; body: string } | undefined;
    return row && { requestHash: row.requestHash, response: { statusCode: row.statusCode, body: JSON.parse(row.body) as unknown } };
  }

  /** The first response stays: a second put for the same key (a race) changes nothing. */
  async put(scope: string, key: string, requestHash: string, response: StoredResponse): Promise<void> {
    this.statements.purge.run(this.oldestKept());
    this.statements.put.run(scope, key, requestHash, response.statusCode, JSON.stringify(response.body ?? null), Date.parse(this.options.clock.now()));
  }

  close(): void {
    this.db.close();
  }

  /**
   * The file's secret, made at its first open by this version. Rows an earlier version stored hold
   * the request's plain SHA-256: they are re-keyed in the same transaction (their hash replaced by
   * its HMAC, which `requestHash` computes too), so a retry in flight across the upgrade still
   * replays, and the WAL is emptied so the plain hashes are in no copy of the file made afterwards.
   */
  private secretOnce(): Buffer {
    const made = this.db.transaction((): number => {
      if (this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'idempotency_secret'`).get()) return -1;
      this.db.exec('CREATE TABLE idempotency_secret (id INTEGER PRIMARY KEY CHECK (id = 1), secret BLOB NOT NULL)');
      const secret = randomBytes(32);
      this.db.prepare('INSERT INTO idempotency_secret (id, secret) VALUES (1, ?)').run(secret);
      const plain = this.db.prepare('SELECT rowid AS id, request_hash AS hash FROM idempotency_keys').all() as { id: number; hash: string }[];
      const rekey = this.db.prepare('UPDATE idempotency_keys SET request_hash = ? WHERE rowid = ?');
      for (const row of plain) rekey.run(keyedRequestHash(row.hash, secret), row.id);
      return plain.length;
    }).immediate();
    if (made > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return (this.db.prepare('SELECT secret FROM idempotency_secret WHERE id = 1').get() as { secret: Buffer }).secret;
  }

  private oldestKept(): number {
    return Date.parse(this.options.clock.now()) - (this.options.retentionMs ?? DAY_MS);
  }
}
