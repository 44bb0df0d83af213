import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { ManualClock, verifyStream, type EventEnvelope, type EventToAppend } from '@whistle/kernel';
import { sqliteFixture, type SqliteFixture } from './sqlite-fixture';

/** What an auditor finds when someone edits the SQLite file behind the store's back. */
describe('sqlite event store under tampering', () => {
  const stream = 'case-tampered';
  let fixture: SqliteFixture;
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

  const tamper = (sql: string, ...params: unknown[]) => {
    const raw = new Database(fixture.file);
    try {
      return raw.prepare(sql).run(...params).changes;
    } finally {
      raw.close();
    }
  };

  const at = (revision: number): EventEnvelope => {
    const e = recorded[revision];
    if (!e) throw new Error(`no event at revision ${revision}`);
    return e;
  };

  beforeEach(async () => {
    fixture = sqliteFixture(new ManualClock('2026-11-21T08:00:00.000Z'));
    recorded = (await fixture.store.append(stream, [1, 2, 3, 4, 5].map(event), 'no_stream')).events;
  });
  afterEach(() => fixture.cleanup());

  it('names exactly the event whose data was changed', async () => {
    const victim = at(2);
    expect(tamper(`UPDATE events SET body = json_set(body, '$.data.level', 1) WHERE event_id = ?`, victim.eventId)).toBe(1);

    const read = await fixture.current().readStream(stream);
    expect(read[2]?.data).toEqual({ level: 1, reason: '第3级吹哨' });
    const result = verifyStream(stream, read);
    expect(await fixture.current().verifyStream(stream)).toEqual(result);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ kind: 'hash_mismatch', eventId: victim.eventId, revision: 2, actual: victim.hash });
    expect(result.breaks).toHaveLength(1);
  });

  it('still reads a stream whose body is no longer an event, and names that event', async () => {
    const victim = at(1);
    // SQLite itself refuses a body that is not JSON at all (the generated columns parse it).
    expect(() => tamper(`UPDATE events SET body = 'not json' WHERE event_id = ?`, victim.eventId)).toThrow(/malformed JSON/);
    tamper(`UPDATE events SET body = '"not an event"' WHERE event_id = ?`, victim.eventId);

    const read = await fixture.current().readStream(stream);
    expect(read).toHaveLength(5);
    const result = verifyStream(stream, read);
    expect(read[1]).toMatchObject({ eventId: victim.eventId, data: '"not an event"', hash: victim.hash });
    // Its link to the event before it is unreadable too; the events after it still chain to its hash.
    expect(result.breaks.map((b) => [b.kind, b.eventId])).toEqual([
      ['prev_hash_mismatch', victim.eventId],
      ['hash_mismatch', victim.eventId],
    ]);
  });

  it('names the event after one that was deleted', async () => {
    expect(tamper('DELETE FROM events WHERE event_id = ?', at(2).eventId)).toBe(1);

    const read = await fixture.current().readStream(stream);
    expect(read.map((e) => e.revision)).toEqual([0, 1, 3, 4]);
    const result = verifyStream(stream, read);
    expect(await fixture.current().verifyStream(stream)).toEqual(result);
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
    expect(await reopened.verifyStream(stream)).toEqual({ streamId: stream, checked: 6, ok: true, firstBreak: null, breaks: [] });
  });
});
