import { startWriterUnderTest, type WriterUnderTest } from '@whistle/deployment/testing';
import { streams } from '@whistle/contracts';
import { decodePosition, encodePosition } from '@whistle/application';
import { escalationWriter } from './escalation.writer';

const STATION = { sub: 'north-clerk', role: 'station', stationId: 'station-north' } as const;
const CASE = 'case-under-test';

describe('the escalation service as its definition wires it', () => {
  let escalation: WriterUnderTest;
  beforeEach(async () => {
    escalation = await startWriterUnderTest(escalationWriter);
  });
  afterEach(() => escalation.close());

  const routed = (eventId?: string) =>
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
      eventId,
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

  it('answers a whistle with its position, in the body and the Position header', async () => {
    await routed();
    const whistle = await escalation.send('POST', `/api/escalation/cases/${CASE}/whistle`, STATION, { level: 2 });
    expect(whistle.status).toBe(200);
    expect(whistle.headers.get('position')).toBe(whistle.body.position);
    const [blown] = await escalation.publishedOf('escalation.WhistleBlown.v1');
    expect(decodePosition(whistle.body.position)).toEqual({ service: 'escalation', streamId: streams.whistle(CASE), revision: 1, eventId: blown!.eventId, caseId: CASE });
  });

  describe('a case escalation learns of from intake', () => {
    const routedPosition = (eventId: string) => encodePosition({ service: 'intake', streamId: streams.case(CASE), revision: 0, eventId, caseId: CASE });

    it('with the After-Position of its routing, the whistle waits until escalation has consumed it, then is taken', async () => {
      const after = routedPosition('routing-of-the-case');
      const sent = Date.now();
      const whistle = escalation.send('POST', `/api/escalation/cases/${CASE}/whistle`, STATION, { level: 2 }, { 'after-position': after });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await routed('routing-of-the-case');
      const answer = await whistle;
      expect(answer.status).toBe(200);
      expect(answer.body.events).toEqual(['escalation.WhistleBlown.v1']);
      expect(Date.now() - sent).toBeGreaterThanOrEqual(300);
    });

    it('when the After-Position is not consumed within the wait: 503 position_not_reached with Retry-After, and nothing recorded', async () => {
      const sent = Date.now();
      const answer = await escalation.send('POST', `/api/escalation/cases/${CASE}/whistle`, STATION, { level: 2 }, { 'after-position': routedPosition('never-delivered'), prefer: 'wait=1' });
      expect(Date.now() - sent).toBeGreaterThanOrEqual(1_000);
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(answer.headers.get('preference-applied')).toBe('wait=1');
      expect(answer.body.details).toEqual([{ code: 'position_not_reached', header: 'After-Position', waitedMs: expect.any(Number) }]);
      expect(escalation.published.filter((e) => e.type === 'escalation.WhistleBlown.v1')).toEqual([]);
    });

    it('a malformed After-Position is a 400 naming the header', async () => {
      const answer = await escalation.send('POST', `/api/escalation/cases/${CASE}/whistle`, STATION, { level: 2 }, { 'after-position': 'p1.garbage!' });
      expect(answer.status).toBe(400);
      expect(answer.body.details).toEqual([{ field: 'After-Position', message: expect.stringContaining('After-Position') }]);
    });

    it('without a position, an unknown case is not yet known while an event sent before it could still be on its way, and 404 once nothing is left unheard', async () => {
      const unheard = await escalation.send('POST', `/api/escalation/cases/${CASE}/whistle`, STATION, { level: 2 }, { prefer: 'wait=0' });
      expect(unheard.status).toBe(503);
      expect(unheard.headers.get('retry-after')).toBe('1');
      expect(unheard.body.details).toEqual([{ code: 'not_yet_known', resource: 'case', id: CASE }]);

      const sent = Date.now();
      const unknown = await escalation.send('POST', `/api/escalation/cases/${CASE}/whistle`, STATION, { level: 2 });
      expect(unknown.status).toBe(404);
      // Not before the grace an event recorded just before the request has to reach the bus.
      expect(Date.now() - sent).toBeGreaterThanOrEqual(1_000);
    });

    it('without a position, a whistle that arrives before the routing waits for it and is taken', async () => {
      const whistle = escalation.send('POST', `/api/escalation/cases/${CASE}/whistle`, STATION, { level: 2 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await routed();
      expect((await whistle).status).toBe(200);
    });
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
