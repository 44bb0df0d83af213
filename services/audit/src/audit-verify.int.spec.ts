import { hashOf, sealedBody, verifyStream, type EventEnvelope } from '@whistle/kernel';
import type { Principal } from '@whistle/auth';
import { ownerOf, SERVICES } from '@whistle/contracts';
import type { AuditDependencies } from './audit.dependencies';
import { auditLedgerConsumer, bootstrapLedger } from './audit-ledger';
import { startAuditApp, type AuditApp } from './testing/audit-app.fixture';
import { auditScenario, type AuditScenario } from './testing/audit-scenario.fixture';

const AUDITOR: Principal = { sub: 'auditor-1', role: 'auditor' };

describe('POST /api/audit/verify', () => {
  let scenario: AuditScenario;
  let deps: AuditDependencies;
  let app: AuditApp;

  const last = (streamId: string): EventEnvelope => scenario.town.recorded.filter((e) => e.streamId === streamId).at(-1) as EventEnvelope;
  const find = (type: string, caseId: string): EventEnvelope => scenario.town.recorded.find((e) => e.type === type && e.caseId === caseId) as EventEnvelope;
  const verify = async (body: unknown = {}) => {
    const { status, body: report } = await app.post('/api/audit/verify', body, AUDITOR);
    expect(status).toBe(200);
    return report;
  };

  beforeEach(async () => {
    scenario = await auditScenario();
    deps = scenario.deps;
    app = await startAuditApp(deps);
  });
  afterEach(async () => {
    await app.close();
    await scenario.cleanup();
  });

  describe('with the ledger bootstrapped from the stores', () => {
    beforeEach(async () => {
      expect(await bootstrapLedger(deps)).toMatchObject({ bootstrapped: true, events: scenario.town.recorded.length });
    });

    it('finds nothing wrong with untouched stores', async () => {
      const streams = new Set(scenario.town.recorded.map((e) => e.streamId));
      expect(await verify()).toEqual({
        caseId: null,
        verifiedAt: scenario.clock.now(),
        checkedStreams: streams.size,
        checkedEvents: scenario.town.recorded.length,
        ok: true,
        breaks: [],
        // each store's log, held against its latest signed checkpoint (none signed yet here)
        logs: SERVICES.map((log) => ({ log, events: scenario.town.recorded.filter((e) => ownerOf(e.type) === log).length, checkpoint: null, ok: true })),
      });
      expect(await verify(undefined)).toMatchObject({ ok: true });
    });

    it('names the event whose data was changed in the file', async () => {
      const victim = find('escalation.WhistleBlown.v1', 'c1');
      expect(scenario.tamper('escalation', `UPDATE events SET body = json_set(body, '$.data.level', 3) WHERE event_id = ?`, victim.eventId)).toBe(1);
      const report = await verify();
      expect(report.ok).toBe(false);
      expect(report.breaks).toEqual([
        { streamId: 'whistle-c1', revision: victim.revision, eventId: victim.eventId, kind: 'hash_mismatch', message: expect.stringContaining(victim.eventId) },
      ]);
    });

    it('reports missing_events when a stream’s last event is deleted, which the hash chain alone cannot see', async () => {
      const closed = last('case-c1');
      expect(closed.type).toBe('intake.CaseClosed.v1');
      expect(scenario.tamper('intake', 'DELETE FROM events WHERE event_id = ?', closed.eventId)).toBe(1);
      expect(verifyStream('case-c1', await scenario.town.stores.intake.readStream('case-c1'))).toMatchObject({ ok: true });

      const report = await verify();
      expect(report.breaks).toEqual([
        {
          streamId: 'case-c1',
          revision: closed.revision,
          eventId: closed.eventId,
          kind: 'missing_events',
          message: `case-c1 ends at revision ${closed.revision - 1}, but the audit saw it reach revision ${closed.revision} (event ${closed.eventId}): events were removed from its end`,
        },
      ]);
    });

    it('reports missing_stream when a whole stream is deleted', async () => {
      const task = last('task-w1.unit-jiaojing');
      expect(scenario.tamper('enforcement', `DELETE FROM events WHERE stream_id = 'task-w1.unit-jiaojing'`)).toBeGreaterThan(1);
      const report = await verify();
      expect(report.breaks).toEqual([expect.objectContaining({ streamId: 'task-w1.unit-jiaojing', kind: 'missing_stream', revision: task.revision, eventId: task.eventId })]);
      expect(report.checkedStreams).toBe(new Set(scenario.town.recorded.map((e) => e.streamId)).size);
    });

    it('reports head_mismatch when the last event is replaced and its hash recomputed', async () => {
      const resolved = last('adjudication-c2');
      const forged = { ...resolved, data: { ...(resolved.data as object), measures: '不予处理' } };
      scenario.tamper('adjudication', 'UPDATE events SET body = ?, hash = ? WHERE event_id = ?', sealedBody(forged), hashOf(forged), resolved.eventId);
      expect(verifyStream('adjudication-c2', await scenario.town.stores.adjudication.readStream('adjudication-c2'))).toMatchObject({ ok: true });

      const report = await verify();
      expect(report.breaks).toEqual([expect.objectContaining({ streamId: 'adjudication-c2', revision: resolved.revision, kind: 'head_mismatch' })]);
    });

    it('checks only the case’s streams when asked for one case', async () => {
      scenario.tamper('intake', 'DELETE FROM events WHERE event_id = ?', last('case-c1').eventId);
      expect(await verify({ caseId: 'c3' })).toMatchObject({ caseId: 'c3', checkedStreams: 2, checkedEvents: 3, ok: true });
      expect(await verify({ caseId: 'c1' })).toMatchObject({ caseId: 'c1', ok: false, breaks: [{ kind: 'missing_events' }] });
      expect((await verify({ caseId: 'c2' })).checkedStreams).toBe(8);
    });

    it('gives each of a case’s streams its own result: the store that holds it, its last event, the head the ledger saw', async () => {
      const whistle = last('whistle-c1');
      const untouched = await verify({ caseId: 'c1' });
      expect(untouched.streams.map((s: { streamId: string }) => s.streamId)).toEqual(['case-c1', 'evaluation-w1.unit-jiaojing', 'evaluation-w1.unit-xiaofang', 'task-w1.unit-jiaojing', 'task-w1.unit-xiaofang', 'whistle-c1']);
      expect(untouched.streams.find((s: { streamId: string }) => s.streamId === 'whistle-c1')).toEqual({
        streamId: 'whistle-c1',
        service: 'escalation',
        events: scenario.town.recorded.filter((e) => e.streamId === 'whistle-c1').length,
        last: { revision: whistle.revision, hash: whistle.hash },
        ledgerHead: { revision: whistle.revision, hash: whistle.hash },
        ok: true,
        breaks: 0,
      });

      expect(scenario.tamper('enforcement', `DELETE FROM events WHERE stream_id = 'task-w1.unit-jiaojing'`)).toBeGreaterThan(1);
      const victim = find('escalation.WhistleBlown.v1', 'c1');
      scenario.tamper('escalation', `UPDATE events SET body = json_set(body, '$.data.level', 3) WHERE event_id = ?`, victim.eventId);
      const tampered = await verify({ caseId: 'c1' });
      expect(tampered.streams.map((s: { streamId: string; ok: boolean; service: string | null; events: number }) => [s.streamId, s.ok, s.service, s.events > 0])).toEqual([
        ['case-c1', true, 'intake', true],
        ['evaluation-w1.unit-jiaojing', true, 'supervision', true],
        ['evaluation-w1.unit-xiaofang', true, 'supervision', true],
        ['task-w1.unit-jiaojing', false, null, false],
        ['task-w1.unit-xiaofang', true, 'enforcement', true],
        ['whistle-c1', false, 'escalation', true],
      ]);
      // The whole system's verification only counts its streams.
      expect(await verify()).not.toHaveProperty('streams');
    });

    it('refuses an unknown case (404) and a malformed body (400)', async () => {
      expect((await app.post('/api/audit/verify', { caseId: 'nope' }, AUDITOR)).status).toBe(404);
      const bad = await app.post('/api/audit/verify', { caseId: 7 }, AUDITOR);
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'caseId' })]);
    });

    it('leaves a bootstrapped ledger alone at the next start', async () => {
      expect(await bootstrapLedger(deps)).toEqual({ bootstrapped: false, streams: 0, events: 0 });
    });
  });

  it('holds the stores against the heads the ledger consumer saw on the bus, redeliveries and all', async () => {
    const consumer = auditLedgerConsumer(deps);
    // All at once, as a busy bus delivers them: one transaction for the lot, and heads never move back.
    await Promise.all([...scenario.town.recorded, ...scenario.town.recorded.slice(0, 10)].map((event) => consumer.handle(event)));
    consumer.close();
    expect(await verify()).toMatchObject({ ok: true, checkedEvents: scenario.town.recorded.length });

    const closing = last('meeting-m1');
    scenario.tamper('adjudication', 'DELETE FROM events WHERE event_id = ?', closing.eventId);
    expect((await verify()).breaks).toEqual([expect.objectContaining({ streamId: 'meeting-m1', kind: 'missing_events', eventId: closing.eventId })]);
  });
});
