import type { CaseSteps } from './case-steps';

/**
 * One full case per path of DOMAIN.md, driven through the public API only: the embedded system
 * and the distributed one must both pass them unchanged.
 */
export function describeCasePaths(stepsOf: () => CaseSteps): void {
  let steps: CaseSteps;
  beforeAll(() => {
    steps = stepsOf();
  });

  const types = (events: any[]) => events.map((e) => e.type);

  it('level 1 (宣传哨): the station holds a publicity activity, the case resolves and closes after the callback', async () => {
    const caseId = await steps.report('fire_theft_publicity');
    const whistleId = await steps.whistle(caseId, { level: 1 });
    await steps.waitFor(caseId, (v) => v.status === 'whistled' && v.level === 1, 'whistled at level 1');

    const activity = await steps.station.post(`/api/enforcement/cases/${caseId}/activities`, {
      heldAt: new Date().toISOString(),
      topic: '冬季防火防盗宣传',
      units: ['unit-xiaofang', 'unit-gongan'],
      attendance: 56,
    });
    expect(activity).toMatchObject({ status: 200 });
    const resolved = await steps.waitFor(caseId, (v) => v.status === 'resolved', 'resolved');
    expect(resolved.whistle.whistleId).toBe(whistleId);

    expect((await steps.station.post(`/api/intake/cases/${caseId}/callback`, { result: 'satisfied' })).status).toBe(200);
    await steps.waitFor(caseId, (v) => v.status === 'closed', 'closed');
  });

  it('level 2 (应急哨): both summoned units act and resolve it; the callback closes it', async () => {
    const caseId = await steps.report('fire_lane_blocked');
    const whistleId = await steps.whistle(caseId, { level: 2 });
    for (const unitId of ['unit-jiaojing', 'unit-xiaofang']) {
      await steps.work(await steps.taskOf(caseId, unitId, whistleId), unitId, 'resolved');
    }
    await steps.waitFor(caseId, (v) => v.status === 'resolved', 'resolved');
    expect((await steps.station.post(`/api/intake/cases/${caseId}/callback`, { result: 'basically_satisfied', note: '车已挪走' })).status).toBe(200);
    const closed = await steps.waitFor(caseId, (v) => v.status === 'closed', 'closed');
    expect(closed.tasks.map((t: any) => t.status).sort()).toEqual(['done', 'done']);
    expect(types(await steps.history(caseId))).toEqual(
      expect.arrayContaining(['intake.CaseReported.v1', 'escalation.WhistleBlown.v1', 'enforcement.OutcomeRecorded.v1', 'escalation.WorkCompleted.v1', 'intake.CaseClosed.v1']),
    );
  });

  it('level 2 raised to 3 when persuasion (劝导) fails', async () => {
    const caseId = await steps.report('late_night_noise');
    const whistleId = await steps.whistle(caseId, { level: 2 });
    await steps.work(await steps.taskOf(caseId, 'unit-gongan', whistleId), 'unit-gongan', 'persuasion_failed');
    const raised = await steps.waitFor(caseId, (v) => v.level === 3 && v.status === 'triaged', 'raised to level 3');
    expect(raised.levelHistory.at(-1)).toMatchObject({ from: 2, to: 3, trigger: 'persuasion_failed' });
  });

  it('level 3 to 4 by two "not our responsibility" declines; no quorum defers it; a quorate meeting resolves it; joint enforcement closes it', async () => {
    const caseId = await steps.report('uncivil_dog_keeping');
    const whistleId = await steps.whistle(caseId, { level: 3 });
    for (const unitId of ['unit-gongan', 'unit-chengguan']) {
      const taskId = await steps.taskOf(caseId, unitId, whistleId);
      const unit = steps.unit(unitId);
      expect((await unit.post(`/api/enforcement/tasks/${taskId}/report-in`)).status).toBe(200);
      expect((await unit.post(`/api/enforcement/tasks/${taskId}/decline`, { reason: '非本单位职责', notOurResponsibility: true })).status).toBe(200);
    }
    // Adjudication's own word that the case awaits tabling: only then does a new meeting put it on the agenda.
    const awaitingTabling = (v: any) => v.status === 'adjudicating' && v.level === 4 && v.adjudication?.status === 'awaiting_tabling';
    await steps.waitFor(caseId, awaitingTabling, 'with the joint meeting at level 4, awaiting tabling');

    const invitedUnits = ['unit-gongan', 'unit-chengguan', 'unit-zhujian'];
    const scheduledAt = new Date(Date.now() + 86_400_000).toISOString();
    const first = await steps.office.post('/api/adjudication/meetings', { scheduledAt, place: '镇综治中心会议室', invitedUnits });
    expect(first.status).toBe(201);
    expect(first.body.agenda).toContain(caseId);
    const m1 = first.body.id as string;
    expect((await steps.office.post(`/api/adjudication/meetings/${m1}/open`)).status).toBe(200);
    expect((await steps.office.post(`/api/adjudication/meetings/${m1}/attendance`, { unitId: 'unit-gongan', present: true })).status).toBe(200);
    const noQuorum = await steps.office.post(`/api/adjudication/meetings/${m1}/cases/${caseId}/resolution`, {
      leadUnit: 'unit-gongan',
      supportingUnits: [],
      measures: '联合执法',
    });
    expect(noQuorum.status).toBe(409);
    expect(noQuorum.body.message).toMatch(/1 of 3 invited units present/);
    expect((await steps.office.post(`/api/adjudication/meetings/${m1}/cases/${caseId}/defer`, { reason: '未达法定人数' })).status).toBe(200);
    expect((await steps.office.post(`/api/adjudication/meetings/${m1}/close`)).status).toBe(200);
    await steps.waitFor(caseId, (v) => v.adjudication?.deferrals === 1 && v.adjudication.status === 'awaiting_tabling', 'deferred once');

    const second = await steps.office.post('/api/adjudication/meetings', { scheduledAt, place: '镇综治中心会议室', invitedUnits });
    expect(second.body.agenda).toContain(caseId);
    const m2 = second.body.id as string;
    await steps.office.post(`/api/adjudication/meetings/${m2}/open`);
    for (const unitId of ['unit-gongan', 'unit-chengguan']) await steps.office.post(`/api/adjudication/meetings/${m2}/attendance`, { unitId, present: true });
    const opinion = await steps.unit('unit-chengguan').post(`/api/adjudication/meetings/${m2}/cases/${caseId}/opinions`, { unitId: 'unit-chengguan', opinion: '城管牵头，公安配合' });
    expect(opinion.status).toBe(200);
    const resolution = await steps.office.post(`/api/adjudication/meetings/${m2}/cases/${caseId}/resolution`, {
      leadUnit: 'unit-chengguan',
      supportingUnits: ['unit-gongan'],
      measures: '联合执法，收容无主犬',
    });
    expect(resolution.status).toBe(200);
    const resolutionId = resolution.body.resolutionId as string;
    expect((await steps.office.post(`/api/adjudication/meetings/${m2}/close`)).status).toBe(200);

    const lead = await steps.taskOf(caseId, 'unit-chengguan', resolutionId);
    const supporting = await steps.taskOf(caseId, 'unit-gongan', resolutionId);
    const withTasks = await steps.waitFor(caseId, (v) => v.status === 'in_progress' || v.status === 'whistled', 'in joint enforcement');
    expect(withTasks.tasks.filter((t: any) => t.whistleId === resolutionId).map((t: any) => t.role).sort()).toEqual(['lead', 'supporting']);
    await steps.work(lead, 'unit-chengguan', 'resolved', [{ kind: 'removal', note: '收容无主犬' }]);
    await steps.work(supporting, 'unit-gongan', 'resolved', [{ kind: 'inspection', note: '配合检查' }]);
    await steps.waitFor(caseId, (v) => v.status === 'resolved', 'resolved');
    expect((await steps.station.post(`/api/intake/cases/${caseId}/callback`, { result: 'satisfied' })).status).toBe(200);
    await steps.waitFor(caseId, (v) => v.status === 'closed', 'closed');

    const minutes = await steps.office.get(`/api/adjudication/meetings/${m2}/minutes?format=text`);
    expect(minutes.status).toBe(200);
    expect(String(minutes.body)).toContain('会议纪要');
    expect(String(minutes.body)).toContain('联合执法，收容无主犬');
  });

  it('a dissatisfied callback reopens the case, which is whistled again', async () => {
    const caseId = await steps.report('common_area_clutter');
    const whistleId = await steps.whistle(caseId, { level: 2 });
    await steps.work(await steps.taskOf(caseId, 'unit-chengguan', whistleId), 'unit-chengguan', 'resolved');
    await steps.waitFor(caseId, (v) => v.status === 'resolved', 'resolved');
    expect((await steps.station.post(`/api/intake/cases/${caseId}/callback`, { result: 'dissatisfied', note: '杂物又堆回来了' })).status).toBe(200);
    // Escalation set the completed round aside (completion cleared): only then does it take a new whistle.
    const reopened = await steps.waitFor(caseId, (v) => v.status === 'reopened' && v.completion === null, 'reopened, and escalation heard of it');
    expect(reopened.reopenCount).toBe(1);
    await steps.whistle(caseId, { level: 2 });
    await steps.waitFor(caseId, (v) => v.status === 'whistled', 'whistled again');
  });
}
