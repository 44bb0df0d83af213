import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, sealBatch, verifyStream, type EventEnvelope, type EventToAppend } from '@whistle/kernel';
import { describeEventStoreContract } from '../event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';
import { migrateToVersion2 } from './sqlite-schema';
import { sqliteFixture } from './sqlite-fixture';

describeEventStoreContract('sqlite', async (clock) => sqliteFixture(clock));

describe('sqlite event store file', () => {
  const clock = new ManualClock('2026-11-21T08:00:00.000Z');
  const event = (n: number): EventToAppend => ({
    eventId: randomUUID(),
    type: 'intake.CaseReported.v1',
    data: { n },
    caseId: 'c-1',
    occurredAt: '2026-11-21T07:00:00.000Z',
    actor: { id: 'resident-1', role: 'reporter' },
    correlationId: 'k-1',
    causationId: null,
  });

  it('is a WAL file that a plain SQLite client can read', async () => {
    const fixture = sqliteFixture(clock);
    try {
      const { events } = await fixture.store.append('case-1', [event(0), event(1)], 'no_stream');
      const raw = new Database(fixture.file, { readonly: true });
      try {
        expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(raw.pragma('user_version', { simple: true })).toBe(2);
        const rows = raw.prepare('SELECT stream_id, revision, event_id, data, actor, causation_id, hash FROM events ORDER BY position').all();
        expect(rows).toEqual(
          events.map((e) => ({
            stream_id: 'case-1',
            revision: e.revision,
            event_id: e.eventId,
            data: JSON.stringify(e.data),
            actor: '{"id":"resident-1","role":"reporter"}',
            causation_id: null,
            hash: e.hash,
          })),
        );
      } finally {
        raw.close();
      }
    } finally {
      await fixture.cleanup();
    }
  });

  it('delivers to a subscription appends made through another connection to the file, by polling', async () => {
    const fixture = sqliteFixture(clock);
    const writer = new SqliteEventStore({ file: fixture.file, clock });
    try {
      const seen: string[] = [];
      const subscription = fixture.store.subscribe({
        subscriptionId: 'poller',
        pollIntervalMs: 20,
        handler: async (e) => void seen.push(e.eventId),
      });
      await subscription.caughtUp();
      const { events, position } = await writer.append('case-2', [event(0), event(1)], 'no_stream');
      await subscription.waitFor(position);
      await subscription.stop();
      expect(seen).toEqual(events.map((e) => e.eventId));
    } finally {
      await writer.close();
      await fixture.cleanup();
    }
  });

  it('opened read only by another process’s reader: sees the writer’s appends, refuses to write, keeps no checkpoints', async () => {
    const fixture = sqliteFixture(clock);
    const reader = new SqliteEventStore({ file: fixture.file, clock, readOnly: true });
    try {
      const { events } = await fixture.store.append('case-3', [event(0)], 'no_stream');
      expect(await reader.readStream('case-3')).toEqual(events);
      await fixture.store.append('case-3', [event(1)], 0);
      expect((await reader.readAll({ from: -1n, maxCount: 10 })).map((p) => p.event.revision)).toEqual([0, 1]);
      expect(await reader.streamsOfCase('c-1')).toEqual(['case-3']);
      expect(await reader.readStreams(['case-3'])).toEqual(await reader.readAll({ from: -1n, maxCount: 10 }));
      await expect(reader.append('case-3', [event(2)], 1)).rejects.toThrow(/read only: cannot append to case-3/);
      expect(() => reader.subscribe({ subscriptionId: 'relay', handler: async () => undefined })).toThrow(/keeps no checkpoints/);
      expect(await fixture.store.readStream('case-3')).toHaveLength(2);
    } finally {
      await reader.close();
      await fixture.cleanup();
    }
  });

  it('opens read only a file whose writer has not yet added the Idempotency-Key table, which the writer adds when it next opens it', async () => {
    const fixture = sqliteFixture(clock);
    try {
      await fixture.store.append('case-4', [event(0)], 'no_stream');
      await fixture.store.close();
      const earlier = new Database(fixture.file);
      earlier.exec('DROP TABLE idempotency_keys');
      earlier.close();
      const reader = new SqliteEventStore({ file: fixture.file, clock, readOnly: true });
      expect(await reader.readStream('case-4')).toHaveLength(1);
      await reader.close();

      const writer = await fixture.reopen();
      const mark = { scope: 'alice', key: 'k-1' };
      const keyed = await writer.append('case-4', [event(1)], 0, { idempotency: mark });
      expect(await writer.appendsOfKey('alice', 'k-1')).toEqual([{ streamId: 'case-4', result: keyed }]);
    } finally {
      await fixture.cleanup();
    }
  });

  it('finds a case’s streams by its index, which a file made before it gets when its writer next opens it', async () => {
    const fixture = sqliteFixture(clock);
    try {
      await fixture.store.append('case-3', [event(0)], 'no_stream');
      await fixture.store.append('task-w1.unit-a', [{ ...event(1), caseId: 'c-2' }], 'no_stream');
      // A connection of its own each time: EXPLAIN plans with the schema its connection last read.
      const raw = <T>(use: (db: Database.Database) => T): T => {
        const db = new Database(fixture.file);
        try {
          return use(db);
        } finally {
          db.close();
        }
      };
      const plan = () =>
        raw((db) => db.prepare("EXPLAIN QUERY PLAN SELECT DISTINCT stream_id FROM events WHERE case_id = 'c-1' ORDER BY stream_id").all() as { detail: string }[]).map((step) => step.detail);
      expect(plan()).toEqual(['SEARCH events USING COVERING INDEX events_by_case (case_id=?)']);
      raw((db) => db.exec('DROP INDEX events_by_case'));
      // Without it a reader still answers, by reading the table.
      const reader = new SqliteEventStore({ file: fixture.file, clock, readOnly: true });
      expect(await reader.streamsOfCase('c-2')).toEqual(['task-w1.unit-a']);
      await reader.close();
      await fixture.reopen();
      expect(plan()).toEqual(['SEARCH events USING COVERING INDEX events_by_case (case_id=?)']);
      expect(await fixture.current().streamsOfCase('c-1')).toEqual(['case-3']);
    } finally {
      await fixture.cleanup();
    }
  });

  it('moves a version 1 file (members in columns of their own) to the sealed-body layout, keeping every event and position', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'event-store-v1-'));
    const file = join(dir, 'intake.db');
    const sealed = [
      ...sealBatch('case-old', [event(0), event(1), event(2)], null, '2026-11-01T08:00:00.000Z'),
      ...sealBatch('case-other', [event(3)], null, '2026-11-01T08:00:01.000Z'),
    ];
    writeVersion1(file, sealed);
    const old = new Database(file);
    // Edited in version 1, behind the store's back: the move must keep the edit visible to verification.
    old.prepare(`UPDATE events SET data = '{"n":99}' WHERE event_id = ?`).run(sealed[1]?.eventId);
    old.close();

    const readOnly = () => new SqliteEventStore({ file, readOnly: true });
    expect(readOnly).toThrow(/layout version 1, not 2: start its writing service once to move it/);
    const store = new SqliteEventStore({ file, clock });
    try {
      const read = await store.readAll({ from: -1n, maxCount: 10 });
      expect(read.map((p) => p.position)).toEqual([1n, 2n, 3n, 5n]);
      expect(read.map((p) => p.event)).toEqual(sealed.map((e, i) => (i === 1 ? { ...e, data: { n: 99 } } : e)));
      expect(verifyStream('case-other', await store.readStream('case-other')).ok).toBe(true);
      const moved = verifyStream('case-old', await store.readStream('case-old'));
      expect(moved.breaks.map((b) => [b.kind, b.revision])).toEqual([['hash_mismatch', 1]]);
      // The position counter survives the move: the deleted position 6 is never handed out again.
      const next = await store.append('case-other', [event(4)], 0);
      expect(next.position).toBe(7n);
      expect(verifyStream('case-other', await store.readStream('case-other')).ok).toBe(true);
      const raw = new Database(file, { readonly: true });
      expect(raw.pragma('user_version', { simple: true })).toBe(2);
      raw.close();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes appends asked for in the same turn in order, each standing or falling on its own', async () => {
    const fixture = sqliteFixture(clock);
    try {
      const results = await Promise.allSettled([
        fixture.store.append('case-g', [event(0)], 'no_stream'),
        fixture.store.append('case-g', [event(1)], 'no_stream'), // the first took the stream: stale
        fixture.store.append('case-h', [event(2), event(3)], 'no_stream'),
        fixture.store.append('case-g', [event(4)], 0), // follows the first, in the same transaction
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect(results[1]).toMatchObject({ status: 'rejected', reason: { name: 'WrongExpectedRevision' } });
      const revisions = results.flatMap((r) => (r.status === 'fulfilled' ? r.value.events.map((e) => e.revision) : []));
      expect(revisions).toEqual([0, 0, 1, 1]);
      expect((await fixture.store.readStream('case-g')).map((e) => e.data)).toEqual([{ n: 0 }, { n: 4 }]);
      expect(verifyStream('case-g', await fixture.store.readStream('case-g')).ok).toBe(true);
      const reopened = await fixture.reopen();
      expect((await reopened.readAll({ from: -1n, maxCount: 10 })).map((p) => p.event.streamId)).toEqual(['case-g', 'case-h', 'case-h', 'case-g']);
    } finally {
      await fixture.cleanup();
    }
  });

  it('moves a version 1 file once, however many writers open it, and keeps the counter of an emptied one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'event-store-v1-'));
    const file = join(dir, 'intake.db');
    // Strings that look like other JSON values: read through version 2's generated columns as if
    // they were version 1's, they would lose their quotes.
    const tricky = sealBatch('case-old', [{ ...event(0), data: '123' }, { ...event(1), data: 'true' }], null, '2026-11-01T08:00:00.000Z');
    writeVersion1(file, tricky);
    try {
      const first = new SqliteEventStore({ file, clock });
      await first.close();
      const raw = new Database(file);
      expect(migrateToVersion2(raw)).toBe(0);
      raw.close();
      const again = new SqliteEventStore({ file, clock });
      expect(await again.readStream('case-old')).toEqual(tricky);
      expect((await again.verifyStream('case-old')).ok).toBe(true);
      await again.close();

      const emptied = join(dir, 'emptied.db');
      writeVersion1(emptied, []);
      const store = new SqliteEventStore({ file: emptied, clock });
      expect((await store.append('case-new', [event(2)], 'no_stream')).position).toBe(7n);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('will not open read only a file its service has not created, and says which', () => {
    expect(() => new SqliteEventStore({ file: '/nonexistent/intake.db', readOnly: true })).toThrow('no event store at /nonexistent/intake.db');
  });
});

/** A file as version 1 of the store wrote it, with a gap at position 4 and a deleted last position 6. */
function writeVersion1(file: string, events: readonly EventEnvelope[]): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE events (
      position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
      event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, case_id TEXT NOT NULL, data TEXT NOT NULL,
      actor TEXT NOT NULL, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL, correlation_id TEXT NOT NULL,
      causation_id TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (stream_id, revision));
    CREATE TABLE subscription_checkpoints (subscription_id TEXT PRIMARY KEY, position INTEGER NOT NULL, updated_at TEXT NOT NULL) WITHOUT ROWID;
    PRAGMA user_version = 1;`);
  const insert = db.prepare(
    `INSERT INTO events (position, stream_id, revision, event_id, type, case_id, data, actor, occurred_at, recorded_at, correlation_id, causation_id, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  events.forEach((e, i) =>
    insert.run(i < 3 ? i + 1 : i + 2, e.streamId, e.revision, e.eventId, e.type, e.caseId, JSON.stringify(e.data), JSON.stringify(e.actor), e.occurredAt, e.recordedAt, e.correlationId, e.causationId, e.prevHash, e.hash),
  );
  db.exec("DELETE FROM sqlite_sequence WHERE name = 'events'; INSERT INTO sqlite_sequence (name, seq) VALUES ('events', 6)");
  db.close();
}
