import { startWriterUnderTest, type WriterUnderTest } from '@whistle/deployment/testing';
import { streams, taskIdFor } from '@whistle/contracts';
import { supervisionWriter } from './supervision.writer';

const NORTH = { sub: 'station-north-li', role: 'station', stationId: 'station-north' } as const;
const SOUTH = { sub: 'station-south-wu', role: 'station', stationId: 'station-south' } as const;
const POLICE = { sub: 'police-officer', role: 'unit', unitId: 'unit-jiaojing' } as const;
const FIRE = { sub: 'fire-officer', role: 'unit', unitId: 'unit-xiaofang' } as const;
const OFFICE = { sub: 'office-zhang', role: 'office' } as const;
const CASE = 'case-rated';

const unitRating = { timeliness: 4, effectiveness: 5, cooperation: 3, comment: '到场及时，车辆已挪走' };
const whistleRating = { justified: true, informationAccurate: false, comment: '楼号有误' };

describe('the two-way evaluation over HTTP, opened by escalation’s events', () => {
  let supervision: WriterUnderTest;
  const taskId = taskIdFor('w1', 'unit-jiaojing');

  beforeAll(async () => {
    supervision = await startWriterUnderTest(supervisionWriter);
    await supervision.deliver(
      {
        type: 'escalation.TaskProgressNoted.v1',
        data: { caseId: CASE, whistleId: 'w1', taskId, unitId: 'unit-jiaojing', step: 'outcome', result: 'resolved', stationId: 'station-north', at: supervision.clock.now() },
      },
      streams.whistle(CASE),
    );
    const [opened] = await supervision.publishedOf('supervision.EvaluationOpened.v1');
    expect(opened).toMatchObject({ streamId: streams.evaluation(taskId), caseId: CASE, data: { stationId: 'station-north', unitId: 'unit-jiaojing', ending: 'outcome', result: 'resolved' } });
  });
  afterAll(() => supervision.close());

  const rateUnit = (as: Parameters<WriterUnderTest['send']>[2], body: unknown) => supervision.send('POST', `/api/supervision/tasks/${taskId}/unit-rating`, as, body);
  const rateWhistle = (as: Parameters<WriterUnderTest['send']>[2], body: unknown) => supervision.send('POST', `/api/supervision/tasks/${taskId}/whistle-rating`, as, body);

  it('lets only the case’s station rate the unit, and only the summoned unit rate the whistle', async () => {
    expect((await rateUnit(undefined, unitRating)).status).toBe(401);
    expect((await rateUnit(SOUTH, unitRating)).status).toBe(403);
    expect((await rateUnit(POLICE, unitRating)).status).toBe(403);
    expect((await rateUnit(OFFICE, unitRating)).status).toBe(403);
    expect((await rateWhistle(FIRE, whistleRating)).status).toBe(403);
    expect((await rateWhistle(NORTH, whistleRating)).status).toBe(403);
  });

  it('names the bad field of a rating', async () => {
    const marks = await rateUnit(NORTH, { ...unitRating, timeliness: 6 });
    expect(marks.status).toBe(400);
    expect(marks.body.details).toEqual([expect.objectContaining({ field: 'timeliness' })]);
    const blank = await rateWhistle(POLICE, { ...whistleRating, comment: '' });
    expect(blank.status).toBe(400);
    expect(blank.body.details).toEqual([expect.objectContaining({ field: 'comment' })]);
    const halfAmendment = await rateUnit(NORTH, { ...unitRating, reason: '复查后改评' });
    expect(halfAmendment.status).toBe(400);
    expect(halfAmendment.body.details).toEqual([expect.objectContaining({ field: 'amends' })]);
    const unknown = await rateWhistle(POLICE, { ...whistleRating, score: 3 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'score' })]);
  });

  it('records a rating with its id, refuses a second without amendment, and takes an amendment of the current one only', async () => {
    const first = await rateUnit(NORTH, unitRating);
    expect(first).toMatchObject({ status: 200, body: { id: taskId, events: ['supervision.UnitResponseRated.v1'], ratingId: expect.any(String) } });
    const [rated] = await supervision.publishedOf('supervision.UnitResponseRated.v1');
    expect(rated).toMatchObject({ actor: { id: NORTH.sub, role: 'station' }, data: { ratingId: first.body.ratingId, score: 80, comment: unitRating.comment } });

    const again = await rateUnit(NORTH, unitRating);
    expect(again).toMatchObject({ status: 409, body: { details: [{ code: 'evaluation.already_rated' }] } });
    const stale = await rateUnit(NORTH, { ...unitRating, amends: 'not-the-current-rating', reason: '复查后改评' });
    expect(stale).toMatchObject({ status: 409, body: { details: [{ code: 'evaluation.stale_amendment' }] } });

    const amended = await rateUnit(NORTH, { ...unitRating, effectiveness: 2, amends: first.body.ratingId, reason: '复查发现车辆又停回' });
    expect(amended).toMatchObject({ status: 200, body: { events: ['supervision.UnitResponseRated.v1'] } });
    expect(amended.body.ratingId).not.toBe(first.body.ratingId);
    const [, second] = await supervision.publishedOf('supervision.UnitResponseRated.v1', 2);
    expect(second?.data).toMatchObject({ score: 60, amendment: { amends: first.body.ratingId, reason: '复查发现车辆又停回' } });
  });

  it('records the unit’s rating of the whistle', async () => {
    const rated = await rateWhistle(POLICE, whistleRating);
    expect(rated).toMatchObject({ status: 200, body: { id: taskId, revision: expect.any(Number), events: ['supervision.WhistleRated.v1'], ratingId: expect.any(String) } });
    const [event] = await supervision.publishedOf('supervision.WhistleRated.v1');
    expect(event?.data).toMatchObject({ unitId: 'unit-jiaojing', stationId: 'station-north', justified: true, informationAccurate: false });
  });

  it('opens an evaluation for a missed report-in, under the task id its whistle and unit make', async () => {
    await supervision.deliver(
      {
        type: 'escalation.ReportInMissed.v1',
        data: { caseId: CASE, whistleId: 'w1', unitId: 'unit-xiaofang', stationId: 'station-north', dueAt: supervision.clock.now(), graceUntil: supervision.clock.now(), missedAt: supervision.clock.now() },
      },
      streams.whistle(CASE),
    );
    const missedTask = taskIdFor('w1', 'unit-xiaofang');
    const opened = await supervision.publishedOf('supervision.EvaluationOpened.v1', 2);
    expect(opened[1]).toMatchObject({ streamId: streams.evaluation(missedTask), data: { ending: 'report_in_missed', unitId: 'unit-xiaofang' } });
    const rated = await supervision.send('POST', `/api/supervision/tasks/${missedTask}/unit-rating`, NORTH, { timeliness: 1, effectiveness: 1, cooperation: 1, comment: '未按时报到' });
    expect(rated).toMatchObject({ status: 200, body: { id: missedTask } });
  });

  it('knows no evaluation of a task whose end it never heard of, nor of one noted without its station (recorded before supervision)', async () => {
    await supervision.deliver(
      { type: 'escalation.TaskProgressNoted.v1', data: { caseId: 'case-old', whistleId: 'w0', taskId: taskIdFor('w0', 'unit-gongan'), unitId: 'unit-gongan', step: 'declined', at: supervision.clock.now() } },
      streams.whistle('case-old'),
    );
    const unheard = await supervision.send('POST', `/api/supervision/tasks/${taskIdFor('w9', 'unit-gongan')}/whistle-rating`, { sub: 'u', role: 'unit', unitId: 'unit-gongan' }, whistleRating);
    expect(unheard).toMatchObject({ status: 404 });
    const stationless = await supervision.send('POST', `/api/supervision/tasks/${taskIdFor('w0', 'unit-gongan')}/whistle-rating`, { sub: 'u', role: 'unit', unitId: 'unit-gongan' }, whistleRating);
    expect(stationless).toMatchObject({ status: 404 });
  });
});
