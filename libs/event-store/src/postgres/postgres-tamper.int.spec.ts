import { randomUUID } from 'node:crypto';
import { ManualClock, verifyStream, type EventEnvelope, type EventToAppend } from '@whistle/kernel';
import { postgresFixture, type PostgresFixture } from './testing/postgres-fixture';

/**
 * What an auditor finds when a superuser edits the record behind the store's back. The
 * append-only trigger stops UPDATE and DELETE even for a superuser, so these tamperers first turn
 * triggers off for their session (session_replication_role = replica): the chain must still tell.
 */
describe('postgres event store under tampering', () => {
  const stream = 'case-tampered';
  let fixture: PostgresFixture;
  let recorded: EventEnvelope[];

  const event = (n: number): EventToAppend => ({
    eventId: randomUUID(),
    type: 'escalation.LevelRaised.v1',
    data: { level: n, reason: `第${n}级吹哨` },
    caseId: 'c-9',
    occurredAt: '2026-11-21T07:00:00.000Z',
    actor: { id: 'office-1', role: 'office' },
    correlationId: 'k-9',
    causationId: null,
  });

  const tamper = (sql: string, ...params: unknown[]) =>
    fixture.admin(async (client) => {
      await client.query('SET session_replication_role = replica');
      return (await client.query(sql.replace('%events', `"${fixture.schema}".events`), params)).rowCount;
    });

  const at = (revision: number): EventEnvelope => {
    const e = recorded[revision];
    if (!e) throw new Error(`no event at revision ${revision}`);
    return e;
  };

  beforeEach(async () => {
    fixture = await postgresFixture(new ManualClock('2026-11-21T08:00:00.000Z'));
    recorded = (await fixture.store.append(stream, [1, 2, 3, 4, 5].map(event), 'no_stream')).events;
  });
  afterEach(() => fixture.cleanup());

  it('names exactly the event whose body was changed', async () => {
    const victim = at(2);
    expect(await tamper(`UPDATE %events SET body = replace(body, '"level":3', '"level":1') WHERE event_id = $1`, victim.eventId)).toBe(1);

    const read = await fixture.current().readStream(stream);
    expect(read[2]?.data).toEqual({ level: 1, reason: '第3级吹哨' });
    const result = verifyStream(stream, read);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ kind: 'hash_mismatch', eventId: victim.eventId, revision: 2, actual: victim.hash });
    expect(result.breaks).toHaveLength(1);
  });

  it('names the event whose body was only reformatted, as jsonb would store it', async () => {
    const victim = at(1);
    expect(await tamper(`UPDATE %events SET body = body::jsonb::text WHERE event_id = $1`, victim.eventId)).toBe(1);

    const read = await fixture.current().readStream(stream);
    expect(read[1]?.data).toEqual(victim.data);
    expect(verifyStream(stream, read).breaks.map((b) => [b.kind, b.eventId])).toEqual([['hash_mismatch', victim.eventId]]);
  });

  it('still reads a stream whose body is no longer JSON, and names that event', async () => {
    const victim = at(1);
    await tamper(`UPDATE %events SET body = 'not json' WHERE event_id = $1`, victim.eventId);

    const read = await fixture.current().readStream(stream);
    expect(read).toHaveLength(5);
    expect(verifyStream(stream, read).firstBreak).toMatchObject({ kind: 'hash_mismatch', eventId: victim.eventId, revision: 1 });
  });

  it('names the event after one that was deleted', async () => {
    expect(await tamper('DELETE FROM %events WHERE event_id = $1', at(2).eventId)).toBe(1);

    const read = await fixture.current().readStream(stream);
    expect(read.map((e) => e.revision)).toEqual([0, 1, 3, 4]);
    const result = verifyStream(stream, read);
    expect(result.firstBreak).toMatchObject({ kind: 'revision_gap', eventId: at(3).eventId, revision: 3 });
    expect(result.breaks.map((b) => [b.kind, b.revision])).toEqual([
      ['revision_gap', 3],
      ['prev_hash_mismatch', 3],
    ]);
  });

  it('keeps every event intact across a reopen and continues the chain', async () => {
    const reopened = await fixture.reopen();
    expect(await reopened.readStream(stream)).toEqual(recorded);

    const next = await reopened.append(stream, [event(6)], 4);
    expect(next.events[0]).toMatchObject({ revision: 5, prevHash: at(4).hash });
    expect(verifyStream(stream, await reopened.readStream(stream))).toMatchObject({ ok: true, checked: 6 });
  });
});
