import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { ManualClock, type EventToAppend } from '@whistle/kernel';
import { postgresFixture, type PostgresFixture } from './testing/postgres-fixture';

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

/**
 * A database restart ends every session with a FATAL message. One that reaches a connection the
 * store has checked out of its pool, between two statements of an append, is emitted by `pg` as
 * an 'error' event on that client, which the pool listens for only while the client is idle: with
 * no listener of the store's, Node ends the whole process (`npm run chaos` saw enforcement die so).
 */
describe('postgres event store, a connection lost while checked out', () => {
  let fixture: PostgresFixture;
  beforeEach(async () => {
    fixture = await postgresFixture(clock);
  });
  afterEach(() => fixture.cleanup());

  it('costs at most the append under way, never the process', async () => {
    const pool = (fixture.current() as unknown as { pool: pg.Pool }).pool;
    // The server's message arrives as pg delivers it between statements: before the append's next query is sent.
    pool.once('acquire', (client) => process.nextTick(() => client.emit('error', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))));
    await fixture.store.append('case-1', [event(0)], 'no_stream').catch(() => undefined);
    // The store goes on with a good connection.
    const next = await fixture.store.append('case-2', [event(1)], 'no_stream');
    expect(next.events.map((e) => e.streamId)).toEqual(['case-2']);
  });
});
