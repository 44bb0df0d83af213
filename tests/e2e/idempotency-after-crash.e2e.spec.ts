import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ApiClient, roles } from './support/api-client';
import { CaseSteps } from './support/case-steps';
import { SystemProcess } from './support/system-process';

/**
 * A process killed after a command's events were recorded but before http.db kept its
 * Idempotency-Key: the retry with the key must get the first answer and record nothing again.
 * The kill is simulated by removing the key's row from http.db (what such a crash leaves), with
 * the system running and across a restart.
 */
jest.setTimeout(120_000);

describe('an Idempotency-Key whose http.db row was lost to a crash', () => {
  let system: SystemProcess;
  let steps: CaseSteps;
  let station: ApiClient;

  const forget = (key: string) => {
    const db = new Database(join(system.dataDir, 'http.db'));
    try {
      expect(db.prepare('DELETE FROM idempotency_keys WHERE key = ?').run(key).changes).toBe(1);
    } finally {
      db.close();
    }
  };
  /** How many reports with this description the intake store holds, read from its file. */
  const reportsDescribed = (description: string): number => {
    const intake = new Database(join(system.dataDir, 'intake.db'), { readonly: true });
    try {
      return (intake.prepare("SELECT count(*) AS n FROM events WHERE type = 'intake.CaseReported.v1' AND json_extract(body, '$.data.description') = ?").get(description) as { n: number }).n;
    } finally {
      intake.close();
    }
  };
  const count = (events: Array<{ type: string }>, type: string) => events.filter((e) => e.type === type).length;
  const countIn = (file: string, type: string) => {
    const db = new Database(join(system.dataDir, file), { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM events WHERE type = ?').get(type) as { n: number }).n;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    system = await SystemProcess.start();
    steps = new CaseSteps(system.baseUrl);
    station = new ApiClient(system.baseUrl, roles.station('station-north'));
  });
  afterAll(async () => system?.dispose());

  it('answers a retried report with the case its first attempt recorded, after a restart, and reports no second case', async () => {
    const report = { compoundId: 'compound-xinghua-1', category: 'fire_lane_blocked', description: '消防通道被占 幂等测试', channel: 'branch' };
    const first = await station.post('/api/intake/cases', report, { 'idempotency-key': 'report-k-1' });
    expect(first.status).toBe(201);
    await system.stop();
    forget('report-k-1');
    await system.relaunch();

    const retry = await station.post('/api/intake/cases', report, { 'idempotency-key': 'report-k-1' });
    expect({ status: retry.status, body: retry.body, replayed: retry.headers.get('idempotent-replayed') }).toEqual({ status: 201, body: first.body, replayed: 'true' });
    const other = await station.post('/api/intake/cases', { ...report, description: '另一件事' }, { 'idempotency-key': 'report-k-1' });
    expect(other.status).toBe(422);

    expect(reportsDescribed(report.description)).toBe(1);
  });

  it('answers a retried registration, whose firm id each attempt mints anew, with the firm its first attempt registered', async () => {
    const office = new ApiClient(system.baseUrl, roles.office());
    const firm = { name: '梧桐物业', creditCode: '91310115MA1K4ABC21', contact: { name: '赵经理', phone: '13700000000' }, compoundIds: ['compound-wutong-1'] };
    const first = await office.post('/api/supervision/firms', firm, { 'idempotency-key': 'firm-k-1' });
    expect(first.status).toBe(201);
    forget('firm-k-1');

    const retry = await office.post('/api/supervision/firms', firm, { 'idempotency-key': 'firm-k-1' });
    expect({ status: retry.status, body: retry.body, replayed: retry.headers.get('idempotent-replayed') }).toEqual({ status: 201, body: first.body, replayed: 'true' });
    const supervision = new Database(join(system.dataDir, 'supervision.db'), { readonly: true });
    try {
      expect(supervision.prepare("SELECT count(*) AS n FROM events WHERE type = 'supervision.PropertyFirmRegistered.v1'").get()).toEqual({ n: 1 });
    } finally {
      supervision.close();
    }
  });

  it('answers a retried whistle with its first answer while running, and records the whistle once', async () => {
    const caseId = await steps.report('flying_wire_charging', 'compound-xinghua-2');
    const first = await station.post(`/api/escalation/cases/${caseId}/whistle`, { level: 2 }, { 'idempotency-key': 'whistle-k-1' });
    expect(first.status).toBe(200);
    forget('whistle-k-1');

    const retry = await station.post(`/api/escalation/cases/${caseId}/whistle`, { level: 2 }, { 'idempotency-key': 'whistle-k-1' });
    expect({ status: retry.status, body: retry.body, replayed: retry.headers.get('idempotent-replayed') }).toEqual({ status: 200, body: first.body, replayed: 'true' });
    const other = await station.post(`/api/escalation/cases/${caseId}/whistle`, { level: 3 }, { 'idempotency-key': 'whistle-k-1' });
    expect(other.status).toBe(422);
    expect(count(await steps.history(caseId), 'escalation.WhistleBlown.v1')).toBe(1);
  });

  it('answers a retry after http.db was made anew (a new secret, every key lost) with its first answer, recording nothing again', async () => {
    const report = { compoundId: 'compound-xinghua-1', category: 'fire_lane_blocked', description: '消防通道被占 http.db 重建', channel: 'branch' };
    const first = await station.post('/api/intake/cases', report, { 'idempotency-key': 'report-k-anew' });
    expect(first.status).toBe(201);
    await system.stop();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(system.dataDir, `http.db${suffix}`), { force: true });
    await system.relaunch();

    const retry = await station.post('/api/intake/cases', report, { 'idempotency-key': 'report-k-anew' });
    expect({ status: retry.status, body: retry.body, replayed: retry.headers.get('idempotent-replayed') }).toEqual({ status: 201, body: first.body, replayed: 'true' });
    expect(reportsDescribed(report.description)).toBe(1);
  });

  it('answers a retried liaison assignment and ledger entry with the ids their first attempts recorded, not fresh ones', async () => {
    const office = new ApiClient(system.baseUrl, roles.office());
    const C = 'compound-xinghua-1';
    const assignment = { liaison: { kind: 'leader', name: '李强', post: '副县长' }, reason: '幂等测试：联系小区' };
    const first = await office.post(`/api/supervision/compounds/${C}/liaisons`, assignment, { 'idempotency-key': 'liaison-k-1' });
    expect(first.status).toBe(201);
    forget('liaison-k-1');
    const retry = await office.post(`/api/supervision/compounds/${C}/liaisons`, assignment, { 'idempotency-key': 'liaison-k-1' });
    expect({ status: retry.status, body: retry.body, replayed: retry.headers.get('idempotent-replayed') }).toEqual({ status: 201, body: first.body, replayed: 'true' });

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const entry = { liaisonId: first.body.id, kind: 'visit', date: today, found: '楼道堆物', done: '督促清理' };
    const recorded = await office.post(`/api/supervision/compounds/${C}/ledger`, entry, { 'idempotency-key': 'entry-k-1' });
    expect(recorded.status).toBe(201);
    forget('entry-k-1');
    const again = await office.post(`/api/supervision/compounds/${C}/ledger`, entry, { 'idempotency-key': 'entry-k-1' });
    expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: recorded.body });
    expect(countIn('supervision.db', 'supervision.CompoundLedgerEntryRecorded.v1')).toBe(1);
  });
});
