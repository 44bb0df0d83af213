import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { ManualClock, type EventToAppend } from '@whistle/kernel';
import { describeEventStoreContract } from '../event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';
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
        expect(raw.pragma('user_version', { simple: true })).toBe(1);
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
      await expect(reader.append('case-3', [event(2)], 1)).rejects.toThrow(/read only: cannot append to case-3/);
      expect(() => reader.subscribe({ subscriptionId: 'relay', handler: async () => undefined })).toThrow(/keeps no checkpoints/);
      expect(await fixture.store.readStream('case-3')).toHaveLength(2);
    } finally {
      await reader.close();
      await fixture.cleanup();
    }
  });

  it('will not open read only a file its service has not created, and says which', () => {
    expect(() => new SqliteEventStore({ file: '/nonexistent/intake.db', readOnly: true })).toThrow('no event store at /nonexistent/intake.db');
  });
});
