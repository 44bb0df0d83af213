import { startWriterUnderTest, type WriterUnderTest } from '@whistle/deployment/testing';
import { streams } from '@whistle/contracts';
import { escalationContext } from '@whistle/escalation-domain';
import { intakeWriter } from './intake.writer';

const STATION = { sub: 'north-clerk', role: 'station', stationId: 'station-north' } as const;
const OFFICE = { sub: 'office-clerk', role: 'office' } as const;
const SOUTH = { sub: 'south-clerk', role: 'station', stationId: 'station-south' } as const;

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
    const reporter = await intake.send('POST', `/api/intake/cases/${body.id}/reporter/disclosures`, OFFICE, { reason: 'check' });
    expect({ status: reporter.status, body: reporter.body }).toEqual({ status: 200, body: { reporter: { name: '张三', phone: '13812345678' }, masked: false, erased: null, fullRequiresReason: false, access: { at: expect.any(String), position: expect.any(String) } } });
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

  it('rejects a case at triage with a code and a reason, and names a bad code (400)', async () => {
    const { body } = await report();
    const bad = await intake.send('POST', `/api/intake/cases/${body.id}/reject`, STATION, { code: 'bored', reason: '邻里纠纷' });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'code' })]);
    const rejected = await intake.send('POST', `/api/intake/cases/${body.id}/reject`, STATION, { code: 'out_of_scope', reason: '邻里纠纷，不属于执法范围' });
    expect(rejected).toMatchObject({ status: 200, body: { id: body.id, events: ['intake.CaseRejected.v1'] } });
  });

  it('lets the station overrule a duplicate link: the report is routed like a new one', async () => {
    const original = await report();
    const second = await report();
    expect(second.body).toMatchObject({ duplicateOf: original.body.id, events: ['intake.CaseReported.v1', 'intake.CaseLinkedAsDuplicate.v1'] });
    const path = `/api/intake/cases/${second.body.id}/not-duplicate`;
    expect((await intake.send('POST', path, SOUTH, { reason: '5号楼，不是3号楼' })).status).toBe(403);
    const noReason = await intake.send('POST', path, STATION, {});
    expect(noReason.status).toBe(400);
    expect(new Set(noReason.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['reason']));
    const overruled = await intake.send('POST', path, STATION, { reason: '5号楼，不是3号楼' });
    expect(overruled).toMatchObject({ status: 200, body: { events: ['intake.DuplicateLinkOverruled.v1', 'intake.CaseRouted.v1'] } });
    const routed = await intake.publishedOf('intake.CaseRouted.v1', 2);
    expect(routed.map((e) => e.caseId)).toContain(second.body.id);
    const again = await intake.send('POST', path, STATION, { reason: '再次' });
    expect(again.status).toBe(409);
    expect(again.body.details).toEqual([expect.objectContaining({ code: 'case.open' })]);
  });

  it('answers 404 for a case it does not know', async () => {
    const answer = await intake.send('POST', '/api/intake/cases/nope/withdraw', STATION, { reason: 'x' });
    expect(answer.status).toBe(404);
  });
});
