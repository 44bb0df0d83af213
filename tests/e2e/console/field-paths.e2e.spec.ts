import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { ApiClient, eventually, roles } from '../support/api-client';
import { choose, horizontalOverflow, PEOPLE, PHONE, refreshUntil, screenshot, seriousAccessibilityViolations } from './browser';
import { consoleSuite } from './console-suite';

// The station's, the units' and the reporters' pages in Debian's Chromium against the system
// started by its own start command: each person in a browser context of their own, the units on
// a phone-sized screen, and every step taken through the console.
jest.setTimeout(180_000);

const STATION = PEOPLE.station;
const JIAOJING = PEOPLE.unit('交警大队');
const XIAOFANG = PEOPLE.unit('消防救援站');
const BRANCH = PEOPLE.branch;

const suite = consoleSuite();
let station: ApiClient;

beforeAll(async () => {
  station = new ApiClient(suite.system().baseUrl, roles.station('station-north'));
});

/** A case reported over the API for the tests that start later in its life, once the read side shows it triaged. */
async function reportedCase(category: string, description: string, compoundId = 'compound-xinghua-1'): Promise<string> {
  const answer = await station.post('/api/intake/cases', { compoundId, category, description, channel: 'station_patrol' });
  expect(answer.status).toBe(201);
  await eventually(async () => expect((await station.get(`/api/query/cases/${answer.body.id}`)).body.status).toBe('triaged'));
  return answer.body.id as string;
}

/** Until the read side shows the case's tasks for its units, which enforcement assigns a moment after the whistle. */
async function tasksAssigned(caseId: string, count: number): Promise<void> {
  await eventually(async () => expect((await station.get(`/api/query/cases/${caseId}`)).body.tasks).toHaveLength(count));
}

/** A unit's work on its task, from its phone: open it from the inbox, report in and accept. */
async function takeTask(page: Page, caseId: string, caseDescription: string): Promise<void> {
  await page.locator(`[data-testid=task-card]:has(a[href^="/cases/${caseId}/"])`).getByTestId('inbox-open-task').click();
  await page.getByTestId('task-description').getByText(caseDescription).waitFor();
  await page.getByTestId('report-in').click();
  await page.getByTestId('accept').click();
  await page.getByTestId('action-form').waitFor();
}

async function recordAction(page: Page, kind: string, note: string): Promise<void> {
  await choose(page, 'action-kind', kind);
  await page.getByTestId('action-note').fill(note);
}

test('a level-2 case from the report to closed, entirely through the console: the station and two units in separate contexts, the units on phones', async () => {
  const description = `12345热线：3号楼东侧消防通道被私家车长期占用 ${Date.now()}`;
  const photo = Buffer.from(`photo of the fire lane ${Date.now()}`);
  const video = Buffer.from(`video of the fire lane ${Date.now()}`);
  const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  // The station takes a hotline call and reports it with two evidence files, hashed in the browser.
  const { page: desk, pageErrors: deskErrors } = await suite.users().signedIn(STATION);
  await desk.getByRole('menuitem', { name: '上报问题' }).click();
  await choose(desk, 'report-compound', '杏花苑');
  await choose(desk, 'report-category', '占用消防通道');
  await desk.getByText('建议2级 应急哨，责任单位：交警大队、消防救援站').waitFor();
  await desk.getByTestId('report-description').fill(description);
  await choose(desk, 'report-channel', '12345热线');
  await desk.getByLabel('反映人姓名（选填，个人信息受保护）').fill('王女士');
  await desk.getByLabel('反映人电话（选填）').fill('13912345678');
  await desk.locator('input[type=file]').setInputFiles([
    { name: 'fire-lane.jpg', mimeType: 'image/jpeg', buffer: photo },
    { name: 'fire-lane.mp4', mimeType: 'video/mp4', buffer: video },
  ]);
  await desk.getByTestId('evidence-list').getByText(sha(photo)).waitFor();
  await desk.getByTestId('evidence-list').getByText(sha(video)).waitFor();
  await screenshot(desk, 'field-report-form-evidence');
  await desk.getByTestId('report-submit').click();
  const caseId = (await desk.getByTestId('reported-case-id').textContent())?.trim() ?? '';
  expect(caseId).toMatch(/^[0-9a-f-]{36}$/);

  // Triage: the case waits in the station's "to triage" view; its page shows the evidence and whom the whistle summons.
  await desk.getByRole('menuitem', { name: '工作队列' }).click();
  await desk.getByTestId('queue-views').getByText('待分拣').click();
  await desk.locator(`tr:has(a[href="/cases/${caseId}"])`).getByRole('link').click();
  await desk.getByTestId('case-evidence').getByText(sha(photo)).waitFor();
  await desk.getByTestId('whistle-panel').getByText('将召集：交警大队、消防救援站').waitFor();
  await screenshot(desk, 'field-station-triage');
  await desk.getByRole('button', { name: '吹哨' }).click();
  await desk.getByTestId('case-status').getByText('已吹哨').waitFor();
  await desk.getByText(/交警大队报到 · 剩余 29分/).waitFor();
  await tasksAssigned(caseId, 2);

  // 交警大队 on its phone: the task is in its inbox with the report-in countdown; it reports in from there, then works the task.
  const { page: police, pageErrors: policeErrors } = await suite.users().signedIn(JIAOJING, PHONE);
  const policeCard = police.locator(`[data-testid=task-card]:has(a[href^="/cases/${caseId}/"])`);
  await policeCard.getByTestId('countdown').getByText(/报到 · 剩余/).waitFor();
  expect(await horizontalOverflow(police)).toBeLessThanOrEqual(0);
  await screenshot(police, 'field-unit-inbox-phone');
  await policeCard.getByTestId('inbox-report-in').click();
  await policeCard.getByText('已报到').waitFor();
  await policeCard.getByTestId('inbox-open-task').click();
  await police.getByTestId('task-description').getByText(description).waitFor();
  await police.getByTestId('accept').click();
  await recordAction(police, '劝导', '联系车主，已将车辆挪离消防通道');
  await police.getByTestId('action-submit').click();
  await police.getByTestId('task-history').getByText('劝导：联系车主，已将车辆挪离消防通道').waitFor();
  await choose(police, 'outcome-result', '已解决');
  await police.getByTestId('outcome-note').fill('消防通道已畅通');
  await screenshot(police, 'field-unit-task-phone');
  await police.getByTestId('outcome-submit').click();
  await police.getByTestId('task-status').getByText('已完成').waitFor();
  expect(await horizontalOverflow(police)).toBeLessThanOrEqual(0);

  // 消防救援站 on its phone: a penalty with its legal basis, and a rectification order checked by an inspection once its deadline passed.
  const { page: fire, pageErrors: fireErrors } = await suite.users().signedIn(XIAOFANG, PHONE);
  await takeTask(fire, caseId, description);
  await recordAction(fire, '行政处罚', '占用消防通道，依法处罚');
  await fire.getByTestId('action-legal-basis').fill('《中华人民共和国消防法》第六十条第一款第五项');
  await fire.getByLabel('罚款金额（元）').fill('500');
  await fire.getByTestId('action-submit').click();
  await fire.getByTestId('task-history').getByText(/依据 《中华人民共和国消防法》第六十条第一款第五项，罚款 500 元/).waitFor();
  await recordAction(fire, '责令限期整改', '清理通道内堆放的杂物');
  const deadline = new Date(Date.now() + 8_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const typed = `${deadline.getFullYear()}-${pad(deadline.getMonth() + 1)}-${pad(deadline.getDate())} ${pad(deadline.getHours())}:${pad(deadline.getMinutes())}:${pad(deadline.getSeconds())}`;
  const picker = fire.getByTestId('action-form').locator('.ant-picker input');
  await picker.click();
  await picker.fill(typed);
  // Enter takes the typed time and submits the form, as in any form.
  await picker.press('Enter');
  const order = fire.getByTestId('rectification-order');
  await order.getByTestId('countdown').getByText(/整改复查 · 剩余/).waitFor();
  expect(await fire.getByTestId('action-form').locator('.ant-form-item-explain-error').count()).toBe(0);
  // Before the deadline the outcome waits for the check; the refusal says what to do, and the note typed stays.
  await choose(fire, 'outcome-result', '已整改');
  await fire.getByTestId('outcome-note').fill('杂物已清理');
  await fire.getByTestId('outcome-submit').click();
  await fire.getByTestId('outcome-form').getByText('还有限期整改未经复查：请在整改期限到后记录复查，再记录结果。').waitFor();
  expect(await fire.getByTestId('outcome-note').inputValue()).toBe('杂物已清理');
  await order.getByText('已到期，待复查').waitFor({ timeout: 15_000 });
  await fire.getByTestId('rectification-note').fill('复查：杂物已清理，通道畅通');
  await fire.getByTestId('rectification-inspect').click();
  await order.getByText(/^已于 .* 复查$/).waitFor();
  await screenshot(fire, 'field-unit-rectification-phone');
  await fire.getByTestId('outcome-submit').click();
  await fire.getByTestId('task-status').getByText('已完成').waitFor();

  // The station sees the case resolved, calls the reporter back at the number left, and the case closes.
  await refreshUntil(desk, () => desk.getByTestId('case-status').getByText('已解决').isVisible());
  // The number shows in full once the station says why: the read is recorded (个人信息查阅记录).
  await desk.getByTestId('reporter-contact').getByText(/^王\*+ · /).waitFor();
  await desk.getByTestId('reveal-reason').fill('回访反映人');
  await desk.getByTestId('reveal-reporter').click();
  await desk.getByTestId('reporter-contact').getByText('王女士').waitFor();
  await desk.getByTestId('callback-result').getByText('满意', { exact: true }).click();
  await desk.getByTestId('callback-panel').getByLabel('回访记录').fill('车辆已挪走，杂物已清理，群众满意');
  await screenshot(desk, 'field-station-callback');
  await desk.getByRole('button', { name: '记录回访' }).click();
  await desk.getByTestId('case-status').getByText('已办结').waitFor();
  await desk.getByTestId('case-timeline').getByText('办结').waitFor();
  const closed = (await station.get(`/api/query/cases/${caseId}`)).body;
  expect(closed).toMatchObject({ status: 'closed', evidence: [{ name: 'fire-lane.jpg', sha256: sha(photo) }, { name: 'fire-lane.mp4', sha256: sha(video) }] });
  expect(closed.tasks.map((t: { unitId: string; outcome: { result: string } }) => [t.unitId, t.outcome.result]).sort()).toEqual([
    ['unit-jiaojing', 'resolved'],
    ['unit-xiaofang', 'rectified'],
  ]);
  expect([...deskErrors, ...policeErrors, ...fireErrors]).toEqual([]);
});

test('the station triages: a probable duplicate side by side and overruled, a report rejected with a code, a level raised with a reason, a level-1 activity recorded', async () => {
  const original = await reportedCase('common_area_clutter', `楼道堆放杂物 ${Date.now()}`);
  const second = await station.post('/api/intake/cases', { compoundId: 'compound-xinghua-1', category: 'common_area_clutter', description: `5号楼楼道堆放纸箱 ${Date.now()}`, channel: 'hotline_12345' });
  expect(second.body.duplicateOf).toBe(original);
  const { page } = await suite.users().signedIn(STATION);

  // At triage the original lists the report linked to it.
  await page.goto(`/cases/${original}`);
  await page.getByTestId('related-reports').locator(`a[href="/cases/${second.body.id}"]`).waitFor();
  await page.getByTestId('related-reports').getByText('关联到本案的重复上报').waitFor();
  await page.goto('/queue');

  // The duplicate waits in its own view, and its page puts it beside the case it was linked to.
  await page.getByTestId('queue-views').getByText('疑似重复').click();
  await page.locator(`tr:has(a[href="/cases/${second.body.id}"])`).getByRole('link').click();
  await page.getByTestId('duplicate-this').getByText(/5号楼楼道堆放纸箱/).waitFor();
  await page.getByTestId('duplicate-original').getByText(/楼道堆放杂物/).waitFor();
  await screenshot(page, 'field-station-duplicate');
  await page.getByTestId('duplicate-reason').fill('5号楼与3号楼不是同一处');
  await page.getByRole('button', { name: '不是重复，作为新案件处理' }).click();
  await page.getByTestId('case-status').getByText('待吹哨').waitFor();
  await page.getByTestId('whistle-panel').waitFor();

  // An unrelated report is rejected at triage with a code and a reason, both shown on the case.
  const dispute = await reportedCase('group_renting', `邻里纠纷 ${Date.now()}`);
  await page.goto(`/cases/${dispute}`);
  await page.getByRole('tab', { name: '退回' }).click();
  await page.getByTestId('reject-code').getByText('不属于综合执法范围').click();
  await page.getByTestId('reject-reason').fill('属于邻里民事纠纷，请社区调解');
  await page.getByRole('button', { name: '退回该上报' }).click();
  await page.getByTestId('case-status').getByText('已退回').waitFor();
  await page.getByTestId('case-rejection').getByText('不属于综合执法范围：属于邻里民事纠纷，请社区调解').waitFor();

  // A whistled case raised a level, with a reason: it waits for a new whistle at level 3.
  await page.goto(`/cases/${original}`);
  await page.getByRole('button', { name: '吹哨' }).click();
  await page.getByTestId('case-status').getByText('已吹哨').waitFor();
  await choose(page, 'level-select', '3级 执法哨');
  await page.getByTestId('level-reason').fill('劝导多次无效，需执法');
  await screenshot(page, 'field-station-level');
  await page.getByRole('button', { name: '调整级别' }).click();
  await page.getByTestId('case-status').getByText('待吹哨').waitFor();
  await page.getByTestId('case-timeline').getByText('级别由2级调整为3级：劝导多次无效，需执法').waitFor();

  // A level-1 publicity whistle: the station records the activity it held, and the case is resolved.
  const publicity = await reportedCase('fire_theft_publicity', `冬季防火宣传 ${Date.now()}`, 'compound-xinghua-2');
  await page.goto(`/cases/${publicity}`);
  await page.getByRole('button', { name: '吹哨' }).click();
  await page.getByRole('tab', { name: '记录宣传活动' }).click();
  await page.getByTestId('activity-topic').fill('冬季防火防盗宣传进小区');
  await page.getByTestId('activity-panel').getByLabel('参加人数').fill('56');
  await screenshot(page, 'field-station-activity');
  await page.getByRole('button', { name: '记录活动' }).click();
  await page.getByTestId('case-status').getByText('已解决').waitFor();
});

test('a refused command shows why and what to do in the user’s language, and keeps what was typed', async () => {
  const description = `占用消防通道（拒绝测试） ${Date.now()}`;
  const caseId = await reportedCase('fire_lane_blocked', description, 'compound-xinghua-3');
  expect((await station.post(`/api/escalation/cases/${caseId}/whistle`, { level: 2 })).status).toBe(200);
  await tasksAssigned(caseId, 2);
  const { page } = await suite.users().signedIn(JIAOJING, PHONE);
  const card = page.locator(`[data-testid=task-card]:has(a[href^="/cases/${caseId}/"])`);
  await card.getByTestId('inbox-open-task').click();
  await page.getByTestId('report-in').click();
  await page.getByTestId('accept').click();
  // An outcome before any on-site action is refused by the task itself.
  await choose(page, 'outcome-result', '已解决');
  await page.getByTestId('outcome-note').fill('车已开走');
  await page.getByTestId('outcome-submit').click();
  const alert = page.getByTestId('outcome-form').getByTestId('error-alert');
  await alert.getByText('请先记录至少一项现场处置，再记录结果。').waitFor();
  await alert.getByText('请刷新页面查看案件的最新状态。').waitFor();
  expect(await page.getByTestId('outcome-note').inputValue()).toBe('车已开走');
  await screenshot(page, 'field-refused-zh');
  await page.getByTestId('language-switch').getByText('English').click();
  await alert.getByText('Record at least one on-site action before the outcome.').waitFor();
  expect(await page.getByTestId('outcome-note').inputValue()).toBe('车已开走');
  await screenshot(page, 'field-refused-en');
  // The form's own rules mark what is missing before anything is sent: a penalty without its legal basis and amount never leaves the page.
  await choose(page, 'action-kind', 'Penalty');
  await page.getByTestId('action-note').fill('fined');
  await page.getByTestId('action-submit').click();
  await page.getByText('A penalty needs its legal basis').waitFor();
  await page.getByText('Enter the fine').waitFor();
  await page.getByTestId('language-switch').getByText('中文').click();
});

test('every page added switches between 中文 and English, passes axe-core, and is kept as a screenshot', async () => {
  const caseId = await reportedCase('fire_lane_blocked', `语言与无障碍 ${Date.now()}`, 'compound-xinghua-2');
  const whistle = await station.post(`/api/escalation/cases/${caseId}/whistle`, { level: 2 });
  const taskId = `${whistle.body.whistleId}.unit-jiaojing`;
  await tasksAssigned(caseId, 2);
  const ownCompound = await reportedCase('flying_wire_charging', `上报人查看 ${Date.now()}`);
  const duplicate = await station.post('/api/intake/cases', { compoundId: 'compound-xinghua-2', category: 'fire_lane_blocked', description: '又被占用', channel: 'hotline_12345' });
  await eventually(async () => expect((await station.get(`/api/query/cases/${duplicate.body.id}`)).status).toBe(200));

  const found: Record<string, string[]> = {};
  /** Checks the page in Chinese, switches to English and checks again, then back. */
  const bothLanguages = async (page: Page, name: string, zh: RegExp | string, en: RegExp | string) => {
    await page.getByRole('heading', { name: zh }).first().waitFor();
    found[`${name} zh`] = await seriousAccessibilityViolations(page);
    await screenshot(page, `field-${name}-zh`);
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByRole('heading', { name: en }).first().waitFor();
    found[`${name} en`] = await seriousAccessibilityViolations(page);
    await screenshot(page, `field-${name}-en`);
    await page.getByTestId('language-switch').getByText('中文').click();
    await page.getByRole('heading', { name: zh }).first().waitFor();
  };

  const { page: desk } = await suite.users().signedIn(STATION);
  await desk.goto('/queue?status=duplicate');
  await desk.locator(`tr:has(a[href="/cases/${duplicate.body.id}"])`).waitFor();
  await bothLanguages(desk, 'station-queue-views', '工作队列', 'Work queue');
  await desk.goto(`/cases/${duplicate.body.id}`);
  await desk.getByTestId('duplicate-original').waitFor();
  await bothLanguages(desk, 'station-duplicate', '疑似重复上报对照', 'Probable duplicate, side by side');
  await desk.goto(`/cases/${caseId}`);
  await desk.getByTestId('level-panel').waitFor();
  await bothLanguages(desk, 'station-case-actions', '工作站操作', 'Station actions');
  await desk.goto(`/cases/${ownCompound}`);
  await desk.getByRole('tab', { name: '退回' }).click();
  await desk.getByTestId('reject-reason').waitFor();
  found['station-reject'] = await seriousAccessibilityViolations(desk);
  await desk.goto('/report');
  await desk.locator('input[type=file]').setInputFiles([{ name: 'a.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('a') }]);
  await desk.getByTestId('evidence-list').waitFor();
  await bothLanguages(desk, 'report-evidence', '上报问题', 'Report a problem');

  const { page: police } = await suite.users().signedIn(JIAOJING, PHONE);
  await bothLanguages(police, 'unit-inbox', '我的任务', 'My tasks');
  await police.goto(`/cases/${caseId}/tasks/${taskId}`);
  await police.getByTestId('report-in').click();
  await police.getByTestId('task-status').getByText('已报到').waitFor();
  await police.getByTestId('decline-reason').waitFor();
  // The accept button appears under the pointer that tapped "report in"; axe checks it as it rests, not hovered.
  await police.mouse.move(0, 0);
  found['unit-task-respond'] = await seriousAccessibilityViolations(police);
  await police.getByTestId('accept').click();
  await police.getByTestId('action-form').waitFor();
  await bothLanguages(police, 'unit-task', /^任务 · /, /^Task · /);

  const { page: branch } = await suite.users().signedIn(BRANCH, PHONE);
  await branch.goto('/mine');
  await branch.getByTestId('my-report').first().waitFor();
  await bothLanguages(branch, 'reporter-mine', '我的上报', 'My reports');
  await branch.goto(`/cases/${ownCompound}`);
  await branch.getByTestId('case-progress').waitFor();
  await bothLanguages(branch, 'reporter-case', /^案件详情 · /, /^Case · /);

  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
});
