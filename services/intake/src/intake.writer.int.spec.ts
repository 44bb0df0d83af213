import { startWriterUnderTest, type WriterUnderTest } from '@whistle/deployment/testing';
import { streams } from '@whistle/contracts';
import { escalationContext } from '@whistle/escalation-domain';
import { intakeWriter } from './intake.writer';

const STATION = { sub: 'north-clerk', role: 'station', stationId: 'station-north' } as const;
const OFFICE = { sub: 'office-clerk', role: 'office' } as const;

describe('the intake service as its definition wires it', () => {
  let intake: WriterUnderTest;
  beforeEach(async () => {
    intake = await startWriterUnderTest(intakeWriter);
  });
  afterEach(() => intake.close());

  const report = () =>
    intake.send('POST', '/api/intake/cases', STATION, {
      compoundId: 'compound-xinghua-1',
      category: 'fire_lane_blocked',
      description: '3号楼消防通道被占',
      channel: 'branch',
      reporter: { name: '张三', phone: '13812345678' },
    });

  it('records a report on the case stream through its HTTP module and relays it on its own topic', async () => {
    const answer = await report();
    expect(answer.status).toBe(201);
    expect(answer.body.events).toEqual(['intake.CaseReported.v1', 'intake.CaseRouted.v1']);
    const routed = await intake.publishedOf('intake.CaseRouted.v1');
    expect(routed[0]).toMatchObject({ streamId: streams.case(answer.body.id), caseId: answer.body.id });
  });

  it('keeps the reporter in the vault it opens beside its store', async () => {
    const { body } = await report();
    const reporter = await intake.send('GET', `/api/intake/cases/${body.id}/reporter`, OFFICE);
    expect({ status: reporter.status, body: reporter.body }).toEqual({ status: 200, body: { reporter: { name: '张三', phone: '13812345678' }, masked: false, erased: false } });
  });

  it('reacts to escalation’s topic: completed work resolves the case', async () => {
    const { body } = await report();
    await intake.deliver(
      { type: 'escalation.WorkCompleted.v1', data: { caseId: body.id, whistleId: 'w1', level: 2, outcomes: [{ unitId: 'unit-jiaojing', result: 'resolved' }], completedAt: intake.clock.now() } },
      streams.whistle(body.id),
    );
    const noted = await intake.publishedOf('intake.WorkCompletionNoted.v1');
    expect(noted[0]).toMatchObject({ caseId: body.id, actor: { id: 'system:intake', role: 'system' } });
  });

  it('runs commands only on its own aggregates', async () => {
    const context = { actor: { id: 'x', role: 'system' as const }, correlationId: 'c', causationId: null, now: intake.clock.now() };
    const command = { type: 'StandDown' as const, because: 'withdrawn' as const, now: intake.clock.now() };
    await expect(intake.writer.runtime.run(escalationContext.aggregates.whistle, 'c1', command, context)).rejects.toThrow('the intake service does not own whistle-* streams');
  });

  it('answers 404 for a case it does not know', async () => {
    const answer = await intake.send('POST', '/api/intake/cases/nope/withdraw', STATION, { reason: 'x' });
    expect(answer.status).toBe(404);
  });
});
