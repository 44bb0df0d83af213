import { randomUUID } from 'node:crypto';
import { hashOf, sealedBody, type EventEnvelope } from '@whistle/kernel';
import type { Principal } from '@whistle/auth';
import { SERVICES, type WriteService } from '@whistle/contracts';
import type { EventStore } from '@whistle/event-store';
import { MINUTE } from '@whistle/testing';
import { auditLedgerConsumer, bootstrapLedger } from './audit-ledger';
import { startAuditApp, type AuditApp } from './testing/audit-app.fixture';
import { auditStores, type AuditStores } from './testing/audit-scenario.fixture';

const AUDITOR: Principal = { sub: 'auditor-1', role: 'auditor' };
const CASES = ['a1', 'a2', 'a3', 'a4', 'a5'] as const;

const serviceOf = (e: EventEnvelope): WriteService => SERVICES.find((s) => e.type.startsWith(`${s}.`)) as WriteService;

/** What the test knows apart from the audit: the events that name the case in their data. */
const concerns = (caseId: string) => (e: EventEnvelope) => {
  const data = e.data as { caseId?: string; agenda?: string[] };
  return data.caseId === caseId || (data.agenda ?? []).includes(caseId);
};

/** The history the contract promises: by record time, ties in the stores' order (intake … enforcement), each store in its append order. */
function expectedHistory(recorded: readonly EventEnvelope[], caseId: string): string[] {
  const inStoreOrder = SERVICES.flatMap((service) => recorded.filter((e) => serviceOf(e) === service));
  return inStoreOrder
    .filter(concerns(caseId))
    .sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt))
    .map((e) => e.eventId);
}

/**
 * Five cases whose events interleave in every store: a1 (level 2) worked while a2 and a4 (level 4)
 * go to meeting m1 together and are worked task by task in turn; a3 only reported; a5 (level 4)
 * on the agenda of meeting m2, which has not met.
 */
async function interleavedCases(stores: AuditStores): Promise<void> {
  const { town, clock } = stores;
  await town.report('a1', 'compound-xinghua-1', 'fire_lane_blocked');
  await town.report('a2', 'compound-xinghua-2', 'existing_illegal_building');
  clock.advance(MINUTE);
  await town.report('a3', 'compound-wanghu-1', 'late_night_noise');
  await town.whistle('a1');
  await town.report('a4', 'compound-wutong-1', 'existing_illegal_building');
  await town.whistle('a2');
  await town.reportIn('a1', 'unit-jiaojing');
  await town.whistle('a4');
  clock.advance(MINUTE);
  await town.scheduleMeeting('m1', ['unit-chengguan', 'unit-zhujian', 'unit-ziran-ziyuan']);
  await town.accept('a1', 'unit-jiaojing');
  await town.openMeeting('m1', ['unit-chengguan', 'unit-zhujian']);
  await town.resolve('m1', 'a2', 'unit-chengguan', ['unit-zhujian']);
  await town.resolve('m1', 'a4', 'unit-chengguan', ['unit-zhujian']);
  await town.closeMeeting('m1');
  clock.advance(MINUTE);
  for (const step of ['reportIn', 'accept', 'act', 'outcome'] as const) {
    for (const unit of ['unit-chengguan', 'unit-zhujian']) for (const caseId of ['a2', 'a4']) await town[step](caseId, unit);
  }
  await town.act('a1', 'unit-jiaojing');
  await town.outcome('a1', 'unit-jiaojing');
  await town.work('a1');
  await town.callback('a1', 'satisfied');
  await town.report('a5', 'compound-anju-1', 'zombie_vehicles');
  await town.whistle('a5');
  clock.advance(MINUTE);
  await town.scheduleMeeting('m2', ['unit-gongan', 'unit-chengguan']);
}

describe('one case’s reads among many cases', () => {
  let stores: AuditStores;
  let app: AuditApp;
  const history = async (caseId: string): Promise<string[]> => {
    const { status, body } = await app.get(`/api/audit/cases/${caseId}/history`, AUDITOR);
    expect(status).toBe(200);
    return body.events.map((e: { eventId: string }) => e.eventId);
  };
  const verify = async (caseId: string) => {
    const { status, body } = await app.post('/api/audit/verify', { caseId }, AUDITOR);
    expect(status).toBe(200);
    return body;
  };
  const streamsOf = (caseId: string) => [...new Set(stores.town.recorded.filter(concerns(caseId)).map((e) => e.streamId))].sort();

  afterEach(async () => {
    await app?.close();
    await stores.cleanup();
  });

  describe('with the ledger kept by its consumer', () => {
    beforeEach(async () => {
      stores = auditStores();
      await bootstrapLedger(stores.deps);
      await interleavedCases(stores);
      const consumer = auditLedgerConsumer(stores.deps);
      await consumer.handleBatch(stores.town.recorded);
      consumer.close();
      app = await startAuditApp(stores.deps);
    });

    it('gives each case exactly its own events, in the order recorded, however the cases interleave in the stores', async () => {
      // The cases do interleave: the enforcement store switches between cases many times.
      const enforcement = stores.town.recorded.filter((e) => serviceOf(e) === 'enforcement').map((e) => e.caseId);
      expect(enforcement.filter((caseId, i) => i > 0 && caseId !== enforcement[i - 1]).length).toBeGreaterThan(6);

      for (const caseId of CASES) {
        expect(await history(caseId)).toEqual(expectedHistory(stores.town.recorded, caseId));
        const verified = await verify(caseId);
        expect(verified).toMatchObject({ ok: true, breaks: [] });
        expect(verified.streams.map((s: { streamId: string }) => s.streamId)).toEqual(streamsOf(caseId));
        const whole = stores.town.recorded.filter((e) => streamsOf(caseId).includes(e.streamId));
        expect(verified.checkedEvents).toBe(whole.length);
      }
      const { body: a4 } = await app.get(`/api/audit/cases/a4/state?at=${encodeURIComponent(stores.clock.now())}`, AUDITOR);
      expect(a4).toMatchObject({ id: 'a4', level: 4, aggregates: { adjudication: { status: 'resolved' } } });
      expect(a4.tasks.map((t: { taskId: string; status: string }) => [t.taskId, t.status])).toEqual([
        ['r-a4.unit-chengguan', 'done'],
        ['r-a4.unit-zhujian', 'done'],
      ]);
    });

    it('is unchanged when the ledger hears events again, late and out of order, and when an append is retried', async () => {
      const before = await Promise.all(CASES.map(async (caseId) => ({ history: await history(caseId), verified: await verify(caseId) })));

      const consumer = auditLedgerConsumer(stores.deps);
      const recorded = stores.town.recorded;
      // Redelivered in reverse: every head is offered its stream's earlier events after its last one.
      await consumer.handleBatch([...recorded].reverse());
      for (const event of recorded.filter((_, i) => i % 3 === 0)) await consumer.handle(event);
      consumer.close();
      // The relay retries an append it had already made: the store answers with the first result and writes nothing.
      const whistled = recorded.filter((e) => e.streamId === 'whistle-a2').slice(0, 2);
      const retried = await stores.town.stores.escalation.append(
        'whistle-a2',
        whistled.map(({ eventId, type, data, caseId, occurredAt, actor, correlationId, causationId }) => ({ eventId, type, data, caseId, occurredAt, actor, correlationId, causationId })),
        whistled[0]?.revision === 0 ? 'no_stream' : (whistled[0]?.revision ?? 0) - 1,
      );
      expect(retried.events).toEqual(whistled);

      const after = await Promise.all(CASES.map(async (caseId) => ({ history: await history(caseId), verified: await verify(caseId) })));
      expect(after).toEqual(before);
      const a2 = after[1]?.verified;
      for (const stream of a2.streams) expect(stream.ledgerHead).toEqual(stream.last);
    });

    it('reads only the case’s streams: no whole store is read for one case', async () => {
      await app.close();
      const calls: string[] = [];
      const watched = Object.fromEntries(
        SERVICES.map((service) => [
          service,
          new Proxy(stores.town.stores[service], {
            get(target, property, receiver) {
              const value = Reflect.get(target, property, receiver) as unknown;
              if (typeof value !== 'function') return value;
              return (...args: unknown[]) => {
                calls.push(`${service}.${String(property)}`);
                return (value as (...a: unknown[]) => unknown).apply(target, args);
              };
            },
          }),
        ]),
      ) as Record<WriteService, EventStore>;
      app = await startAuditApp({ ...stores.deps, stores: watched });

      await history('a2');
      expect((await app.get(`/api/audit/cases/a2/state?at=${encodeURIComponent(stores.clock.now())}`, AUDITOR)).status).toBe(200);
      await verify('a2');
      expect((await app.get('/api/audit/cases/a2/dossier', AUDITOR)).status).toBe(200);
      expect(new Set(calls.map((call) => call.split('.')[1]))).toEqual(new Set(['streamsOfCase', 'readStreams']));

      calls.length = 0;
      expect((await app.post('/api/audit/verify', {}, AUDITOR)).body).toMatchObject({ ok: true });
      expect(calls).toContain('intake.readAll');
    });
  });

  describe('with a ledger that heard nothing after its first start', () => {
    beforeEach(async () => {
      stores = auditStores();
      await bootstrapLedger(stores.deps);
      await interleavedCases(stores);
      app = await startAuditApp(stores.deps);
    });

    it('finds every stream of the case from the stores alone, and a meeting named only in its agenda through the case’s own events', async () => {
      for (const caseId of CASES) expect(await history(caseId)).toEqual(expectedHistory(stores.town.recorded, caseId));
      // m2 names a5 only in its agenda, under the meeting's own id: the stores' index does not link it to a5 …
      expect(await stores.town.stores.adjudication.streamsOfCase('a5')).toEqual(['adjudication-a5']);
      // … but a5's tabling names the meeting, so its scheduling is in a5's history and its chain is checked.
      const scheduled = stores.town.recorded.find((e) => e.type === 'adjudication.MeetingScheduled.v1' && e.streamId === 'meeting-m2') as EventEnvelope;
      expect(await history('a5')).toContain(scheduled.eventId);
      const verified = await verify('a5');
      expect(verified.streams.map((s: { streamId: string; ledgerHead: unknown }) => [s.streamId, s.ledgerHead])).toEqual(streamsOf('a5').map((id) => [id, null]));
      expect(streamsOf('a5')).toContain('meeting-m2');
      expect(verified.ok).toBe(true);
    });

    it('finds a stream of the case slipped into a store’s file behind its back, which the ledger never heard of', async () => {
      const model = stores.town.recorded.find((e) => e.type === 'enforcement.TaskAssigned.v1' && e.caseId === 'a2') as EventEnvelope;
      const forged: EventEnvelope = {
        ...model,
        eventId: randomUUID(),
        streamId: 'task-forged.unit-chengguan',
        caseId: 'a3',
        data: { ...(model.data as object), caseId: 'a3', taskId: 'forged.unit-chengguan', whistleId: 'forged' },
        revision: 0,
        prevHash: '0'.repeat(64),
      };
      const sealed = { ...forged, hash: hashOf(forged) };
      const inserted = stores.tamper(
        'enforcement',
        'INSERT INTO events (stream_id, revision, event_id, type, case_id, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
        sealed.streamId,
        0,
        sealed.eventId,
        sealed.type,
        'a3',
        sealedBody(sealed),
        sealed.hash,
      );
      expect(inserted).toBe(1);

      expect(await history('a3')).toContain(sealed.eventId);
      const verified = await verify('a3');
      expect(verified.streams).toContainEqual(expect.objectContaining({ streamId: 'task-forged.unit-chengguan', service: 'enforcement', events: 1, ledgerHead: null }));
    });
  });
});
