import { fold, type EventEnvelope } from '@whistle/kernel';
import type { Principal } from '@whistle/auth';
import type { IntakeEvent } from '@whistle/contracts';
import { caseDecider } from '@whistle/intake-domain';
import { evolveCaseView, type CaseView } from '@whistle/read-models';
import { bootstrapLedger } from './audit-ledger';
import { startAuditApp, type AuditApp } from './testing/audit-app.fixture';
import { auditScenario, type AuditScenario } from './testing/audit-scenario.fixture';

const AUDITOR: Principal = { sub: 'auditor-1', role: 'auditor' };
const OFFICE: Principal = { sub: 'office-1', role: 'office' };

/** What the test knows independently of the audit: the events that name the case. */
const concerns = (caseId: string) => (e: EventEnvelope) => {
  const data = e.data as { caseId?: string; agenda?: string[] };
  return data.caseId === caseId || (data.agenda ?? []).includes(caseId);
};

describe('a case’s history and its state at a moment', () => {
  let scenario: AuditScenario;
  let app: AuditApp;

  beforeAll(async () => {
    scenario = await auditScenario();
    await bootstrapLedger(scenario.deps);
    app = await startAuditApp(scenario.deps);
  });
  afterAll(async () => {
    await app.close();
    await scenario.cleanup();
  });

  describe('GET /api/audit/cases/{caseId}/history', () => {
    it('gives every event of the case from all five stores, in the order recorded', async () => {
      const { status, body } = await app.get('/api/audit/cases/c2/history', AUDITOR);
      expect(status).toBe(200);
      const expected = scenario.town.recorded.filter(concerns('c2'));
      expect(body.caseId).toBe('c2');
      expect(body.events.map((e: { eventId: string }) => e.eventId).sort()).toEqual(expected.map((e) => e.eventId).sort());
      const times = body.events.map((e: { recordedAt: string }) => Date.parse(e.recordedAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Set(body.events.map((e: { service: string }) => e.service))).toEqual(new Set(['intake', 'escalation', 'adjudication', 'enforcement', 'supervision']));
      expect([...new Set(body.events.map((e: { streamId: string }) => e.streamId))].sort()).toEqual([
        'adjudication-c2',
        'case-c2',
        'evaluation-r-c2.unit-chengguan',
        'evaluation-r-c2.unit-zhujian',
        'meeting-m1',
        'task-r-c2.unit-chengguan',
        'task-r-c2.unit-zhujian',
        'whistle-c2',
      ]);
      const meetingTypes = body.events.filter((e: { streamId: string }) => e.streamId === 'meeting-m1').map((e: { type: string }) => e.type);
      expect(meetingTypes).toEqual(['adjudication.MeetingScheduled.v1', 'adjudication.ResolutionAdopted.v1']);
    });

    it('shows each event with its actor, cause and place in the hash chain', async () => {
      const { body } = await app.get('/api/audit/cases/c1/history', OFFICE);
      const whistle = scenario.town.recorded.find((e) => e.type === 'escalation.WhistleBlown.v1' && e.caseId === 'c1') as EventEnvelope;
      const { eventId, streamId, revision, type, occurredAt, recordedAt, correlationId, causationId, prevHash, hash, data } = whistle;
      expect(body.events.find((e: { eventId: string }) => e.eventId === eventId)).toEqual({
        service: 'escalation',
        eventId,
        streamId,
        revision,
        type,
        occurredAt,
        recordedAt,
        actor: { id: 'station-north-clerk', role: 'station', stationId: 'station-north' },
        correlationId,
        causationId,
        prevHash,
        hash,
        data,
      });
      const assigned = body.events.find((e: { type: string }) => e.type === 'enforcement.TaskAssigned.v1');
      expect(assigned).toMatchObject({ causationId: eventId, correlationId, actor: { role: 'system' } });
    });

    it('keeps the reporter’s personal data sealed', async () => {
      const { body } = await app.get('/api/audit/cases/c1/history', AUDITOR);
      expect(body.events[0]).toMatchObject({ type: 'intake.CaseReported.v1', data: { reporter: { keyId: 'pd-c1', ciphertext: 'c2VhbGVkIGJ5IHRoZSB2YXVsdA==' } } });
    });

    it('answers 404 for a case nobody recorded', async () => {
      const { status, body } = await app.get('/api/audit/cases/nope/history', AUDITOR);
      expect(status).toBe(404);
      expect(body.message).toBe('case nope not found');
    });
  });

  describe('GET /api/audit/cases/{caseId}/state?at=', () => {
    const upTo = (at: string, streamId?: string) =>
      scenario.town.recorded.filter((e) => concerns('c1')(e) && Date.parse(e.recordedAt) <= Date.parse(at) && (streamId === undefined || e.streamId === streamId));

    it('shows the case as it stood after the whistle, folded by the domains and the read side alike', async () => {
      const at = new Date(Date.parse(scenario.whistledAt)).toISOString().replace('Z', '+00:00');
      const { status, body } = await app.get(`/api/audit/cases/c1/state?at=${encodeURIComponent(at)}`, AUDITOR);
      expect(status).toBe(200);

      const intake = fold(
        caseDecider,
        upTo(at, 'case-c1').map((e) => ({ type: e.type, data: e.data }) as IntakeEvent),
      );
      expect(body.aggregates.intake).toEqual(intake);
      expect(body.aggregates.escalation).toMatchObject({ status: 'in_progress', level: 2 });
      expect(body.aggregates.tasks.map((t: { taskId: string; state: { status: string } }) => [t.taskId, t.state.status])).toEqual([
        ['w1.unit-jiaojing', 'assigned'],
        ['w1.unit-xiaofang', 'assigned'],
      ]);
      expect(body.aggregates.adjudication).toEqual({ status: 'none' });

      const view = upTo(at).reduce<CaseView | undefined>((v, e) => evolveCaseView(v, e, 'c1') ?? v, undefined) as CaseView;
      const { facts: _facts, revisions: _revisions, version: _version, figures: _figures, unitFigures: _unitFigures, ...shown } = view;
      expect(body).toMatchObject({ ...shown, status: 'whistled', compoundName: { zh: '杏花苑' }, asOf: { at, eventsApplied: upTo(at).length } });
      expect(body).not.toHaveProperty('facts');
      expect(body.unreadable).toEqual([]);
    });

    it('differs from the case now', async () => {
      const { body } = await app.get(`/api/audit/cases/c1/state?at=${encodeURIComponent(scenario.clock.now())}`, OFFICE);
      expect(body).toMatchObject({ status: 'closed', aggregates: { intake: { status: 'closed' }, escalation: { status: 'stood_down' } } });
      expect(body.tasks.map((t: { status: string }) => t.status)).toEqual(['done', 'done']);
    });

    it('answers 404, saying so, for a moment before the case existed (an offset’s unencoded + read as such)', async () => {
      const { status, body } = await app.get('/api/audit/cases/c1/state?at=2026-11-21T15:59:59+08:00', AUDITOR);
      expect(status).toBe(404);
      expect(body.message).toBe('case c1 did not exist yet at 2026-11-21T15:59:59+08:00: its first event was recorded at 2026-11-21T08:00:00.000Z');
    });

    it.each([[''], ['?at='], ['?at=yesterday'], ['?at=2026-11-21'], ['?at=2026-11-21T08:00:00']])('refuses %s with a 400 naming at', async (query) => {
      const { status, body } = await app.get(`/api/audit/cases/c1/state${query}`, AUDITOR);
      expect(status).toBe(400);
      expect(body.details).toEqual([expect.objectContaining({ field: 'at' })]);
    });

    it('answers 404 for an unknown case', async () => {
      expect((await app.get('/api/audit/cases/nope/state?at=2026-11-21T08:00:00Z', AUDITOR)).status).toBe(404);
    });
  });
});
