import { specFor } from '@whistle/kernel/testing';
import type { EvaluationEvent } from '@whistle/contracts';
import { evaluationDecider, type OpenEvaluation, type RateUnitResponse, type RateWhistle } from './evaluation.decide';

const spec = specFor(evaluationDecider);

const ENDED = '2026-11-21T10:00:00.000Z';
const T1 = '2026-11-21T12:00:00.000Z';
const T2 = '2026-11-22T09:00:00.000Z';
const ids = { taskId: 'w1.unit-fire', caseId: 'c1', unitId: 'unit-fire', stationId: 'station-a' };

const open: OpenEvaluation = {
  type: 'OpenEvaluation',
  ...ids,
  whistleId: 'w1',
  ending: 'outcome',
  result: 'resolved',
  endedAt: ENDED,
  now: T1,
};
const opened: EvaluationEvent = {
  type: 'supervision.EvaluationOpened.v1',
  data: { taskId: 'w1.unit-fire', caseId: 'c1', whistleId: 'w1', unitId: 'unit-fire', stationId: 'station-a', ending: 'outcome', result: 'resolved', endedAt: ENDED, openedAt: T1 },
};

const rateUnit = (fields: Partial<RateUnitResponse> = {}): RateUnitResponse => ({
  type: 'RateUnitResponse',
  ratingId: 'r1',
  timeliness: 5,
  effectiveness: 4,
  cooperation: 4,
  comment: 'arrived quickly, cleared the fire lane',
  now: T2,
  ...fields,
});
const unitRated = (fields: Partial<Extract<EvaluationEvent, { type: 'supervision.UnitResponseRated.v1' }>['data']> = {}): EvaluationEvent => ({
  type: 'supervision.UnitResponseRated.v1',
  data: { ...ids, ratingId: 'r1', timeliness: 5, effectiveness: 4, cooperation: 4, score: 87, comment: 'arrived quickly, cleared the fire lane', ratedAt: T2, ...fields },
});
const rateWhistle = (fields: Partial<RateWhistle> = {}): RateWhistle => ({
  type: 'RateWhistle',
  ratingId: 'r2',
  justified: true,
  informationAccurate: false,
  comment: 'the address was wrong',
  now: T2,
  ...fields,
});
const whistleRated = (fields: Partial<Extract<EvaluationEvent, { type: 'supervision.WhistleRated.v1' }>['data']> = {}): EvaluationEvent => ({
  type: 'supervision.WhistleRated.v1',
  data: { ...ids, ratingId: 'r2', justified: true, informationAccurate: false, comment: 'the address was wrong', ratedAt: T2, ...fields },
});

describe('OpenEvaluation', () => {
  it('opens the evaluation of a task that ended with an outcome', () => {
    spec.given().when(open).then(opened);
  });

  it('opens a declined or missed task without a result', () => {
    const [declined] = spec.given().when({ ...open, ending: 'declined', result: undefined }).events();
    expect(declined?.data).toEqual({ ...opened.data, ending: 'declined', result: undefined });
    expect(declined?.data).not.toHaveProperty('result');
    const [missed] = spec.given().when({ ...open, ending: 'report_in_missed', result: undefined }).events();
    expect(missed?.data).toMatchObject({ ending: 'report_in_missed' });
  });

  it('leaves an evaluation already open as it is, even for another ending', () => {
    spec.given(opened).when(open).thenNothing();
    spec.given(opened).when({ ...open, ending: 'declined', result: undefined, now: T2 }).thenNothing();
  });

  it.each<[string, Partial<OpenEvaluation>, RegExp]>([
    ['ending', { ending: 'vanished' as never }, /ending must be one of outcome, declined, report_in_missed/],
    ['result', { result: undefined }, /needs its result/],
    ['result', { ending: 'declined' }, /only a task that ended with an outcome has a result/],
    ['stationId', { stationId: '' }, /stationId must not be empty/],
    ['endedAt', { endedAt: 'today' }, /"today" is not an ISO-8601 instant/],
  ])('rejects a bad %s', (field, fields, reason) => {
    spec.given().when({ ...open, ...fields }).thenInvalid(field, reason);
  });
});

describe('RateUnitResponse (站评部门)', () => {
  it('records the station’s marks with the score as their sum over 15, out of 100', () => {
    spec.given(opened).when(rateUnit({ comment: '  arrived quickly, cleared the fire lane ' })).then(unitRated());
  });

  it('rounds the score: 1+1+1 is 20, 5+5+5 is 100, 2+3+4 is 60, 1+1+2 is 27', () => {
    const score = (t: number, e: number, c: number) =>
      spec.given(opened).when(rateUnit({ timeliness: t, effectiveness: e, cooperation: c })).events()[0]?.data;
    expect(score(1, 1, 1)).toMatchObject({ score: 20 });
    expect(score(5, 5, 5)).toMatchObject({ score: 100 });
    expect(score(2, 3, 4)).toMatchObject({ score: 60 });
    expect(score(1, 1, 2)).toMatchObject({ score: 27 });
  });

  it('refuses a rating before the task has ended', () => {
    spec.given().when(rateUnit()).thenRefused('evaluation.not_open', /not open to evaluation yet/);
  });

  it('refuses rating twice without amending', () => {
    spec.given(opened, unitRated()).when(rateUnit({ ratingId: 'r3' })).thenRefused('evaluation.already_rated', /already rated \(r1\): amend that rating/);
  });

  it('amends the current rating by naming it with a reason; the state keeps the latest and every id', () => {
    const amend = rateUnit({ ratingId: 'r3', timeliness: 3, amendment: { amends: 'r1', reason: ' the report-in was late ' } });
    spec
      .given(opened, unitRated())
      .when(amend)
      .then(unitRated({ ratingId: 'r3', timeliness: 3, score: 73, amendment: { amends: 'r1', reason: 'the report-in was late' } }));
    const amended = unitRated({ ratingId: 'r3', timeliness: 3, score: 73, amendment: { amends: 'r1', reason: 'the report-in was late' } });
    expect(spec.given(opened, unitRated(), amended).state()).toMatchObject({ unitRating: { ratingId: 'r3', score: 73 }, unitRatingIds: ['r1', 'r3'] });
  });

  it('refuses an amendment of a rating that is no longer the current one', () => {
    const amended = unitRated({ ratingId: 'r3', amendment: { amends: 'r1', reason: 'late' } });
    spec
      .given(opened, unitRated(), amended)
      .when(rateUnit({ ratingId: 'r4', amendment: { amends: 'r1', reason: 'again' } }))
      .thenRefused('evaluation.stale_amendment', /current rating of the unit’s response on task w1.unit-fire is r3, not r1/);
  });

  it('refuses an amendment when there is nothing to amend', () => {
    spec
      .given(opened)
      .when(rateUnit({ amendment: { amends: 'r0', reason: 'x' } }))
      .thenRefused('evaluation.stale_amendment', /has no rating yet/);
  });

  it('ignores a retry of a rating already recorded', () => {
    spec.given(opened, unitRated()).when(rateUnit()).thenNothing();
  });

  it('keeps the unit’s rating apart from the whistle’s', () => {
    spec.given(opened, whistleRated()).when(rateUnit()).then(unitRated());
  });

  it.each<[string, Partial<RateUnitResponse>, RegExp]>([
    ['timeliness', { timeliness: 0 }, /timeliness must be a whole number from 1 to 5, not 0/],
    ['effectiveness', { effectiveness: 6 }, /not 6/],
    ['cooperation', { cooperation: 2.5 }, /not 2.5/],
    ['comment', { comment: '   ' }, /comment must not be empty/],
    ['comment', { comment: 'x'.repeat(2001) }, /at most 2000 characters/],
    ['amends', { amendment: { amends: '', reason: 'late' } }, /amends must not be empty/],
    ['reason', { amendment: { amends: 'r1', reason: '' } }, /reason must not be empty/],
    ['ratingId', { ratingId: '' }, /ratingId must not be empty/],
  ])('rejects a bad %s', (field, fields, reason) => {
    spec.given(opened, unitRated()).when(rateUnit({ ratingId: 'r9', amendment: { amends: 'r1', reason: 'why' }, ...fields })).thenInvalid(field, reason);
  });

  it('accepts a comment of exactly 2000 characters', () => {
    const [event] = spec.given(opened).when(rateUnit({ comment: 'x'.repeat(2000) })).events();
    expect(event?.data).toMatchObject({ comment: 'x'.repeat(2000) });
  });
});

describe('RateWhistle (部门评哨)', () => {
  it('records the unit’s view of the whistle', () => {
    spec.given(opened).when(rateWhistle()).then(whistleRated());
  });

  it('refuses a rating before the task has ended', () => {
    spec.given().when(rateWhistle()).thenRefused('evaluation.not_open');
  });

  it('refuses rating twice without amending, and a stale amendment', () => {
    spec.given(opened, whistleRated()).when(rateWhistle({ ratingId: 'r5' })).thenRefused('evaluation.already_rated', /the whistle on task w1.unit-fire is already rated \(r2\)/);
    spec
      .given(opened, whistleRated())
      .when(rateWhistle({ ratingId: 'r5', amendment: { amends: 'r1', reason: 'x' } }))
      .thenRefused('evaluation.stale_amendment', /is r2, not r1/);
  });

  it('amends the current rating', () => {
    spec
      .given(opened, whistleRated())
      .when(rateWhistle({ ratingId: 'r5', informationAccurate: true, amendment: { amends: 'r2', reason: 'the address was right after all' } }))
      .then(whistleRated({ ratingId: 'r5', informationAccurate: true, amendment: { amends: 'r2', reason: 'the address was right after all' } }));
  });

  it.each<[string, Partial<RateWhistle>]>([
    ['justified', { justified: 'yes' as never }],
    ['informationAccurate', { informationAccurate: undefined as never }],
    ['comment', { comment: '' }],
  ])('rejects a bad %s', (field, fields) => {
    spec.given(opened).when(rateWhistle(fields)).thenInvalid(field);
  });
});
