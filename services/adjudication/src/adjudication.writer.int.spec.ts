import { startWriterUnderTest, type WriterUnderTest } from '@whistle/deployment/testing';
import { streams } from '@whistle/contracts';
import { adjudicationWriter } from './adjudication.writer';

const OFFICE = { sub: 'office-clerk', role: 'office' } as const;
const CASE = 'case-under-test';
const DAY = 24 * 3_600_000;

describe('the adjudication service as its definition wires it', () => {
  let adjudication: WriterUnderTest;
  beforeEach(async () => {
    adjudication = await startWriterUnderTest(adjudicationWriter);
  });
  afterEach(() => adjudication.close());

  const referred = () =>
    adjudication.deliver(
      {
        type: 'escalation.ReferredToJointMeeting.v1',
        data: {
          caseId: CASE,
          units: ['unit-chengguan', 'unit-gongan'],
          reason: '多次整改无果',
          tablingDueAt: new Date(Date.parse(adjudication.clock.now()) + 7 * DAY).toISOString(),
          referredAt: adjudication.clock.now(),
        },
      },
      streams.whistle(CASE),
    );

  it('takes a referral from escalation’s topic, and a meeting scheduled through its HTTP module puts the case on its agenda', async () => {
    await referred();
    const [requested] = await adjudication.publishedOf('adjudication.AdjudicationRequested.v1');
    expect(requested).toMatchObject({ streamId: streams.adjudication(CASE), actor: { id: 'system:adjudication' } });
    const scheduled = await adjudication.send('POST', '/api/adjudication/meetings', OFFICE, {
      scheduledAt: new Date(Date.parse(adjudication.clock.now()) + DAY).toISOString(),
      place: '镇综治中心会议室',
      invitedUnits: ['unit-chengguan', 'unit-gongan'],
    });
    expect(scheduled).toMatchObject({ status: 201, body: { agenda: [CASE], events: ['adjudication.MeetingScheduled.v1'] } });
    // Its own topic comes back to it: the case notes that it was tabled.
    await adjudication.publishedOf('adjudication.TablingNoted.v1');
  });

  it('shows the office the level-4 cases a meeting scheduled now would table, and none once one is', async () => {
    await referred();
    await adjudication.publishedOf('adjudication.AdjudicationRequested.v1');
    const pending = await adjudication.send('GET', '/api/adjudication/pending-cases', OFFICE);
    expect(pending).toMatchObject({
      status: 200,
      body: { items: [{ caseId: CASE, units: ['unit-chengguan', 'unit-gongan'], reason: '多次整改无果', overdue: false, deferrals: 0, tablingDueAt: expect.any(String) }] },
    });
    expect((await adjudication.send('GET', '/api/adjudication/pending-cases', { sub: 'auditor-1', role: 'auditor' })).status).toBe(200);
    expect((await adjudication.send('GET', '/api/adjudication/pending-cases', { sub: 'north-1', role: 'station', stationId: 'station-north' })).status).toBe(403);
    expect((await adjudication.send('GET', '/api/adjudication/pending-cases', { sub: 'cg-1', role: 'unit', unitId: 'unit-chengguan' })).status).toBe(403);
    const scheduled = await adjudication.send('POST', '/api/adjudication/meetings', OFFICE, {
      scheduledAt: new Date(Date.parse(adjudication.clock.now()) + DAY).toISOString(),
      place: '镇综治中心会议室',
      invitedUnits: ['unit-chengguan', 'unit-gongan'],
    });
    expect(scheduled.body.agenda).toEqual([CASE]);
    expect((await adjudication.send('GET', '/api/adjudication/pending-cases', OFFICE)).body).toEqual({ items: [] });
  });

  it('wakes a case’s adjudication when its tabling deadline passes', async () => {
    await referred();
    await adjudication.publishedOf('adjudication.AdjudicationRequested.v1');
    adjudication.clock.advance(8 * DAY);
    const [overdue] = await adjudication.publishedOf('adjudication.TablingOverdue.v1');
    expect(overdue).toMatchObject({ streamId: streams.adjudication(CASE), actor: { id: 'system:adjudication' } });
  });
});
