import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@whistle/kernel';
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
