import { systemSuite } from './support/system-suite';
import { ApiClient, roles } from './support/api-client';

/**
 * State at T is what users saw at T (issue 10, item 8): the case view a user read at several
 * moments of one case's life is, field for field, what the audit's state at that moment says
 * afterwards. The system is the one `npm start` starts; time is the machine's own: each moment is
 * taken once the view has settled (read twice, 300 ms apart, unchanged), before the next step.
 */
jest.setTimeout(120_000);

const suite = systemSuite();

interface Moment {
  readonly name: string;
  readonly at: string;
  readonly seen: Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('the case view read at each moment of a case’s life is what GET /api/audit/cases/{id}/state?at= gives for that moment', async () => {
  const steps = suite.steps();
  const moments: Moment[] = [];
  /** What the office saw of the case once `ready` held and nothing more arrived, and when. */
  const look = async (name: string, caseId: string, ready: (view: any) => boolean): Promise<void> => {
    let seen = await steps.waitFor(caseId, ready, name);
    for (;;) {
      await sleep(300);
      const again = (await steps.office.get(`/api/query/cases/${caseId}`)).body;
      if (JSON.stringify(again) === JSON.stringify(seen)) break;
      seen = again;
    }
    moments.push({ name, at: new Date().toISOString(), seen });
    await sleep(50);
  };

  const caseId = await steps.report('fire_lane_blocked', 'compound-xinghua-1', { reporter: { name: '张三', phone: '13812345678' } });
  await look('reported', caseId, (v) => v.status === 'triaged');
  const whistleId = await steps.whistle(caseId, { level: 2 });
  await look('whistled', caseId, (v) => v.status === 'whistled' && v.tasks.length === 2);
  const police = await steps.taskOf(caseId, 'unit-jiaojing', whistleId);
  const fire = await steps.taskOf(caseId, 'unit-xiaofang', whistleId);
  expect((await steps.unit('unit-jiaojing').post(`/api/enforcement/tasks/${police}/report-in`)).status).toBe(200);
  await look('reported in', caseId, (v) => v.tasks.some((t: any) => t.unitId === 'unit-jiaojing' && t.status === 'reported_in'));
  const jiaojing = steps.unit('unit-jiaojing');
  expect((await jiaojing.post(`/api/enforcement/tasks/${police}/accept`)).status).toBe(200);
  expect((await jiaojing.post(`/api/enforcement/tasks/${police}/actions`, { kind: 'warning', note: '口头警告' })).status).toBe(200);
  expect((await jiaojing.post(`/api/enforcement/tasks/${police}/outcome`, { result: 'resolved', note: '车辆已挪走' })).status).toBe(200);
  await look('a task done', caseId, (v) => v.tasks.some((t: any) => t.unitId === 'unit-jiaojing' && t.status === 'done'));
  await steps.work(fire, 'unit-xiaofang', 'resolved');
  await steps.waitFor(caseId, (v) => v.status === 'resolved', 'resolved');
  expect((await steps.station.post(`/api/intake/cases/${caseId}/callback`, { result: 'satisfied' })).status).toBe(200);
  await look('closed', caseId, (v) => v.status === 'closed');
  // An erasure afterwards changes what the record shows from then on, not what it showed before.
  expect((await steps.office.post(`/api/intake/cases/${caseId}/reporter/erasure`, { reason: '本人申请删除' })).status).toBe(200);
  await look('reporter data erased', caseId, (v) => v.reporterErasure !== null);

  const auditor = new ApiClient(suite.system().baseUrl, roles.auditor());
  for (const moment of moments) {
    const { status, body } = await auditor.get(`/api/audit/cases/${caseId}/state?at=${encodeURIComponent(moment.at)}`);
    expect(status).toBe(200);
    const { asOf: _asOf, aggregates: _aggregates, unreadable, ...state } = body;
    expect(unreadable).toEqual([]);
    expect({ moment: moment.name, state }).toEqual({ moment: moment.name, state: moment.seen });
  }
  expect(moments.map((m) => (m.seen as { status: string }).status)).toEqual(['triaged', 'whistled', 'in_progress', 'in_progress', 'closed', 'closed']);
  expect(moments.map((m) => (m.seen as { reporterErasure: unknown }).reporterErasure !== null)).toEqual([false, false, false, false, false, true]);
});
