import { startWriterUnderTest, type WriterUnderTest } from '@whistle/deployment/testing';
import { streams } from '@whistle/contracts';
import { escalationWriter } from './escalation.writer';

const STATION = { sub: 'north-clerk', role: 'station', stationId: 'station-north' } as const;
const CASE = 'case-under-test';

describe('the escalation service as its definition wires it', () => {
  let escalation: WriterUnderTest;
  beforeEach(async () => {
    escalation = await startWriterUnderTest(escalationWriter);
  });
  afterEach(() => escalation.close());

  const routed = () =>
    escalation.deliver(
      {
        type: 'intake.CaseRouted.v1',
        data: {
          caseId: CASE,
          stationId: 'station-north',
          communityId: 'community-xinghua',
          compoundId: 'compound-xinghua-1',
          category: 'fire_lane_blocked',
          proposedLevel: 2,
          proposedUnits: ['unit-jiaojing', 'unit-xiaofang'],
          routedAt: escalation.clock.now(),
        },
      },
      streams.case(CASE),
    );

  it('opens triage when intake routes a case, and takes the station’s whistle through its HTTP module', async () => {
    expect((await escalation.send('POST', `/api/escalation/cases/${CASE}/whistle`, STATION, { level: 2 })).status).toBe(404);
    await routed();
    const [opened] = await escalation.publishedOf('escalation.TriageOpened.v1');
    expect(opened).toMatchObject({ streamId: streams.whistle(CASE), actor: { id: 'system:escalation' } });
    const whistle = await escalation.send('POST', `/api/escalation/cases/${CASE}/whistle`, STATION, { level: 2 });
    expect(whistle.status).toBe(200);
    expect(whistle.body.events).toEqual(['escalation.WhistleBlown.v1']);
  });

  it('wakes the whistle workflow when a report-in deadline passes', async () => {
    await routed();
    await escalation.publishedOf('escalation.TriageOpened.v1');
    await escalation.send('POST', `/api/escalation/cases/${CASE}/whistle`, STATION, { level: 2 });
    escalation.clock.advance(31 * 60_000);
    const missed = await escalation.publishedOf('escalation.ReportInMissed.v1');
    expect(missed.map((e) => e.data)).toEqual(expect.arrayContaining([expect.objectContaining({ caseId: CASE, unitId: 'unit-jiaojing' })]));
    expect(missed[0]?.actor).toEqual({ id: 'system:escalation', role: 'system' });
  });
});
