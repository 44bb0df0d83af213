import { startWriterUnderTest, type WriterUnderTest } from '@whistle/deployment/testing';
import { ASSESSMENT_DIMENSIONS, assessmentIdFor } from '@whistle/contracts';
import { supervisionWriter } from './supervision.writer';
import { tokenSha256Of } from './questionnaire-token';

const OFFICE = { sub: 'office-zhang', role: 'office' } as const;
const NORTH = { sub: 'station-north-li', role: 'station', stationId: 'station-north' } as const;
const SOUTH = { sub: 'station-south-wu', role: 'station', stationId: 'station-south' } as const;
const POLICE = { sub: 'police-officer', role: 'unit', unitId: 'unit-jiaojing' } as const;
const COMPOUND = 'compound-xinghua-1';
const HOUR = 3_600_000;

type As = Parameters<WriterUnderTest['send']>[2];
/** The fields a 400 names, each once. */
const fieldsOf = (answer: { status: number; body: { details: { field?: string }[] } }) => [answer.status, ...new Set(answer.body.details.map((d) => d.field))];

describe('the quarterly assessment of a property firm over HTTP, and its public questionnaire', () => {
  let supervision: WriterUnderTest;
  let firmId: string;
  let id: string;
  const post = (path: string, as: As, body: unknown = {}) => supervision.send('POST', `/api/supervision/assessments${path}`, as, body);
  const inHours = (hours: number) => new Date(Date.parse(supervision.clock.now()) + hours * HOUR).toISOString();

  beforeAll(async () => {
    supervision = await startWriterUnderTest(supervisionWriter);
    const firm = await supervision.send('POST', '/api/supervision/firms', OFFICE, {
      name: '杏花物业服务有限公司',
      creditCode: '91310115MA1K4ABCD7',
      contact: { name: '李经理', phone: '13812345678' },
      compoundIds: [COMPOUND, 'compound-anju-1'],
    });
    firmId = firm.body.id;
    id = assessmentIdFor('2026-Q4', firmId, COMPOUND);
  });
  afterAll(() => supervision.close());

  it('is opened by the office or the station of the compound’s community, for a compound the firm serves, in a quarter begun', async () => {
    const open = (as: As, body: Record<string, unknown> = {}) => post('', as, { quarter: '2026-Q4', firmId, compoundId: COMPOUND, ...body });
    expect((await open(undefined)).status).toBe(401);
    expect((await open(SOUTH)).status).toBe(403);
    expect((await open(POLICE)).status).toBe(403);
    expect(fieldsOf(await open(NORTH, { quarter: '2027-Q1' }))).toEqual([400, 'quarter']);
    expect(fieldsOf(await open(NORTH, { quarter: 'Q4' }))).toEqual([400, 'quarter']);
    expect(fieldsOf(await open(SOUTH, { compoundId: 'compound-nowhere' }))).toEqual([400, 'compoundId']);
    expect(await open(OFFICE, { firmId: 'no-such-firm' })).toMatchObject({ status: 409, body: { details: [{ code: 'assessment.firm_not_registered' }] } });
    expect(await open(NORTH, { compoundId: 'compound-xinghua-2' })).toMatchObject({ status: 409, body: { details: [{ code: 'assessment.compound_not_served' }] } });

    const opened = await open(NORTH);
    expect(opened).toMatchObject({ status: 201, body: { id, revision: 0, events: ['supervision.AssessmentOpened.v1'] } });
    const [event] = await supervision.publishedOf('supervision.AssessmentOpened.v1');
    expect(event?.data).toMatchObject({ assessmentId: id, communityId: 'community-xinghua', stationId: 'station-north' });
    expect((await open(OFFICE)).body).toMatchObject({ id, events: [] });
  });

  it('scores, lists findings and logs for the compound’s station only, naming each bad field', async () => {
    const score = { dimension: 'safety', score: 88, method: 'onsite_inspection', note: '消防器材齐全' };
    expect((await post(`/${id}/scores`, SOUTH, score)).status).toBe(403);
    expect((await post('/2026-Q4.nobody.compound-anju-2/scores', OFFICE, score)).status).toBe(404);
    expect(fieldsOf(await post(`/${id}/scores`, NORTH, { ...score, dimension: 'beauty' }))).toEqual([400, 'dimension']);
    expect(fieldsOf(await post(`/${id}/scores`, NORTH, { ...score, score: 101 }))).toEqual([400, 'score']);
    expect(fieldsOf(await post(`/${id}/scores`, NORTH, { ...score, method: 'rumour' }))).toEqual([400, 'method']);
    expect(await post(`/${id}/scores`, NORTH, score)).toMatchObject({ status: 200, body: { id, events: ['supervision.DimensionScored.v1'] } });

    expect(fieldsOf(await post(`/${id}/findings`, NORTH, { dimension: 'safety', description: '通道堆物', rectifyBy: inHours(-1) }))).toEqual([400, 'rectifyBy']);
    expect(fieldsOf(await post(`/${id}/findings`, NORTH, { dimension: 'safety', description: '通道堆物', rectifyBy: 'next week' }))).toEqual([400, 'rectifyBy']);
    const finding = await post(`/${id}/findings`, NORTH, { dimension: 'safety', description: '3号楼消防通道堆放杂物', rectifyBy: inHours(24 * 7) });
    expect(finding).toMatchObject({ status: 200, body: { events: ['supervision.FindingRecorded.v1'], findingId: expect.any(String) } });
    expect(await post(`/${id}/findings/no-such-finding/rectified`, NORTH, { note: '已清理' })).toMatchObject({ status: 409, body: { details: [{ code: 'assessment.unknown_finding' }] } });
    expect(fieldsOf(await post(`/${id}/findings/${finding.body.findingId}/rectified`, NORTH, {}))).toEqual([400, 'note']);
    expect((await post(`/${id}/findings/${finding.body.findingId}/rectified`, OFFICE, { note: '杂物已清理，复查合格' })).status).toBe(200);
    expect(await post(`/${id}/findings/${finding.body.findingId}/rectified`, OFFICE, { note: '再次' })).toMatchObject({ status: 409, body: { details: [{ code: 'assessment.finding_rectified' }] } });

    expect(fieldsOf(await post(`/${id}/satisfaction`, NORTH, { scores: [] }))).toEqual([400, 'scores']);
    expect(fieldsOf(await post(`/${id}/satisfaction`, NORTH, { scores: [90, 101] }))).toEqual([400, 'scores']);
    expect(await post(`/${id}/satisfaction`, NORTH, { scores: [90, 85] })).toMatchObject({ status: 200, body: { events: ['supervision.SatisfactionScored.v1'], entryId: expect.any(String) } });

    expect(fieldsOf(await post(`/${id}/open-days`, NORTH, { heldAt: inHours(2), attendance: 30, note: '' }))).toEqual([400, 'heldAt']);
    expect(fieldsOf(await post(`/${id}/open-days`, NORTH, { heldAt: inHours(-2), attendance: -1, note: '' }))).toEqual([400, 'attendance']);
    expect(await post(`/${id}/open-days`, NORTH, { heldAt: inHours(-2), attendance: 36, note: '居民参观设备间' })).toMatchObject({ status: 200, body: { events: ['supervision.OpenDayLogged.v1'], logId: expect.any(String) } });
    expect(fieldsOf(await post(`/${id}/visits`, NORTH, { visitedAt: inHours(-3), households: 0, note: '' }))).toEqual([400, 'households']);
    expect(await post(`/${id}/visits`, NORTH, { visitedAt: inHours(-3), households: 12, note: '走访3号楼' })).toMatchObject({ status: 200, body: { events: ['supervision.DoorToDoorVisitLogged.v1'], logId: expect.any(String) } });

    expect(await post(`/${id}/complete`, NORTH)).toMatchObject({ status: 409, body: { details: [{ code: 'assessment.incomplete' }] } });
  });

  describe('the questionnaire link, without a token', () => {
    let token: string;
    const read = (link: string) => supervision.send('GET', `/api/public/questionnaires/${link}`);
    const answer = (link: string, body: unknown) => supervision.send('POST', `/api/public/questionnaires/${link}/responses`, undefined, body);

    it('is issued to the assessment’s station with its token once, and only the token’s hash is recorded', async () => {
      expect((await post(`/${id}/questionnaires`, SOUTH, {})).status).toBe(403);
      expect(fieldsOf(await post(`/${id}/questionnaires`, NORTH, { expiresAt: inHours(24 * 91) }))).toEqual([400, 'expiresAt']);
      expect(fieldsOf(await post(`/${id}/questionnaires`, NORTH, { maxResponses: 1001 }))).toEqual([400, 'maxResponses']);
      const issued = await post(`/${id}/questionnaires`, NORTH, { maxResponses: 2 });
      expect(issued).toMatchObject({ status: 200, body: { id, events: ['supervision.QuestionnaireIssued.v1'], questionnaireId: expect.any(String), token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) } });
      token = issued.body.token;
      expect(issued.body.path).toBe(`/q/${token}`);
      const [event] = await supervision.publishedOf('supervision.QuestionnaireIssued.v1');
      expect(event?.data).toMatchObject({ tokenSha256: tokenSha256Of(token), maxResponses: 2 });
      expect(JSON.stringify(event)).not.toContain(token);
    });

    it('shows what it rates and takes answers until full; an unknown link is not found', async () => {
      expect(await read(token)).toMatchObject({
        status: 200,
        body: { assessmentId: id, quarter: '2026-Q4', firmName: '杏花物业服务有限公司', compoundId: COMPOUND, open: true, responses: 0, maxResponses: 2, expiresAt: expect.any(String) },
      });
      expect((await read('x'.repeat(43))).status).toBe(404);
      expect((await answer('x'.repeat(43), { score: 80 })).status).toBe(404);
      expect(fieldsOf(await answer(token, { score: 150 }))).toEqual([400, 'score']);
      expect(fieldsOf(await answer(token, {}))).toEqual([400, 'score']);
      expect(await answer(token, { score: 80 })).toMatchObject({ status: 201, body: { recorded: true } });
      expect(await answer(token, { score: 60 })).toMatchObject({ status: 201, body: { recorded: true } });
      expect(await answer(token, { score: 70 })).toMatchObject({ status: 409, body: { details: [{ code: 'questionnaire.full' }] } });
      expect((await read(token)).body).toMatchObject({ open: false, status: 'full', responses: 2 });
      const answers = await supervision.publishedOf('supervision.SatisfactionScored.v1', 3);
      expect(answers.filter((e) => (e.data as { source: string }).source === 'questionnaire').map((e) => e.actor.role)).toEqual(['reporter', 'reporter']);
    });

    it('refuses answers once it expired', async () => {
      const issued = await post(`/${id}/questionnaires`, OFFICE, { expiresAt: inHours(1) });
      supervision.clock.advance(2 * HOUR);
      expect((await read(issued.body.token)).body).toMatchObject({ open: false, status: 'expired' });
      expect(await answer(issued.body.token, { score: 90 })).toMatchObject({ status: 409, body: { details: [{ code: 'questionnaire.expired' }] } });
    });

    it('completes with every dimension scored and enough residents, then refuses more scores and answers but still closes findings', async () => {
      const later = await post(`/${id}/questionnaires`, NORTH, {});
      const finding = await post(`/${id}/findings`, NORTH, { dimension: 'sanitation', description: '垃圾清运不及时', rectifyBy: inHours(48) });
      for (const [i, dimension] of ASSESSMENT_DIMENSIONS.entries()) {
        expect((await post(`/${id}/scores`, NORTH, { dimension, score: 80 + i, method: 'document_review', note: '' })).status).toBe(200);
      }
      expect(await post(`/${id}/complete`, NORTH)).toMatchObject({ status: 409, body: { details: [{ code: 'assessment.too_few_responses' }] } });
      expect((await post(`/${id}/satisfaction`, NORTH, { scores: Array.from({ length: 21 }, () => 90) })).status).toBe(200);
      const completed = await post(`/${id}/complete`, NORTH);
      expect(completed).toMatchObject({ status: 200, body: { id, events: ['supervision.AssessmentCompleted.v1'] } });
      const [result] = await supervision.publishedOf('supervision.AssessmentCompleted.v1');
      // 0.0875 × (80+…+87) + 0.3 × average(90, 85, 80, 60, 21 × 90) = 58.45 + 0.3 × 2205 / 25 = 58.45 + 0.3 × 88.2 = 84.91
      expect(result?.data).toMatchObject({ weightingId: 'default', satisfaction: { responses: 25, average: 88.2 }, total: 84.91, grade: 'good', openFindings: 1, openDays: 1, visits: 1 });

      expect(await post(`/${id}/scores`, NORTH, { dimension: 'safety', score: 100, method: 'document_review', note: '' })).toMatchObject({ status: 409, body: { details: [{ code: 'assessment.completed' }] } });
      expect(await post(`/${id}/satisfaction`, NORTH, { scores: [100] })).toMatchObject({ status: 409, body: { details: [{ code: 'assessment.completed' }] } });
      expect(await answer(later.body.token, { score: 100 })).toMatchObject({ status: 409, body: { details: [{ code: 'assessment.completed' }] } });
      expect((await read(later.body.token)).body).toMatchObject({ open: false, status: 'completed' });
      expect(await post(`/${id}/complete`, OFFICE)).toMatchObject({ status: 409, body: { details: [{ code: 'assessment.completed' }] } });
      expect(await post(`/${id}/findings/${finding.body.findingId}/rectified`, NORTH, { note: '已清运' })).toMatchObject({ status: 200, body: { events: ['supervision.FindingRectified.v1'] } });
    });
  });
});
