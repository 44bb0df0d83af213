import { ApiClient, eventually, roles, type ApiResponse } from '../e2e/support/api-client';

/**
 * A few records of each kind before the fuzzer starts: on an empty system every list answers `[]`
 * and every identifier 404, so the response schemas of the items themselves would go unchecked.
 * Plain requests that throw on an unexpected answer (no jest here: `npm run fuzz` runs it too).
 */
export interface FuzzSeed {
  readonly caseIds: string[];
  /** A position the system answered with (the callback's): the one `After-Position` the fuzzer sends. */
  readonly position: string;
}

export async function seedForFuzzing(baseUrl: string): Promise<FuzzSeed> {
  const office = new ApiClient(baseUrl, roles.office());
  const station = new ApiClient(baseUrl, roles.station('station-north'));

  const caseView = (caseId: string, ready: (view: CaseView) => boolean, what: string): Promise<CaseView> =>
    eventually(async () => {
      const view = expectStatus(await office.get<CaseView>(`/api/query/cases/${caseId}`), 200, `GET case ${caseId}`).body;
      if (!ready(view)) throw new Error(`case ${caseId} is ${view.status}`);
      return view;
    }, 20_000, `case ${caseId} ${what}`);

  const report = async (category: string): Promise<string> => {
    const body = { compoundId: 'compound-xinghua-1', category, description: `${category} 测试`, channel: 'branch' };
    const caseId = expectStatus(await station.post<{ id: string }>('/api/intake/cases', body), 201, 'report a case').body.id;
    await caseView(caseId, (view) => view.status === 'triaged', 'triaged');
    return caseId;
  };

  // A blocked fire lane whistled at level 2, worked by both units and closed by the callback:
  // tasks, actions, outcomes and a closed case for the task, evaluation and audit reads.
  const closed = await report('fire_lane_blocked');
  const whistle = await station.post<{ whistleId: string }>(`/api/escalation/cases/${closed}/whistle`, { level: 2 });
  const whistleId = expectStatus(whistle, 200, 'whistle').body.whistleId;
  for (const unitId of ['unit-jiaojing', 'unit-xiaofang']) {
    const view = await caseView(closed, (v) => v.tasks.some((t) => t.unitId === unitId && t.whistleId === whistleId), `has a task for ${unitId}`);
    const taskId = view.tasks.find((t) => t.unitId === unitId && t.whistleId === whistleId)?.taskId ?? '';
    const unit = new ApiClient(baseUrl, roles.unit(unitId));
    expectStatus(await unit.post(`/api/enforcement/tasks/${taskId}/report-in`), 200, 'report in');
    expectStatus(await unit.post(`/api/enforcement/tasks/${taskId}/accept`), 200, 'accept');
    expectStatus(await unit.post(`/api/enforcement/tasks/${taskId}/actions`, { kind: 'persuasion', note: '现场劝导' }), 200, 'act');
    expectStatus(await unit.post(`/api/enforcement/tasks/${taskId}/outcome`, { result: 'resolved', note: '处置完毕' }), 200, 'outcome');
  }
  await caseView(closed, (v) => v.status === 'resolved', 'resolved');
  const callback = expectStatus(await station.post<{ position: string | null }>(`/api/intake/cases/${closed}/callback`, { result: 'satisfied' }), 200, 'callback');
  const position = callback.body.position;
  if (!position) throw new Error('the callback answered no position');
  await caseView(closed, (v) => v.status === 'closed', 'closed');

  // One left open, for the commands that need a case still in progress.
  const open = await report('clotheslines_and_litter');

  const firm = { name: '杏花物业服务有限公司', creditCode: '91310115MA1K4ABC21', contact: { name: '李经理', phone: '13812345678' }, compoundIds: ['compound-xinghua-1'] };
  expectStatus(await office.post('/api/supervision/firms', firm), 201, 'register a firm');
  return { caseIds: [closed, open], position };
}

interface CaseView {
  readonly status: string;
  readonly tasks: readonly { readonly taskId: string; readonly unitId: string; readonly whistleId: string }[];
}

function expectStatus<T>(response: ApiResponse<T>, status: number, what: string): ApiResponse<T> {
  if (response.status !== status) throw new Error(`seeding the fuzz: ${what} answered ${response.status}, not ${status}: ${JSON.stringify(response.body)}`);
  return response;
}
