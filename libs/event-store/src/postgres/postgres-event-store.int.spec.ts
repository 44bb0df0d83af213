import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ManualClock, sealedBody, verifyStream, type EventToAppend } from '@whistle/kernel';
import { describeEventStoreContract } from '../event-store.contract';
import { START, type GlobalPosition } from '../event-store.port';
import { ensureLoginRole, withAdmin } from './postgres-admin';
import { PostgresEventStore } from './postgres-event-store';
import { requirePostgres } from './testing/local-postgres';
import { TEST_DATABASE, postgresFixture, type PostgresFixture } from './testing/postgres-fixture';

describeEventStoreContract('postgres', (clock) => postgresFixture(clock));

const clock = new ManualClock('2026-11-21T08:00:00.000Z');
const event = (n: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'intake.CaseReported.v1',
  data: { n, note: `第${n}次` },
  caseId: 'c-1',
  occurredAt: '2026-11-21T07:00:00.000Z',
  actor: { id: 'resident-1', role: 'reporter' },
  correlationId: 'k-1',
  causationId: null,
});

describe('postgres event store', () => {
  let fixture: PostgresFixture;
  beforeEach(async () => {
    fixture = await postgresFixture(clock);
  });
  afterEach(() => fixture.cleanup());

  it('keeps each event as its sealed body in a TEXT column, byte for byte, beside its hash', async () => {
    const { events } = await fixture.store.append('case-1', [event(0), event(1)], 'no_stream');
    const rows = await fixture.admin(async (client) => {
      const columns = await client.query(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'events' AND column_name IN ('body', 'hash')`,
        [fixture.schema],
      );
      expect(columns.rows.map((c) => c.data_type)).toEqual(['text', 'text']);
      return (await client.query(`SELECT stream_id, revision, event_id, body, hash FROM "${fixture.schema}".events ORDER BY position`)).rows;
    });
    expect(rows).toEqual(events.map((e) => ({ stream_id: 'case-1', revision: e.revision, event_id: e.eventId, body: sealedBody(e), hash: e.hash })));
  });

  it('refuses to update, delete or truncate an event even for the role that owns the record', async () => {
    await fixture.store.append('case-1', [event(0)], 'no_stream');
    for (const statement of ['UPDATE %s.events SET type = type', 'DELETE FROM %s.events', 'TRUNCATE %s.events']) {
      await expect(fixture.admin((client) => client.query(statement.replace('%s', `"${fixture.schema}"`)))).rejects.toThrow(/the event record is append-only/);
    }
    expect(await fixture.store.readStream('case-1')).toHaveLength(1);
  });

  it('never lets a subscription skip an event: appends racing through two pools are each delivered once, in position order', async () => {
    const writers = [fixture.store, await fixture.another({ maxConnections: 8 })];
    const reader = await fixture.another({ pollIntervalMs: 1 });
    const delivered: Array<{ position: GlobalPosition; eventId: string }> = [];
    const subscription = reader.subscribe({
      subscriptionId: 'racing',
      pollIntervalMs: 1,
      handler: async (e, position) => void delivered.push({ position, eventId: e.eventId }),
    });
    await subscription.caughtUp();

    // 2 pools × 8 concurrent appenders × 25 appends of 1 to 3 events, each appender to its own
    // stream so that none conflicts: a missing or repeated event can only be a skip or a replay.
    const appended: string[] = [];
    await Promise.all(
      writers.flatMap((writer, w) =>
        Array.from({ length: 8 }, async (_, a) => {
          for (let i = 0; i < 25; i += 1) {
            const batch = Array.from({ length: 1 + ((w + a + i) % 3) }, (_, n) => event(n));
            const result = await writer.append(`case-${w}-${a}`, batch, i === 0 ? 'no_stream' : 'any');
            appended.push(...result.events.map((e) => e.eventId));
          }
        }),
      ),
    );
    await subscription.waitFor(await fixture.store.headPosition());
    await subscription.stop();

    expect(appended).toHaveLength(800);
    const positions = delivered.map((d) => d.position);
    expect(positions).toEqual([...positions].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    expect(new Set(positions).size).toBe(positions.length);
    expect(delivered.map((d) => d.eventId).sort()).toEqual([...appended].sort());
    const stored = await fixture.store.readAll({ from: START, maxCount: 10_000 });
    expect(delivered).toEqual(stored.map((p) => ({ position: p.position, eventId: p.event.eventId })));
  });

  it('never lets a subscription skip an event whose transaction commits after a later position’s', async () => {
    // A trigger in this throwaway schema holds one append open after its row took its position:
    // the window in which another append could take the next position and commit first.
    await fixture.admin((client) =>
      client.query(`CREATE FUNCTION "${fixture.schema}".slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.5); RETURN NEW; END $$;
                    CREATE TRIGGER slow AFTER INSERT ON "${fixture.schema}".events FOR EACH ROW WHEN (NEW.stream_id = 'case-slow') EXECUTE FUNCTION "${fixture.schema}".slow_insert()`),
    );
    const other = await fixture.another();
    const reader = await fixture.another();
    const delivered: string[] = [];
    const subscription = reader.subscribe({ subscriptionId: 'skip', pollIntervalMs: 5, handler: async (e) => void delivered.push(e.streamId) });
    await subscription.caughtUp();

    const slow = fixture.store.append('case-slow', [event(0)], 'no_stream');
    await new Promise((resolve) => setTimeout(resolve, 150));
    const fast = await other.append('case-fast', [event(0)], 'no_stream');
    const slowResult = await slow;
    await subscription.waitFor(fast.position > slowResult.position ? fast.position : slowResult.position);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await subscription.stop();

    expect(fast.position).toBeGreaterThan(slowResult.position);
    expect(delivered).toEqual(['case-slow', 'case-fast']);
  });

  it('starts another instance on the store without locking out the running one behind a long read', async () => {
    await fixture.store.append('case-r', [event(0)], 'no_stream');
    const { Client } = await import('pg');
    const reader = new Client({ connectionString: fixture.url });
    await reader.connect();
    try {
      await reader.query(`BEGIN; SELECT count(*) FROM "${fixture.schema}".events`);
      const second = await fixture.another();
      const appended = await Promise.race([
        fixture.store.append('case-r', [event(1)], 0).then(() => 'appended'),
        new Promise((resolve) => setTimeout(() => resolve('blocked'), 2_000)),
      ]);
      expect(appended).toBe('appended');
      expect(await second.readStream('case-r')).toHaveLength(2);
    } finally {
      await reader.query('ROLLBACK');
      await reader.end();
    }
  });

  it('indexes each event’s case, and builds the index on a store made before it when its writer next connects', async () => {
    const indexes = () =>
      fixture.admin(async (admin) => (await admin.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = 'events_by_case'`, [fixture.schema])).rows);
    expect(await indexes()).toEqual([{ indexdef: expect.stringContaining('(case_id, stream_id)') }]);
    await fixture.store.append('case-3', [event(0)], 'no_stream');
    await fixture.admin((admin) => admin.query(`DROP INDEX "${fixture.schema}".events_by_case`));
    expect(await indexes()).toEqual([]);
    const store = await fixture.reopen();
    expect(await indexes()).toHaveLength(1);
    expect(await store.streamsOfCase('c-1')).toEqual(['case-3']);
  });

  it('reads a stream from a revision beyond any integer as an empty stream', async () => {
    await fixture.store.append('case-big', [event(0)], 'no_stream');
    expect(await fixture.store.readStream('case-big', { fromRevision: 3e9 })).toEqual([]);
  });

  it('lets concurrent appends with any from two pools to one stream all land, chained', async () => {
    const other = await fixture.another();
    await Promise.all([fixture.store, other].flatMap((store) => Array.from({ length: 10 }, (_, n) => store.append('case-shared', [event(n)], 'any'))));
    const read = await fixture.store.readStream('case-shared');
    expect(read.map((e) => e.revision)).toEqual(Array.from({ length: 20 }, (_, n) => n));
    expect(verifyStream('case-shared', read).ok).toBe(true);
  });

  it('wakes a subscription on another connection’s append by LISTEN/NOTIFY, long before its poll', async () => {
    const reader = await fixture.another();
    const seen: string[] = [];
    const subscription = reader.subscribe({ subscriptionId: 'listener', pollIntervalMs: 60_000, handler: async (e) => void seen.push(e.eventId) });
    await subscription.caughtUp();
    // The listener connects in the background; its first connection wakes the loop once.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const started = Date.now();
    const { events, position } = await fixture.store.append('case-2', [event(0)], 'no_stream');
    await subscription.waitFor(position);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(seen).toEqual(events.map((e) => e.eventId));
    await subscription.stop();
  });

  it('names the server and the command to start it when PostgreSQL cannot be reached', async () => {
    await expect(PostgresEventStore.connect({ connectionString: 'postgres://postgres:secret@127.0.0.1:1/whistle', schema: 'intake' })).rejects.toThrow(
      /cannot reach PostgreSQL for the intake event store at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/whistle .*bash deploy\/local\/postgres\.sh up/,
    );
  });

  it('refuses a schema name that is not a plain identifier, before connecting', async () => {
    await expect(PostgresEventStore.connect({ connectionString: fixture.url, schema: 'intake"; DROP TABLE x; --' })).rejects.toThrow(/is not a plain identifier/);
  });

  // A database restart ends every session with a FATAL message. One that reaches a connection the
  // store has checked out of its pool, between two statements of an append, is emitted by `pg` as
  // an 'error' event on that client, which the pool listens for only while the client is idle: with
  // no listener of the store's, Node ends the whole process (`npm run chaos` saw enforcement die so).
  it('costs at most the append under way when a checked-out connection is lost, never the process', async () => {
    const pool = (fixture.current() as unknown as { pool: pg.Pool }).pool;
    // The server's message arrives as pg delivers it between statements: before the append's next query is sent.
    pool.once('acquire', (client) => process.nextTick(() => client.emit('error', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))));
    await fixture.store.append('case-1', [event(0)], 'no_stream').catch(() => undefined);
    // The store goes on with a good connection.
    const next = await fixture.store.append('case-2', [event(1)], 'no_stream');
    expect(next.events.map((e) => e.streamId)).toEqual(['case-2']);
  });
});

describe('postgres event store read through a read-only role', () => {
  const role = 'whistle_test_reader';
  let fixture: PostgresFixture;
  let readerUrl: string;

  beforeAll(async () => {
    const cluster = requirePostgres();
    await withAdmin(cluster.adminUrl('postgres'), (admin) => ensureLoginRole(admin, role));
    readerUrl = cluster.urlAs(role, TEST_DATABASE);
  });
  beforeEach(async () => {
    fixture = await postgresFixture(clock, { readRoles: [role] });
  });
  afterEach(() => fixture.cleanup());

  it('reads and follows the writer’s appends, and the adapter refuses to write or keep checkpoints', async () => {
    const reader = await PostgresEventStore.connect({ connectionString: readerUrl, schema: fixture.schema, readOnly: true, clock });
    try {
      const { events } = await fixture.store.append('case-3', [event(0)], 'no_stream');
      expect(await reader.readStream('case-3')).toEqual(events);
      const seen: string[] = [];
      const following = reader.subscribe({ subscriptionId: 'audit', inMemory: true, pollIntervalMs: 20, handler: async (e) => void seen.push(e.eventId) });
      const next = await fixture.store.append('case-3', [event(1)], 0);
      await following.waitFor(next.position);
      await following.stop();
      expect(seen).toEqual([...events, ...next.events].map((e) => e.eventId));
      expect(await reader.headPosition()).toBe(next.position);
      // The audit's reads of one case, as the role that may only SELECT.
      expect(await reader.streamsOfCase('c-1')).toEqual(['case-3']);
      expect((await reader.readStreams(['case-3'])).map((p) => p.event)).toEqual([...events, ...next.events]);

      await expect(reader.append('case-3', [event(2)], 1)).rejects.toThrow(/read only: cannot append to case-3/);
      expect(() => reader.subscribe({ subscriptionId: 'relay', handler: async () => undefined })).toThrow(/keeps no checkpoints/);
    } finally {
      await reader.close();
    }
  });

  it('keeps its sessions read only even when the URL carries options of its own', async () => {
    const withOptions = `${readerUrl}${readerUrl.includes('?') ? '&' : '?'}options=-c%20statement_timeout%3D5000`;
    const reader = await PostgresEventStore.connect({ connectionString: withOptions, schema: fixture.schema, readOnly: true, clock });
    try {
      const pool = (reader as unknown as { pool: import('pg').Pool }).pool;
      expect((await pool.query<{ default_transaction_read_only: string }>('SHOW default_transaction_read_only')).rows[0]?.default_transaction_read_only).toBe('on');
      // The URL's own options are kept beside it, and win over the store's own defaults.
      expect((await pool.query<{ statement_timeout: string }>('SHOW statement_timeout')).rows[0]?.statement_timeout).toBe('5s');
      expect((await pool.query<{ lock_timeout: string }>('SHOW lock_timeout')).rows[0]?.lock_timeout).toBe('20s');
    } finally {
      await reader.close();
    }
  });

  it('starts every session with server-side timeouts, so nothing of a client that gave up lingers on the server', async () => {
    const pool = (fixture.store as unknown as { pool: import('pg').Pool }).pool;
    const shown = async (setting: string) => Object.values((await pool.query(`SHOW ${setting}`)).rows[0] ?? {})[0];
    expect({
      statement: await shown('statement_timeout'),
      lock: await shown('lock_timeout'),
      idle: await shown('idle_in_transaction_session_timeout'),
      readOnly: await shown('default_transaction_read_only'),
    }).toEqual({ statement: '25s', lock: '20s', idle: '1min', readOnly: 'off' });
  });

  it('is refused INSERT, UPDATE and DELETE by the database itself: the role holds SELECT only', async () => {
    await fixture.store.append('case-4', [event(0)], 'no_stream');
    // A plain session as the role, without the store's read-only session setting: the grants alone refuse.
    const client = new pg.Client({ connectionString: readerUrl });
    await client.connect();
    try {
      const events = `"${fixture.schema}".events`;
      expect((await client.query(`SELECT count(*)::int AS n FROM ${events}`)).rows).toEqual([{ n: 1 }]);
      const refused = [
        `INSERT INTO ${events} (stream_id, revision, event_id, type, case_id, prev_hash, body, hash) VALUES ('x', 0, 'e', 't', 'c', 'p', '{}', 'h')`,
        `UPDATE ${events} SET body = '{}'`,
        `DELETE FROM ${events}`,
        `INSERT INTO "${fixture.schema}".subscription_checkpoints VALUES ('s', 1, 'now')`,
        `CREATE TABLE "${fixture.schema}".planted (x int)`,
      ];
      for (const statement of refused) await expect(client.query(statement)).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
    expect(await fixture.store.readStream('case-4')).toHaveLength(1);
  });

  it('will not open read only a schema its service has not created, and says which', async () => {
    await expect(PostgresEventStore.connect({ connectionString: readerUrl, schema: 'never_created', readOnly: true })).rejects.toThrow(
      /no event store in schema never_created: its service has not created it yet/,
    );
  });
});
