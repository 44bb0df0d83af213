import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ApiClient, eventually, roles } from './support/api-client';
import { CaseSteps } from './support/case-steps';
import { SystemProcess } from './support/system-process';

/**
 * Deadlines fire by themselves, also across a restart, exactly once in effect; a kill -9 in the
 * middle of a case loses nothing and does nothing twice; a restart keeps everything.
 */
jest.setTimeout(180_000);

const count = (events: any[], type: string) => events.filter((e) => e.type === type).length;
/**
 * Whether the embedded read models' file is kept by the next start or remade: a mark is left in the
 * stopped system's file, and looked for once it runs again.
 */
function withReadModels<T>(system: SystemProcess, use: (db: Database.Database) => T): T {
  const db = new Database(join(system.dataDir, 'read-models.db'));
  try {
    return use(db);
  } finally {
    db.close();
  }
}
const markReadModels = (system: SystemProcess) => withReadModels(system, (db) => db.prepare("INSERT OR REPLACE INTO read_models_meta (key, value) VALUES ('test-mark', 'left by the test')").run());
const readModelsMarked = (system: SystemProcess) => withReadModels(system, (db) => db.prepare("SELECT 1 FROM read_models_meta WHERE key = 'test-mark'").get() !== undefined);

describe('with a level-2 report-in deadline of 2 s and a grace period of 2 s', () => {
  let system: SystemProcess;
  let steps: CaseSteps;

  beforeAll(async () => {
    system = await SystemProcess.start({ catalogue: { deadlines: { reportIn: { '2': 'PT2S' }, grace: { '2': 'PT2S' } } } });
    steps = new CaseSteps(system.baseUrl);
  });
  afterAll(async () => system?.dispose());

  it('a level-2 case whose units do not report in rises to level 3 by itself after the deadline and the grace period', async () => {
    const caseId = await steps.report('fire_lane_blocked');
    await steps.whistle(caseId, { level: 2 });
    const overdue = await steps.waitFor(caseId, (v) => v.overdue === true, 'overdue after the report-in deadline');
    expect(overdue.level).toBe(2);
    const raised = await steps.waitFor(caseId, (v) => v.level === 3, 'raised to level 3');
    expect(raised.levelHistory.at(-1)).toMatchObject({ from: 2, to: 3, trigger: 'deadline_missed' });
    const history = await steps.history(caseId);
    expect(count(history, 'escalation.ReportInMissed.v1')).toBeGreaterThanOrEqual(1);
    expect(count(history, 'escalation.LevelRaised.v1')).toBe(1);
  });

  it('a deadline that comes due while the system is down fires after the restart, once', async () => {
    const caseId = await steps.report('flying_wire_charging');
    await steps.whistle(caseId, { level: 2 });
    await system.stop();
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await system.relaunch();
    const raised = await steps.waitFor(caseId, (v) => v.level === 3, 'raised to level 3 after the restart');
    expect(raised.levelHistory.filter((h: any) => h.trigger === 'deadline_missed')).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(count(await steps.history(caseId), 'escalation.LevelRaised.v1')).toBe(1);
  });
});

describe('with the default catalogue', () => {
  let system: SystemProcess;
  let steps: CaseSteps;

  beforeAll(async () => {
    system = await SystemProcess.start();
    steps = new CaseSteps(system.baseUrl);
  });
  afterAll(async () => system?.dispose());

  it('a kill -9 right after a whistle and during a burst of reports loses nothing and does nothing twice', async () => {
    const caseId = await steps.report('fire_lane_blocked');
    await steps.whistle(caseId, { level: 2 });
    const burst = Array.from({ length: 20 }, (_, i) =>
      steps.station
        .post('/api/intake/cases', { compoundId: 'compound-xinghua-2', category: 'late_night_noise', description: `噪音 ${i}`, channel: 'hotline_12345' })
        .catch(() => ({ status: 0, body: null })),
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    await system.kill();
    const answers = await Promise.all(burst);
    markReadModels(system);
    await system.relaunch();
    // A killed run never said its read models were whole: they are rebuilt from the stores.
    expect(readModelsMarked(system)).toBe(false);

    // The whistle's tasks are assigned after the restart, one per unit, never two.
    const view = await steps.waitFor(caseId, (v) => v.tasks.length === 2, 'two tasks');
    expect(view.tasks.map((t: any) => t.unitId).sort()).toEqual(['unit-jiaojing', 'unit-xiaofang']);
    const history = await steps.history(caseId);
    expect(count(history, 'enforcement.TaskAssigned.v1')).toBe(2);
    expect(new Set(history.map((e: any) => e.eventId)).size).toBe(history.length);

    // Every report the system confirmed is there and routed to its station exactly once.
    const confirmed = answers.filter((a) => a.status === 201).map((a) => (a.body as any).id as string);
    for (const id of confirmed) {
      await steps.waitFor(id, (v) => v.status === 'triaged' || v.status === 'duplicate', 'triaged after the restart');
      const events = await steps.history(id);
      expect(count(events, 'intake.CaseReported.v1')).toBe(1);
      expect(count(events, 'escalation.TriageOpened.v1')).toBeLessThanOrEqual(1);
    }

    // The case carries on to its end after the crash.
    for (const task of view.tasks) await steps.work(task.taskId, task.unitId, 'resolved');
    await steps.waitFor(caseId, (v) => v.status === 'resolved', 'resolved');
    const verify = await new ApiClient(system.baseUrl, roles.auditor()).post('/api/audit/verify', {});
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ ok: true, breaks: [] });
  });

  it('a restart keeps every case, task, meeting and pending deadline', async () => {
    const caseId = await steps.report('uncivil_dog_keeping');
    const whistleId = await steps.whistle(caseId, { level: 3 });
    const taskId = await steps.taskOf(caseId, 'unit-gongan', whistleId);
    expect((await steps.unit('unit-gongan').post(`/api/enforcement/tasks/${taskId}/report-in`)).status).toBe(200);
    const meeting = await steps.office.post('/api/adjudication/meetings', {
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      place: '镇综治中心',
      invitedUnits: ['unit-gongan', 'unit-chengguan'],
    });
    expect(meeting.status).toBe(201);
    const before = await steps.waitFor(caseId, (v) => v.tasks.some((t: any) => t.status === 'reported_in'), 'a task reported in');

    await system.stop();
    markReadModels(system);
    await system.relaunch();
    // A clean stop leaves read models the next start keeps instead of rebuilding them.
    expect(readModelsMarked(system)).toBe(true);

    const after = await eventually(async () => (await steps.office.get(`/api/query/cases/${caseId}`)).body, 20_000, 'the case after the restart');
    expect({ status: after.status, level: after.level, tasks: after.tasks, deadlines: after.deadlines }).toEqual({
      status: before.status,
      level: before.level,
      tasks: before.tasks,
      deadlines: before.deadlines,
    });
    expect(after.deadlines.length).toBeGreaterThan(0);
    const again = await steps.office.get(`/api/adjudication/meetings/${meeting.body.id}`);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('scheduled');
    // The kept read models go on from where they were: the case moves on, and a new one is listed beside it.
    expect((await steps.unit('unit-chengguan').post(`/api/enforcement/tasks/${await steps.taskOf(caseId, 'unit-chengguan', whistleId)}/report-in`)).status).toBe(200);
    await steps.waitFor(caseId, (v) => v.tasks.filter((t: any) => t.status === 'reported_in').length === 2, 'both tasks reported in after the restart');
    const next = await steps.report('common_area_clutter');
    await steps.waitFor(next, (v) => v.status === 'triaged', 'a case reported after the restart');
  });
});
