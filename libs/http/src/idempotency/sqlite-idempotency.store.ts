import type Database from 'better-sqlite3';
import type { Clock } from '@whistle/kernel';
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from './idempotency.store';
import { openSqlite } from '@whistle/event-store';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * First responses to keyed commands, in the service's SQLite file, so a retry after a restart
 * still gets the first answer. Records older than the retention are dropped as new ones arrive.
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(private readonly options: { file: string; clock: Clock; retentionMs?: number }) {
    this.db = openSqlite(options.file);
    this.db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      scope TEXT NOT NULL,
      key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      status_code INTEGER NOT NULL,
      body TEXT NOT NULL,
      stored_ms INTEGER NOT NULL,
      PRIMARY KEY (scope, key)
    )`);
    this.statements = {
      get: this.db.prepare('SELECT request_hash AS requestHash, status_code AS statusCode, body FROM idempotency_keys WHERE scope = ? AND key = ? AND stored_ms >= ?'),
      put: this.db.prepare(
        'INSERT INTO idempotency_keys (scope, key, request_hash, status_code, body, stored_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO NOTHING',
      ),
      purge: this.db.prepare('DELETE FROM idempotency_keys WHERE stored_ms < ?'),
    };
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

  private oldestKept(): number {
    return Date.parse(this.options.clock.now()) - (this.options.retentionMs ?? DAY_MS);
  }
}
