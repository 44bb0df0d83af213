import { quarterOf } from '@whistle/contracts';
import { ApiClient, eventually, roles, send } from './support/api-client';
import { systemSuite } from './support/system-suite';

/**
 * The supervision service as the embedded system (`npm start`) serves it beside the other four:
 * ready and documented, opening a task's evaluation from escalation's events over the bus, its
 * ratings in the case's audited history, and the residents' questionnaire link open without a token.
 */
jest.setTimeout(120_000);

const suite = systemSuite();

const SUPERVISION_PATHS = [
  'POST /api/supervision/tasks/{taskId}/unit-rating',
  'POST /api/supervision/tasks/{taskId}/whistle-rating',
  'POST /api/supervision/weighting',
  'POST /api/supervision/firms',
  'POST /api/supervision/firms/{firmId}/changes',
  'POST /api/supervision/assessments',
  'POST /api/supervision/assessments/{id}/scores',
  'POST /api/supervision/assessments/{id}/findings',
  'POST /api/supervision/assessments/{id}/findings/{findingId}/rectified',
  'POST /api/supervision/assessments/{id}/satisfaction',
  'POST /api/supervision/assessments/{id}/questionnaires',
  'POST /api/supervision/assessments/{id}/open-days',
  'POST /api/supervision/assessments/{id}/visits',
  'POST /api/supervision/assessments/{id}/complete',
  'POST /api/supervision/quarters/{quarter}/notices',
  'GET /api/public/questionnaires/{token}',
  'POST /api/public/questionnaires/{token}/responses',
];

it('is ready beside the other writing services, and documents every path of its contract', async () => {
  const { baseUrl } = suite.system();
  const ready = await send(baseUrl, 'GET', '/api/ready');
  expect(ready.body.checks).toMatchObject({ 'supervision-store': 'ok' });
  const docs = await send(baseUrl, 'GET', '/api/docs-json');
  const documented = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );
  expect(SUPERVISION_PATHS.filter((operation) => !documented.includes(operation))).toEqual([]);
  // The public link is the one part of supervision documented without a bearer token.
  expect(docs.body.paths['/api/public/questionnaires/{token}'].get.security).toEqual([]);
  expect(docs.body.paths['/api/public/questionnaires/{token}/responses'].post.security).toEqual([]);
  expect(docs.body.paths['/api/supervision/firms'].post.security).toEqual([{ bearer: [] }]);
});

it('opens the evaluation of a task that ended, which its station and unit then rate, in the case’s audited history', async () => {
  const steps = suite.steps();
  const caseId = await steps.report('fire_lane_blocked');
  const whistleId = await steps.whistle(caseId, { level: 2 });
  const taskId = await steps.taskOf(caseId, 'unit-jiaojing', whistleId);
  await steps.work(taskId, 'unit-jiaojing', 'resolved');

  // The outcome reaches escalation, whose note of it reaches supervision: the evaluation opens a moment later.
  const rated = await eventually(async () => {
    const response = await steps.station.post(`/api/supervision/tasks/${taskId}/unit-rating`, { timeliness: 5, effectiveness: 4, cooperation: 5, comment: '到场及时' });
    if (response.status !== 200) throw new Error(`the rating answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response;
  }, 20_000, 'the station rates the unit');
  expect(rated.body).toMatchObject({ id: taskId, events: ['supervision.UnitResponseRated.v1'], ratingId: expect.any(String) });
  const byOtherStation = await new ApiClient(steps.baseUrl, roles.station('station-south')).post(`/api/supervision/tasks/${taskId}/unit-rating`, { timeliness: 1, effectiveness: 1, cooperation: 1, comment: '越权' });
  expect(byOtherStation.status).toBe(403);
  const whistleRated = await steps.unit('unit-jiaojing').post(`/api/supervision/tasks/${taskId}/whistle-rating`, { justified: true, informationAccurate: true, comment: '信息准确' });
  expect(whistleRated.status).toBe(200);

  const history = await steps.history(caseId);
  const supervision = history.filter((e) => e.service === 'supervision').map((e) => [e.type, e.streamId]);
  expect(supervision).toEqual(
    expect.arrayContaining([
      ['supervision.EvaluationOpened.v1', `evaluation-${taskId}`],
      ['supervision.UnitResponseRated.v1', `evaluation-${taskId}`],
      ['supervision.WhistleRated.v1', `evaluation-${taskId}`],
    ]),
  );
});

it('serves the questionnaire link without a token, and nothing else of supervision', async () => {
  const { baseUrl } = suite.system();
  const office = new ApiClient(baseUrl, roles.office());
  const firm = await office.post('/api/supervision/firms', { name: '梧桐物业', creditCode: '91310115MA1K4ABC21', contact: { name: '赵经理', phone: '13700000000' }, compoundIds: ['compound-wutong-1'] });
  expect(firm.status).toBe(201);
  const quarter = quarterOf(new Date().toISOString());
  const assessment = await office.post('/api/supervision/assessments', { quarter, firmId: firm.body.id, compoundId: 'compound-wutong-1' });
  expect(assessment.status).toBe(201);
  const issued = await office.post(`/api/supervision/assessments/${assessment.body.id}/questionnaires`, { maxResponses: 1 });
  expect(issued.status).toBe(200);

  expect(await send(baseUrl, 'GET', `/api/public/questionnaires/${issued.body.token}`)).toMatchObject({ status: 200, body: { firmName: '梧桐物业', compoundId: 'compound-wutong-1', open: true } });
  expect(await send(baseUrl, 'POST', `/api/public/questionnaires/${issued.body.token}/responses`, { body: { score: 95 } })).toMatchObject({ status: 201, body: { recorded: true } });
  expect((await send(baseUrl, 'POST', `/api/public/questionnaires/${issued.body.token}/responses`, { body: { score: 95 } })).status).toBe(409);
  expect((await send(baseUrl, 'POST', '/api/supervision/firms', { body: {} })).status).toBe(401);
  expect((await send(baseUrl, 'POST', `/api/supervision/assessments/${assessment.body.id}/questionnaires`, { body: {} })).status).toBe(401);
});
