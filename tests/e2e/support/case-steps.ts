import { ApiClient, eventually, roles } from './api-client';

/** The steps of a case as the users take them, over HTTP, asserting each command's answer. */
export class CaseSteps {
  readonly office: ApiClient;
  readonly station: ApiClient;

  /** `waitMs`: how long the read side may take to show a change (longer when services restart). */
  constructor(
    readonly baseUrl: string,
    private readonly waitMs = 20_000,
  ) {
    this.office = new ApiClient(baseUrl, roles.office());
    this.station = new ApiClient(baseUrl, roles.station('station-north'));
  }

  unit(unitId: string): ApiClient {
    return new ApiClient(this.baseUrl, roles.unit(unitId));
  }

  async report(category: string, compoundId = 'compound-xinghua-1', extra: Record<string, unknown> = {}): Promise<string> {
    const response = await this.station.post('/api/intake/cases', { compoundId, category, description: `${category} 测试`, channel: 'branch', ...extra });
    expect(response.status).toBe(201);
    const caseId = response.body.id as string;
    await this.waitFor(caseId, (view) => view.status === 'triaged', 'triaged');
    return caseId;
  }

  async whistle(caseId: string, body: Record<string, unknown>): Promise<string> {
    const response = await this.station.post(`/api/escalation/cases/${caseId}/whistle`, body);
    expect(response.status).toBe(200);
    return response.body.whistleId as string;
  }

  /** Waits until the case view satisfies `ready`, and returns it. */
  async waitFor(caseId: string, ready: (view: any) => boolean, what: string): Promise<any> {
    return eventually(async () => {
      const response = await this.office.get(`/api/query/cases/${caseId}`);
      if (response.status !== 200 || !ready(response.body)) {
        throw new Error(`case ${caseId} is ${response.status === 200 ? `${response.body.status} at level ${response.body.level}` : `HTTP ${response.status}`}`);
      }
      return response.body;
    }, this.waitMs, `case ${caseId} ${what}`);
  }

  async taskOf(caseId: string, unitId: string, whistleId: string): Promise<string> {
    const view = await this.waitFor(caseId, (v) => v.tasks.some((t: any) => t.unitId === unitId && t.whistleId === whistleId), `has a task for ${unitId}`);
    return view.tasks.find((t: any) => t.unitId === unitId && t.whistleId === whistleId).taskId as string;
  }

  async work(taskId: string, unitId: string, result: string, actions: Record<string, unknown>[] = [{ kind: 'persuasion', note: '现场劝导' }]): Promise<void> {
    const unit = this.unit(unitId);
    expect((await unit.post(`/api/enforcement/tasks/${taskId}/report-in`)).status).toBe(200);
    expect((await unit.post(`/api/enforcement/tasks/${taskId}/accept`)).status).toBe(200);
    for (const action of actions) expect((await unit.post(`/api/enforcement/tasks/${taskId}/actions`, action)).status).toBe(200);
    const outcome = await unit.post(`/api/enforcement/tasks/${taskId}/outcome`, { result, note: '处置完毕' });
    expect(outcome.status).toBe(200);
  }

  /** A blocked fire lane whistled at level 2, both summoned units resolving it, called back satisfied: a whole closed case. */
  async closedLevel2Case(): Promise<string> {
    const caseId = await this.report('fire_lane_blocked');
    const whistleId = await this.whistle(caseId, { level: 2 });
    for (const unitId of ['unit-jiaojing', 'unit-xiaofang']) await this.work(await this.taskOf(caseId, unitId, whistleId), unitId, 'resolved');
    await this.waitFor(caseId, (v) => v.status === 'resolved', 'resolved');
    expect((await this.station.post(`/api/intake/cases/${caseId}/callback`, { result: 'satisfied' })).status).toBe(200);
    await this.waitFor(caseId, (v) => v.status === 'closed', 'closed');
    return caseId;
  }

  async history(caseId: string): Promise<any[]> {
    const response = await new ApiClient(this.baseUrl, roles.auditor()).get(`/api/audit/cases/${caseId}/history`);
    expect(response.status).toBe(200);
    return response.body.events as any[];
  }
}
