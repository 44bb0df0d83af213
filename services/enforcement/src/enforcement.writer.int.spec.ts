import { startWriterUnderTest, type WriterUnderTest } from '@whistle/deployment/testing';
import { streams, taskIdFor } from '@whistle/contracts';
import { enforcementWriter } from './enforcement.writer';

const POLICE = { sub: 'police-officer', role: 'unit', unitId: 'unit-jiaojing' } as const;
const FIRE = { sub: 'fire-officer', role: 'unit', unitId: 'unit-xiaofang' } as const;
const CASE = 'case-under-test';

describe('the enforcement service as its definition wires it', () => {
  let enforcement: WriterUnderTest;
  beforeEach(async () => {
    enforcement = await startWriterUnderTest(enforcementWriter);
  });
  afterEach(() => enforcement.close());

  it('turns a level-2 whistle on escalation’s topic into one task per unit, which the unit works through its HTTP module', async () => {
    const reportInDueAt = new Date(Date.parse(enforcement.clock.now()) + 30 * 60_000).toISOString();
    await enforcement.deliver(
      {
        type: 'escalation.WhistleBlown.v1',
        data: {
          caseId: CASE,
          whistleId: 'w1',
          stationId: 'station-north',
          level: 2,
          units: [{ unitId: 'unit-jiaojing', reportInDueAt }, { unitId: 'unit-xiaofang', reportInDueAt }],
          blownAt: enforcement.clock.now(),
        },
      },
      streams.whistle(CASE),
    );
    const assigned = await enforcement.publishedOf('enforcement.TaskAssigned.v1', 2);
    expect(assigned.map((e) => e.streamId).sort()).toEqual(
      [streams.task(taskIdFor('w1', 'unit-jiaojing')), streams.task(taskIdFor('w1', 'unit-xiaofang'))].sort(),
    );
    expect(assigned[0]?.actor).toEqual({ id: 'system:enforcement', role: 'system' });
    const taskId = taskIdFor('w1', 'unit-jiaojing');
    expect((await enforcement.send('POST', `/api/enforcement/tasks/${taskId}/report-in`, FIRE)).status).toBe(403);
    const reportIn = await enforcement.send('POST', `/api/enforcement/tasks/${taskId}/report-in`, POLICE);
    expect(reportIn).toMatchObject({ status: 200, body: { id: taskId, events: ['enforcement.TaskReportedIn.v1'] } });
  });

  it('wakes a joint-enforcement task when the resolution’s deadline passes', async () => {
    const deadline = new Date(Date.parse(enforcement.clock.now()) + 24 * 3_600_000).toISOString();
    await enforcement.deliver(
      {
        type: 'adjudication.AdjudicationResolved.v1',
        data: { caseId: CASE, meetingId: 'm1', resolutionId: 'r1', leadUnit: 'unit-chengguan', supportingUnits: [], measures: '联合执法', deadline, resolvedAt: enforcement.clock.now() },
      },
      streams.adjudication(CASE),
    );
    await enforcement.publishedOf('enforcement.TaskAssigned.v1');
    enforcement.clock.advance(25 * 3_600_000);
    const [overdue] = await enforcement.publishedOf('enforcement.TaskOverdue.v1');
    expect(overdue).toMatchObject({ streamId: streams.task(taskIdFor('r1', 'unit-chengguan')), actor: { id: 'system:enforcement' } });
  });
});
