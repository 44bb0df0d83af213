import { createHash } from 'node:crypto';
import { canonicalJson } from '@whistle/kernel';
import type { Principal } from '@whistle/auth';
import { bootstrapLedger } from './audit-ledger';
import { startAuditApp, type AuditApp } from './testing/audit-app.fixture';
import { auditScenario, type AuditScenario } from './testing/audit-scenario.fixture';

const AUDITOR: Principal = { sub: 'auditor-1', role: 'auditor' };
const OFFICE: Principal = { sub: 'office-1', role: 'office' };
const NORTH: Principal = { sub: 'north-1', role: 'station', stationId: 'station-north' };
const CHENGGUAN: Principal = { sub: 'chengguan-1', role: 'unit', unitId: 'unit-chengguan' };
const BRANCH: Principal = { sub: 'branch-1', role: 'reporter', compoundId: 'compound-xinghua-2' };

describe('the dossier, and who may audit', () => {
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

  describe('GET /api/audit/cases/{caseId}/dossier', () => {
    it('holds the case, its history, the verification of its streams and the minutes, under a digest of the body', async () => {
      const { status, body } = await app.get('/api/audit/cases/c2/dossier?format=json', OFFICE);
      expect(status).toBe(200);
      const { digest, ...rest } = body;
      expect(digest).toEqual({ algorithm: 'sha256', canonicalization: 'canonical-json', value: createHash('sha256').update(canonicalJson(rest)).digest('hex') });
      expect(rest).toMatchObject({
        caseId: 'c2',
        format: 'json',
        generatedAt: scenario.clock.now(),
        case: { id: 'c2', status: 'closed', level: 4, compoundName: { zh: '锦绣华府' } },
        verification: { ok: true, checkedStreams: 8, breaks: [] },
      });
      expect(rest.history).toEqual((await app.get('/api/audit/cases/c2/history', AUDITOR)).body.events);
      expect(rest.minutes).toEqual([
        expect.objectContaining({
          meetingId: 'm1',
          status: 'closed',
          present: [
            { unitId: 'unit-chengguan', name: expect.objectContaining({ zh: '城市管理局（城管）' }) },
            { unitId: 'unit-zhujian', name: expect.objectContaining({ zh: '住房和城乡建设局（住建）' }) },
          ],
          items: [expect.objectContaining({ caseId: 'c2', decision: expect.objectContaining({ kind: 'resolution', resolutionId: 'r-c2' }) })],
        }),
      ]);
    });

    it('has no minutes for a case no meeting discussed; the json format is the default', async () => {
      const { status, body } = await app.get('/api/audit/cases/c1/dossier', AUDITOR);
      expect(status).toBe(200);
      expect(body).toMatchObject({ format: 'json', minutes: [], case: { status: 'closed' } });
    });

    it('refuses an unknown format (400) and an unknown case (404)', async () => {
      const pdf = await app.get('/api/audit/cases/c1/dossier?format=pdf', AUDITOR);
      expect(pdf.status).toBe(400);
      expect(pdf.body.details).toEqual([expect.objectContaining({ field: 'format' })]);
      expect((await app.get('/api/audit/cases/nope/dossier', AUDITOR)).status).toBe(404);
    });
  });

  describe('roles', () => {
    const reads = ['/api/audit/cases/c2/history', '/api/audit/cases/c2/state?at=2026-11-21T12:00:00Z', '/api/audit/cases/c2/dossier'];

    it.each(reads)('lets auditors and the office read %s', async (path) => {
      expect((await app.get(path, AUDITOR)).status).toBe(200);
      expect((await app.get(path, OFFICE)).status).toBe(200);
    });

    it.each(reads)('refuses stations, units and reporters on %s (403), and callers without a token (401)', async (path) => {
      for (const caller of [NORTH, CHENGGUAN, BRANCH]) expect((await app.get(path, caller)).status).toBe(403);
      expect((await app.get(path)).status).toBe(401);
    });

    it('lets only auditors verify', async () => {
      expect((await app.post('/api/audit/verify', {}, AUDITOR)).status).toBe(200);
      for (const caller of [OFFICE, NORTH, CHENGGUAN, BRANCH]) expect((await app.post('/api/audit/verify', {}, caller)).status).toBe(403);
    });
  });
});
