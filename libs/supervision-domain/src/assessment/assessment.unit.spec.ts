import { specFor } from '@whistle/kernel/testing';
import { ASSESSMENT_DIMENSIONS, DEFAULT_WEIGHTING, type AssessmentDimension, type AssessmentEvent } from '@whistle/contracts';
import { assessmentDecider, gradeOf, type AssessmentCommand, type OpenAssessment } from './assessment.decide';

const spec = specFor(assessmentDecider);

/** 2026-11-21 in 2026-Q4, which began 2026-10-01T00:00+08:00 */
const NOW = '2026-11-21T08:00:00.000Z';
const LATER = '2026-11-28T08:00:00.000Z';
const ref = { assessmentId: '2026-Q4.firm-1.compound-a', quarter: '2026-Q4', firmId: 'firm-1', compoundId: 'compound-a' };
const HASH = 'a'.repeat(64);
const HASH2 = 'b'.repeat(64);

const open = (fields: Partial<OpenAssessment> = {}): OpenAssessment => ({
  type: 'OpenAssessment',
  quarter: '2026-Q4',
  firmId: 'firm-1',
  compoundId: 'compound-a',
  compound: { communityId: 'community-a', stationId: 'station-a' },
  firmCompounds: ['compound-a', 'compound-b'],
  now: NOW,
  ...fields,
});
const opened: AssessmentEvent = {
  type: 'supervision.AssessmentOpened.v1',
  data: { ...ref, communityId: 'community-a', stationId: 'station-a', openedAt: NOW },
};
const scored = (dimension: AssessmentDimension, score: number): AssessmentEvent => ({
  type: 'supervision.DimensionScored.v1',
  data: { ...ref, dimension, score, method: 'onsite_inspection', note: '', scoredAt: NOW },
});
const finding = (findingId = 'fd-1', rectifyBy = LATER): AssessmentEvent => ({
  type: 'supervision.FindingRecorded.v1',
  data: { ...ref, findingId, dimension: 'safety', description: 'extinguisher expired', rectifyBy, recordedAt: NOW },
});
const rectified = (findingId = 'fd-1'): AssessmentEvent => ({
  type: 'supervision.FindingRectified.v1',
  data: { ...ref, findingId, note: 'replaced', verifiedAt: LATER },
});
const satisfaction = (entryId: string, scores: number[]): AssessmentEvent => ({
  type: 'supervision.SatisfactionScored.v1',
  data: { ...ref, entryId, scores, source: 'station', recordedAt: NOW },
});
const issued = (questionnaireId = 'qn-1', tokenSha256 = HASH, maxResponses = 200): AssessmentEvent => ({
  type: 'supervision.QuestionnaireIssued.v1',
  data: { ...ref, questionnaireId, tokenSha256, expiresAt: '2026-12-21T08:00:00.000Z', maxResponses, issuedAt: NOW },
});
const answered = (entryId: string, score: number, questionnaireId = 'qn-1', recordedAt = NOW): AssessmentEvent => ({
  type: 'supervision.SatisfactionScored.v1',
  data: { ...ref, entryId, scores: [score], source: 'questionnaire', questionnaireId, recordedAt },
});
const openDay: AssessmentEvent = {
  type: 'supervision.OpenDayLogged.v1',
  data: { ...ref, logId: 'log-1', heldAt: '2026-11-20T02:00:00.000Z', attendance: 40, note: '', loggedAt: NOW },
};
/** every dimension at 80 but safety at 100; 24 residents at 90 and one at 85 (average 89.8) */
const ready: AssessmentEvent[] = [
  opened,
  ...ASSESSMENT_DIMENSIONS.map((d) => scored(d, d === 'safety' ? 100 : 80)),
  satisfaction('sat-1', Array<number>(24).fill(90)),
  satisfaction('sat-2', [85]),
];
const complete: AssessmentCommand = { type: 'CompleteAssessment', weighting: DEFAULT_WEIGHTING, now: LATER };
const completed = (fields: Record<string, unknown> = {}): AssessmentEvent => ({
  type: 'supervision.AssessmentCompleted.v1',
  data: {
    ...ref,
    dimensions: { safety: 100, sanitation: 80, facilities: 80, civil_order: 80, disclosure: 80, party_building: 80, atmosphere: 80, campaign_cooperation: 80 },
    satisfaction: { responses: 25, average: 89.8 },
    // 0.0875 × (100 + 7 × 80) + 0.3 × 89.8 = 57.75 + 26.94
    total: 84.69,
    grade: 'good',
    openFindings: 0,
    openDays: 0,
    visits: 0,
    weightingId: 'default',
    completedAt: LATER,
    ...fields,
  },
});

describe('OpenAssessment (物业服务测评)', () => {
  it('opens a firm’s assessment in a compound it serves, with the compound’s community and station', () => {
    spec.given().when(open()).then(opened);
  });

  it('opens the current quarter from its first moment in Beijing time', () => {
    // 2026-09-30T16:00Z is 2026-10-01 00:00 in Beijing
    const [event] = spec.given().when(open({ now: '2026-09-30T16:00:00.000Z' })).events();
    expect(event?.data).toMatchObject({ quarter: '2026-Q4' });
    spec.given().when(open({ now: '2026-09-30T15:59:59.000Z' })).thenInvalid('quarter', /has not begun/);
  });

  it('opens a past quarter', () => {
    const [event] = spec.given().when(open({ quarter: '2026-Q3' })).events();
    expect(event?.data).toMatchObject({ assessmentId: '2026-Q3.firm-1.compound-a' });
  });

  it('ignores opening it again', () => {
    spec.given(opened).when(open()).thenNothing();
  });

  it('refuses a firm the register does not hold', () => {
    spec.given().when(open({ firmCompounds: null })).thenRefused('assessment.firm_not_registered', /no property firm firm-1 is registered/);
  });

  it('refuses a compound the firm does not serve', () => {
    spec.given().when(open({ firmCompounds: ['compound-b'] })).thenRefused('assessment.compound_not_served', /firm firm-1 does not serve compound compound-a/);
  });

  it.each<[string, Partial<OpenAssessment>, RegExp]>([
    ['quarter', { quarter: '2026-Q0' }, /not a quarter such as 2026-Q4/],
    ['quarter', { quarter: '2027-Q1' }, /quarter 2027-Q1 has not begun/],
    ['compoundId', { compound: null }, /"compound-a" is not a known compound/],
    ['firmId', { firmId: ' ' }, /firmId must not be empty/],
  ])('rejects a bad %s', (field, fields, reason) => {
    spec.given().when(open(fields)).thenInvalid(field, reason);
  });
});

describe('ScoreDimension', () => {
  const score: AssessmentCommand = { type: 'ScoreDimension', dimension: 'safety', score: 85, method: 'document_review', note: ' fire drills on file ', now: NOW };

  it('scores a dimension, and a later score replaces it', () => {
    spec
      .given(opened)
      .when(score)
      .then({ type: 'supervision.DimensionScored.v1', data: { ...ref, dimension: 'safety', score: 85, method: 'document_review', note: 'fire drills on file', scoredAt: NOW } });
    expect(spec.given(opened, scored('safety', 60), scored('safety', 70)).state()).toMatchObject({ dimensions: { safety: { score: 70 } } });
  });

  it('accepts 0 and 100', () => {
    expect(spec.given(opened).when({ ...score, score: 0 }).events()).toHaveLength(1);
    expect(spec.given(opened).when({ ...score, score: 100 }).events()).toHaveLength(1);
  });

  it('refuses a score before the assessment is opened, or after it is completed', () => {
    spec.given().when(score).thenRefused('assessment.not_open');
    spec.given(...ready, completed()).when(score).thenRefused('assessment.completed', /was completed at .* so it cannot be scored/);
  });

  it.each<[string, Partial<Extract<AssessmentCommand, { type: 'ScoreDimension' }>>, RegExp]>([
    ['dimension', { dimension: 'greenery' as never }, /dimension must be one of safety, sanitation/],
    ['score', { score: 101 }, /from 0 to 100, not 101/],
    ['score', { score: 79.5 }, /not 79.5/],
    ['method', { method: 'guess' as never }, /method must be one of document_review, onsite_inspection, daily_inspection/],
    ['note', { note: 'x'.repeat(2001) }, /at most 2000/],
  ])('rejects a bad %s', (field, fields, reason) => {
    spec.given(opened).when({ ...score, ...fields }).thenInvalid(field, reason);
  });
});

describe('RecordFinding and RectifyFinding (问题清单, 销号)', () => {
  const record: AssessmentCommand = { type: 'RecordFinding', findingId: 'fd-1', dimension: 'safety', description: 'extinguisher expired', rectifyBy: LATER, now: NOW };
  const rectify: AssessmentCommand = { type: 'RectifyFinding', findingId: 'fd-1', note: ' replaced ', now: LATER };

  it('records a finding to be rectified by a date, then closes it', () => {
    spec.given(opened).when(record).then(finding());
    spec.given(opened, finding()).when(rectify).then(rectified());
    expect(spec.given(opened, finding(), rectified()).state()).toMatchObject({ findings: [{ findingId: 'fd-1', rectified: { note: 'replaced', verifiedAt: LATER } }] });
  });

  it('ignores the same finding again', () => {
    spec.given(opened, finding()).when(record).thenNothing();
  });

  it('rectifies a finding after the assessment is completed: rectification goes on after the results', () => {
    spec.given(...ready, finding(), completed({ openFindings: 1 })).when(rectify).then(rectified());
  });

  it('refuses a new finding once the assessment is completed', () => {
    spec.given(...ready, completed()).when({ ...record, findingId: 'fd-2' }).thenRefused('assessment.completed');
  });

  it('refuses rectifying an unknown finding, or one already rectified', () => {
    spec.given(opened).when(rectify).thenRefused('assessment.unknown_finding', /has no finding fd-1/);
    spec.given(opened, finding(), rectified()).when(rectify).thenRefused('assessment.finding_rectified', /already rectified, verified at/);
  });

  it.each<[string, AssessmentCommand, RegExp]>([
    ['rectifyBy', { ...record, rectifyBy: NOW }, /must be later than now/],
    ['rectifyBy', { ...record, rectifyBy: 'next week' }, /not an ISO-8601 instant/],
    ['description', { ...record, description: '' }, /description must not be empty/],
    ['dimension', { ...record, dimension: 'x' as never }, /dimension must be one of/],
    ['findingId', { ...record, findingId: '' }, /findingId must not be empty/],
  ])('rejects a bad %s', (field, command, reason) => {
    spec.given(opened).when(command).thenInvalid(field, reason);
  });

  it('rejects a rectification without a note', () => {
    spec.given(opened, finding()).when({ ...rectify, note: ' ' }).thenInvalid('note', /note must not be empty/);
  });
});

describe('RecordSatisfaction (满意度, entered by the station)', () => {
  const record = (scores: number[]): AssessmentCommand => ({ type: 'RecordSatisfaction', entryId: 'sat-9', scores, now: NOW });

  it('records a batch of residents’ scores and counts them', () => {
    spec.given(opened).when(record([90, 0, 100])).then({ type: 'supervision.SatisfactionScored.v1', data: { ...ref, entryId: 'sat-9', scores: [90, 0, 100], source: 'station', recordedAt: NOW } });
    expect(spec.given(...ready).state()).toMatchObject({ satisfaction: { responses: 25, sum: 2245, bySource: { station: 25, questionnaire: 0 } } });
  });

  it('ignores the same entry again', () => {
    spec.given(opened, satisfaction('sat-9', [1])).when(record([90])).thenNothing();
  });

  it('refuses scores once the assessment is completed', () => {
    spec.given(...ready, completed()).when(record([90])).thenRefused('assessment.completed');
  });

  it.each<[string, number[], RegExp]>([
    ['scores', [], /1 to 100 residents' scores/],
    ['scores', Array<number>(101).fill(50), /1 to 100/],
    ['scores[1]', [50, 101], /scores\[1\] must be a whole number from 0 to 100, not 101/],
    ['scores[0]', [-1], /not -1/],
  ])('rejects a bad %s', (field, scores, reason) => {
    spec.given(opened).when(record(scores)).thenInvalid(field, reason);
  });
});

describe('IssueQuestionnaire and AnswerQuestionnaire (the public link)', () => {
  const issue = (fields: Partial<Extract<AssessmentCommand, { type: 'IssueQuestionnaire' }>> = {}): AssessmentCommand => ({
    type: 'IssueQuestionnaire',
    questionnaireId: 'qn-1',
    tokenSha256: HASH,
    expiresAt: '2026-12-21T08:00:00.000Z',
    maxResponses: 200,
    now: NOW,
    ...fields,
  });
  const answer = (fields: Partial<Extract<AssessmentCommand, { type: 'AnswerQuestionnaire' }>> = {}): AssessmentCommand => ({
    type: 'AnswerQuestionnaire',
    entryId: 'ans-1',
    tokenSha256: HASH,
    score: 95,
    now: LATER,
    ...fields,
  });

  it('issues a questionnaire, keeping only its token’s hash', () => {
    spec.given(opened).when(issue()).then(issued());
  });

  it('expires in 30 days and takes 200 answers unless told otherwise', () => {
    const [event] = spec.given(opened).when(issue({ expiresAt: undefined, maxResponses: undefined })).events();
    expect(event?.data).toMatchObject({ expiresAt: '2026-12-21T08:00:00.000Z', maxResponses: 200 });
  });

  it('accepts a questionnaire of exactly 90 days and 1000 answers', () => {
    const [event] = spec.given(opened).when(issue({ expiresAt: '2027-02-19T08:00:00.000Z', maxResponses: 1000 })).events();
    expect(event?.data).toMatchObject({ expiresAt: '2027-02-19T08:00:00.000Z', maxResponses: 1000 });
  });

  it('refuses a questionnaire once the assessment is completed', () => {
    spec.given(...ready, completed()).when(issue()).thenRefused('assessment.completed');
  });

  it.each<[string, Partial<Extract<AssessmentCommand, { type: 'IssueQuestionnaire' }>>, RegExp]>([
    ['expiresAt', { expiresAt: '2027-02-19T08:00:01.000Z' }, /more than 90 days from now/],
    ['expiresAt', { expiresAt: NOW }, /must be later than now/],
    ['expiresAt', { expiresAt: 'soon' }, /not an ISO-8601 instant/],
    ['maxResponses', { maxResponses: 1001 }, /from 1 to 1000, not 1001/],
    ['maxResponses', { maxResponses: 0 }, /not 0/],
    ['tokenSha256', { tokenSha256: 'A'.repeat(64) }, /64 lower-case hex digits/],
  ])('rejects a bad %s', (field, fields, reason) => {
    spec.given(opened).when(issue(fields)).thenInvalid(field, reason);
  });

  it('records an answer as one resident’s score, naming the questionnaire', () => {
    spec.given(opened, issued()).when(answer()).then(answered('ans-1', 95, 'qn-1', LATER));
  });

  it('counts each questionnaire’s answers apart', () => {
    const state = spec.given(opened, issued(), issued('qn-2', HASH2), answered('a1', 90), answered('a2', 80, 'qn-2'), answered('a3', 70, 'qn-2')).state();
    expect(state).toMatchObject({
      questionnaires: [{ questionnaireId: 'qn-1', responses: 1 }, { questionnaireId: 'qn-2', responses: 2 }],
      satisfaction: { responses: 3, sum: 240, bySource: { station: 0, questionnaire: 3 } },
    });
  });

  it('refuses an answer to a full questionnaire, while another still takes answers', () => {
    const history = [opened, issued('qn-1', HASH, 1), issued('qn-2', HASH2), answered('a1', 90)];
    spec.given(...history).when(answer()).thenRefused('questionnaire.full', /all the 1 answers it takes/);
    expect(spec.given(...history).when(answer({ tokenSha256: HASH2 })).events()).toEqual([answered('ans-1', 95, 'qn-2', LATER)]);
  });

  it('refuses an answer from the moment the questionnaire expires', () => {
    spec.given(opened, issued()).when(answer({ now: '2026-12-21T08:00:00.000Z' })).thenRefused('questionnaire.expired', /expired at 2026-12-21T08:00:00.000Z/);
  });

  it('refuses an answer once the assessment is completed', () => {
    spec.given(...ready, issued(), completed()).when(answer()).thenRefused('assessment.completed', /takes no more answers/);
  });

  it('refuses a link this assessment never issued', () => {
    spec.given(opened, issued()).when(answer({ tokenSha256: HASH2 })).thenRefused('questionnaire.unknown');
  });

  it('ignores the same answer again', () => {
    spec.given(opened, issued(), answered('ans-1', 95)).when(answer()).thenNothing();
  });

  it('rejects a score that is not 0–100', () => {
    spec.given(opened, issued()).when(answer({ score: 101 })).thenInvalid('score', /from 0 to 100/);
  });
});

describe('LogOpenDay and LogVisit (物业开放日, 入户走访)', () => {
  const logOpenDay = (fields: Partial<Extract<AssessmentCommand, { type: 'LogOpenDay' }>> = {}): AssessmentCommand => ({
    type: 'LogOpenDay',
    logId: 'log-1',
    heldAt: '2026-11-20T02:00:00.000Z',
    attendance: 40,
    note: ' ',
    now: NOW,
    ...fields,
  });
  const logVisit = (fields: Partial<Extract<AssessmentCommand, { type: 'LogVisit' }>> = {}): AssessmentCommand => ({
    type: 'LogVisit',
    logId: 'log-2',
    visitedAt: '2026-11-19T02:00:00.000Z',
    households: 12,
    note: 'building 3',
    now: NOW,
    ...fields,
  });

  it('logs an open day and a visit', () => {
    spec.given(opened).when(logOpenDay()).then(openDay);
    spec
      .given(opened)
      .when(logVisit())
      .then({ type: 'supervision.DoorToDoorVisitLogged.v1', data: { ...ref, logId: 'log-2', visitedAt: '2026-11-19T02:00:00.000Z', households: 12, note: 'building 3', loggedAt: NOW } });
  });

  it('accepts an open day nobody attended, held right now', () => {
    expect(spec.given(opened).when(logOpenDay({ attendance: 0, heldAt: NOW })).events()).toHaveLength(1);
  });

  it('ignores the same log again', () => {
    spec.given(opened, openDay).when(logOpenDay()).thenNothing();
  });

  it('refuses logs once the assessment is completed', () => {
    spec.given(...ready, completed()).when(logOpenDay()).thenRefused('assessment.completed');
    spec.given(...ready, completed()).when(logVisit()).thenRefused('assessment.completed');
  });

  it.each<[string, AssessmentCommand, RegExp]>([
    ['heldAt', logOpenDay({ heldAt: '2026-11-21T09:00:00.000Z' }), /is in the future/],
    ['heldAt', logOpenDay({ heldAt: '2026-09-30T15:59:59.000Z' }), /is not in the quarter 2026-Q4/],
    ['attendance', logOpenDay({ attendance: -1 }), /0 or more, not -1/],
    ['visitedAt', logVisit({ visitedAt: 'monday' }), /not an ISO-8601 instant/],
    ['households', logVisit({ households: 0 }), /1 or more, not 0/],
    ['logId', logVisit({ logId: '' }), /logId must not be empty/],
  ])('rejects a bad %s', (field, command, reason) => {
    spec.given(opened).when(command).thenInvalid(field, reason);
  });
});

describe('CompleteAssessment', () => {
  it('computes the total under the weighting and grades it', () => {
    spec.given(...ready).when(complete).then(completed());
  });

  it('counts the findings still open, the open days and the visits', () => {
    const visit: AssessmentEvent = {
      type: 'supervision.DoorToDoorVisitLogged.v1',
      data: { ...ref, logId: 'log-2', visitedAt: NOW, households: 3, note: '', loggedAt: NOW },
    };
    const [event] = spec.given(...ready, finding('fd-1'), finding('fd-2'), rectified('fd-1'), openDay, visit, visit).when(complete).events();
    expect(event?.data).toMatchObject({ openFindings: 1, openDays: 1, visits: 2 });
  });

  it('uses the weighting passed in: its dimensions, satisfaction and id', () => {
    const weighting = {
      weightingId: 'wt-7',
      assessment: {
        dimensions: { safety: 0.3, sanitation: 0.1, facilities: 0.1, civil_order: 0, disclosure: 0, party_building: 0, atmosphere: 0, campaign_cooperation: 0 },
        satisfaction: 0.5,
        minimumResponses: 25,
      },
    };
    // 0.3 × 100 + 0.2 × 80 + 0.5 × 89.8 = 30 + 16 + 44.9
    const [event] = spec.given(...ready).when({ ...complete, weighting }).events();
    expect(event?.data).toMatchObject({ total: 90.9, grade: 'excellent', weightingId: 'wt-7' });
  });

  it('refuses while a dimension has no score', () => {
    spec
      .given(...ready.filter((e) => !(e.type === 'supervision.DimensionScored.v1' && ['atmosphere', 'disclosure'].includes(e.data.dimension))))
      .when(complete)
      .thenRefused('assessment.incomplete', /no score yet for disclosure, atmosphere/);
  });

  it('refuses with fewer residents’ scores than the weighting asks for', () => {
    spec
      .given(...ready.slice(0, -1))
      .when(complete)
      .thenRefused('assessment.too_few_responses', /has 24 residents' scores; it needs at least 25/);
    const stricter = { ...DEFAULT_WEIGHTING, assessment: { ...DEFAULT_WEIGHTING.assessment, minimumResponses: 30 } };
    spec.given(...ready).when({ ...complete, weighting: stricter }).thenRefused('assessment.too_few_responses', /needs at least 30/);
  });

  it('refuses completing twice, and before it is opened', () => {
    spec.given(...ready, completed()).when(complete).thenRefused('assessment.completed');
    spec.given().when(complete).thenRefused('assessment.not_open');
  });

  it('keeps the result in the state', () => {
    expect(spec.given(...ready, completed()).state()).toMatchObject({ status: 'completed', result: { total: 84.69, grade: 'good' } });
  });

  it.each<[number, string]>([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.99, 'good'],
    [75, 'good'],
    [74.99, 'pass'],
    [60, 'pass'],
    [59.99, 'fail'],
    [0, 'fail'],
  ])('grades %d as %s (90 / 75 / 60)', (total, grade) => {
    expect(gradeOf(total)).toBe(grade);
  });
});
