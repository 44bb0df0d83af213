import type { Page } from 'playwright-core';
import { ApiClient, eventually, roles } from '../support/api-client';
import { CaseSteps } from '../support/case-steps';
import { choose, horizontalOverflow, PEOPLE, PHONE, refreshUntil, screenshot, seriousAccessibilityViolations } from './browser';
import { consoleSuite } from './console-suite';

// The level-3 case's whole life after its report, each person in a browser context of their own
// (the units on phones), and the office's and the auditors' pages, in Debian's Chromium against
// the system started by its own start command. Steps marked "API:" set up what a test needs
// before its pages are shown.
jest.setTimeout(180_000);

const suite = consoleSuite();
let steps: CaseSteps;
let auditor: ApiClient;

const OFFICE = PEOPLE.office;
const AUDITOR = PEOPLE.auditor;
const STATION = PEOPLE.station;
const GONGAN = PEOPLE.unit('梧桐派出所（公安）');
const CHENGGUAN = PEOPLE.unit('城市管理局（城管）');

beforeAll(async () => {
  steps = new CaseSteps(suite.system().baseUrl);
  auditor = new ApiClient(suite.system().baseUrl, roles.auditor());
});

const consoleAs = (who: { role: string; scope?: string }) => suite.users().signedIn(who);

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name, level: 1 }).waitFor();

/** Switches the console to English, checks the page's heading there, and back to Chinese. */
async function bothLanguages(page: Page, zh: string | RegExp, en: string | RegExp): Promise<void> {
  await heading(page, zh);
  await page.getByTestId('language-switch').getByText('English').click();
  await heading(page, en);
  await page.getByTestId('language-switch').getByText('中文').click();
  await heading(page, zh);
}

/** Print media: the console's frame and the buttons are gone, the document stays. */
async function expectPrintable(page: Page, documentTestId: string): Promise<void> {
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('.ant-layout-header').isVisible()).toBe(false);
  expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
  expect(await page.getByTestId('print').isVisible()).toBe(false);
  expect(await page.getByTestId(documentTestId).isVisible()).toBe(true);
  await page.emulateMedia({ media: 'screen' });
}

/** A unit's card in its inbox for the case, among its open tasks; `text` tells one task of the case from another. */
const taskCard = (page: Page, caseId: string, text?: string) => page.locator(`[data-testid=task-card]:has(a[href^="/cases/${caseId}/"])`, text ? { hasText: text } : {});

/** A summoned unit on its phone: reports in from its inbox, opens the task and declines it as not its responsibility. */
async function declineAsNotOurs(page: Page, caseId: string, reason: string): Promise<void> {
  const card = taskCard(page, caseId);
  await card.getByTestId('countdown').getByText(/报到 · 剩余 1小时/).waitFor();
  await card.getByTestId('inbox-report-in').click();
  await card.getByText('已报到').waitFor();
  await card.getByTestId('inbox-open-task').click();
  await page.getByTestId('decline-reason').fill(reason);
  await page.getByRole('switch', { name: '非本单位职责' }).click();
  await page.getByTestId('decline').click();
  await page.getByTestId('task-status').getByText('已拒绝').waitFor();
  await page.getByTestId('task-history').getByText(reason, { exact: false }).waitFor();
}

/** A unit of the resolution on its phone: the task arrives in its inbox by itself; it reports in there and opens it. */
async function openJointTask(page: Page, caseId: string, role: '牵头单位' | '配合单位'): Promise<void> {
  await page.getByRole('link', { name: '← 我的任务' }).click();
  const card = taskCard(page, caseId, role);
  await card.getByTestId('countdown').getByText(/完成期限 · 剩余/).waitFor({ timeout: 20_000 });
  await card.getByTestId('inbox-report-in').click();
  await card.getByText('已报到').waitFor();
  await card.getByTestId('inbox-open-task').click();
  await page.getByTestId('joint-enforcement').waitFor();
}

/** Records one on-site action and the outcome, as the unit's officer on site would. */
async function actAndConclude(page: Page, kind: string, note: string, outcome: string): Promise<void> {
  await choose(page, 'action-kind', kind);
  await page.getByTestId('action-note').fill(note);
  await page.getByTestId('action-submit').click();
  await page.getByTestId('task-history').getByText(`${kind}：${note}`).waitFor();
  await choose(page, 'outcome-result', '已解决');
  await page.getByTestId('outcome-note').fill(outcome);
  await page.getByTestId('outcome-submit').click();
  await page.getByTestId('task-status').getByText('已完成').waitFor();
}

test('a level-3 case declined by both units, the meeting with quorum, the resolution, joint enforcement and the callback', async () => {
  // API: the party branch's report, with the resident's number for the callback (the report form has its own test).
  const caseId = await steps.report('uncivil_dog_keeping', 'compound-xinghua-1', { reporter: { name: '李先生', phone: '13812345678' } });
  const found: Record<string, string[]> = {};

  // The station blows the level-3 whistle in the browser.
  const { page: station, pageErrors: stationErrors } = await consoleAs(STATION);
  await station.goto(`/cases/${caseId}`);
  await station.getByTestId('whistle-panel').getByText('将召集：梧桐派出所（公安）、城市管理局（城管）').waitFor();
  await station.getByRole('button', { name: '吹哨' }).click();
  await station.getByTestId('case-status').getByText('已吹哨').waitFor();

  // Each summoned unit on its phone: the task waits in its inbox with the 2-hour report-in countdown;
  // it reports in and declines, "not our responsibility", each with its reason.
  const { page: police, pageErrors: policeErrors } = await suite.users().signedIn(GONGAN, PHONE);
  await declineAsNotOurs(police, caseId, '饲养人已搬离，属城管执法范围');
  await screenshot(police, 'level3-unit-declined-phone');
  const { page: cityManagement, pageErrors: cityErrors } = await suite.users().signedIn(CHENGGUAN, PHONE);
  await declineAsNotOurs(cityManagement, caseId, '犬只登记与管理由公安负责');

  // Every summoned unit declined: the station sees the case raised to level 4, with the joint meeting.
  await refreshUntil(station, () => station.getByTestId('case-status').getByText('联席会议研判中').isVisible());
  await station.getByTestId('case-facts').getByText('4级 攻坚哨').waitFor();
  await station.getByTestId('case-timeline').getByText('梧桐派出所（公安）拒绝任务：饲养人已搬离，属城管执法范围').waitFor();

  // The office sees the raise on its dashboard and follows it down to the case.
  const { page: office, pageErrors: officeErrors } = await consoleAs(OFFICE);
  await heading(office, '数据看板');
  await office.getByTestId('figure-raised-all_declined').click();
  await heading(office, '统计明细 · 升级（召集单位均拒绝）');
  await office.getByTestId('drill-table').locator(`a[href="/cases/${caseId}"]`).waitFor();
  await office.getByRole('link', { name: '返回数据看板' }).click();
  await heading(office, '数据看板');

  // It schedules the meeting: the waiting case is on the agenda, its units invited, 住建 too.
  await office.getByRole('menuitem', { name: '联席会议' }).click();
  await heading(office, '联席会议');
  await office.getByTestId('pending-cases').getByText('不文明养犬 · 杏花苑').waitFor();
  await office.getByTestId('meeting-place').fill('镇综治中心会议室');
  await choose(office, 'meeting-units', '住房和城乡建设局');
  await office.keyboard.press('Escape');
  await office.getByTestId('schedule-submit').click();
  await heading(office, '联席会议 · 镇综治中心会议室');
  const agenda = office.getByTestId(`agenda-${caseId}`);
  await agenda.getByText('不文明养犬 · 杏花苑').waitFor();

  // Opened; one unit present is no quorum, and the resolution is refused with the reason, the form kept.
  await office.getByTestId('meeting-open').click();
  await office.getByTestId('meeting-status').getByText('进行中').waitFor();
  await office.getByTestId('present-unit-gongan').click();
  await office.getByTestId('quorum').getByText('未达到法定人数').waitFor();
  await office.getByTestId('quorum').getByText('法定人数：应到 3，实到 1，至少需 2').waitFor();
  await agenda.getByRole('tab', { name: '作出决议' }).click();
  await choose(office, 'resolution-lead', '梧桐派出所');
  await office.getByTestId('resolution-measures').fill('联合执法，收容无主犬');
  await office.getByTestId('resolution-submit').click();
  await agenda.getByTestId('error-alert').getByText('未达到法定人数，不能作出决议。').waitFor();
  expect(await office.getByTestId('resolution-measures').inputValue()).toBe('联合执法，收容无主犬');
  await screenshot(office, 'office-meeting-no-quorum');

  // 城管 arrives: quorum; its opinion, then the resolution with 城管 leading.
  await office.getByTestId('present-unit-chengguan').click();
  await office.getByTestId('quorum').getByText('已达到法定人数').waitFor();
  await agenda.getByRole('tab', { name: '记录意见' }).click();
  await choose(office, 'opinion-unit', '城市管理局');
  await office.getByTestId('opinion-text').fill('城管牵头，公安配合');
  await office.getByTestId('opinion-submit').click();
  await agenda.getByTestId('opinions').getByText('城管牵头，公安配合').waitFor();
  await agenda.getByRole('tab', { name: '作出决议' }).click();
  await choose(office, 'resolution-lead', '城市管理局');
  await choose(office, 'resolution-supporting', '梧桐派出所');
  await office.keyboard.press('Escape');
  await office.getByTestId('resolution-submit').click();
  await agenda.getByTestId('decision').getByText(/^决议：城市管理局（城管）牵头，梧桐派出所（公安）配合；措施：联合执法，收容无主犬/).waitFor();
  await screenshot(office, 'office-meeting');

  // Closed; the minutes, in Chinese and in English, ready to print.
  await office.getByTestId('meeting-close').click();
  await office.getByRole('button', { name: '确定散会' }).click();
  await office.getByTestId('meeting-status').getByText('已结束').waitFor();
  await office.getByTestId('meeting-minutes').click();
  const minutes = office.getByTestId('minutes-document');
  await minutes.getByRole('heading', { name: '联席会议纪要' }).waitFor();
  expect(await minutes.getByTestId('minutes-quorum').textContent()).toBe('已达到（实到 2，至少需 2）');
  await minutes.getByText('联合执法，收容无主犬').waitFor();
  await minutes.getByText('城市管理局（城管）：城管牵头，公安配合').waitFor();
  await screenshot(office, 'office-minutes-zh');
  await office.getByTestId('minutes-language').getByText('English').click();
  await minutes.getByRole('heading', { name: 'Minutes of the joint meeting' }).waitFor();
  expect(await minutes.getByTestId('minutes-quorum').textContent()).toBe('reached (2 present, at least 2 needed)');
  await minutes.getByText('Urban Management (Chengguan)', { exact: false }).first().waitFor();
  await expectPrintable(office, 'minutes-document');
  await screenshot(office, 'office-minutes-en');

  // Joint enforcement, each unit on its phone. 城管 leads: its new task shows the resolution and its part in it, and cannot be declined.
  await openJointTask(cityManagement, caseId, '牵头单位');
  const joint = cityManagement.getByTestId('joint-enforcement');
  await joint.getByTestId('joint-measures').getByText('联合执法，收容无主犬').waitFor();
  await joint.getByTestId('joint-duty').getByText(/^牵头：组织配合单位按决议联合执法/).waitFor();
  await joint.getByTestId('joint-duty').getByText(/本任务不能拒绝/).waitFor();
  await joint.getByTestId('joint-resolution').getByText('梧桐派出所（公安）').waitFor();
  await joint.getByTestId('joint-progress-unit-gongan').getByText('待报到').waitFor();
  expect(await cityManagement.getByTestId('decline-reason').count()).toBe(0);
  expect(await horizontalOverflow(cityManagement)).toBeLessThanOrEqual(0);
  await cityManagement.mouse.move(0, 0);
  found['unit-joint-task'] = await seriousAccessibilityViolations(cityManagement);
  await screenshot(cityManagement, 'level3-joint-task-lead-phone');
  await cityManagement.getByTestId('language-switch').getByText('English').click();
  await joint.getByRole('heading', { name: 'Joint-meeting resolution · joint enforcement' }).waitFor();
  await joint.getByTestId('joint-duty').getByText(/^Lead: organise the supporting units/).waitFor();
  await screenshot(cityManagement, 'level3-joint-task-lead-phone-en');
  await cityManagement.getByTestId('language-switch').getByText('中文').click();
  await cityManagement.getByTestId('accept').click();
  await actAndConclude(cityManagement, '拆除/清除', '收容无主犬两只，清理犬只粪便', '无主犬已收容');

  // 公安 supports: its task names 城管 as the lead and shows how the lead's task stands.
  await openJointTask(police, caseId, '配合单位');
  await police.getByTestId('joint-duty').getByText(/^配合：按决议配合牵头单位城市管理局（城管）联合执法/).waitFor();
  await police.getByTestId('joint-progress-unit-chengguan').getByText('已解决：无主犬已收容').waitFor();
  await police.getByTestId('accept').click();
  await actAndConclude(police, '现场检查', '配合检查犬只登记，劝导饲养人文明养犬', '配合完成');
  await screenshot(police, 'level3-joint-task-supporting-phone');

  // The station finds the case among those to call back, tells the resident what each unit did, and the case closes.
  await station.getByRole('menuitem', { name: '工作队列' }).click();
  await station.getByTestId('queue-views').getByText('待回访').click();
  const row = station.locator(`tr:has(a[href="/cases/${caseId}"])`);
  await row.getByText('已解决').waitFor({ timeout: 20_000 });
  await station.getByTestId('case-table').locator('.ant-spin-spinning').waitFor({ state: 'detached' });
  found['station-queue-callback'] = await seriousAccessibilityViolations(station);
  await screenshot(station, 'level3-station-queue-callback');
  await row.getByRole('link').click();
  const callback = station.getByTestId('callback-panel');
  await callback.getByTestId('callback-outcomes').getByText('已解决：无主犬已收容').waitFor();
  await callback.getByTestId('callback-outcomes').getByText('已解决：配合完成').waitFor();
  await callback.getByTestId('reveal-reason').fill('回访反映人');
  await callback.getByTestId('reveal-reporter').click();
  await callback.getByTestId('reporter-contact').getByText('李先生').waitFor();
  await station.getByTestId('joint-progress-unit-gongan').getByText('已完成').waitFor();
  await callback.getByTestId('callback-result').getByText('满意', { exact: true }).click();
  await callback.getByLabel('回访记录').fill('无主犬已收容，居民满意');
  found['station-case-callback'] = await seriousAccessibilityViolations(station);
  await screenshot(station, 'level3-station-callback');
  await station.getByRole('button', { name: '记录回访' }).click();
  await station.getByTestId('case-status').getByText('已办结').waitFor();
  await station.getByTestId('case-timeline').getByText('回访：满意').waitFor();

  // The office's dashboard no longer counts it at level 4.
  await office.goto(`/dashboard/cases?figure=atLevel4`);
  await heading(office, '统计明细 · 4级在办案件');
  await office.getByTestId('drill-table').waitFor();
  expect(await office.getByTestId('drill-table').locator(`a[href="/cases/${caseId}"]`).count()).toBe(0);
  expect(found).toEqual({ 'unit-joint-task': [], 'station-queue-callback': [], 'station-case-callback': [] });
  expect([...stationErrors, ...policeErrors, ...cityErrors, ...officeErrors]).toEqual([]);
});

test('the auditor’s timeline, state at a past moment, verification and printable dossier', async () => {
  // API: a level-2 case from report to closed, so the auditor has a whole record to read.
  const caseId = await steps.closedLevel2Case();
  const history = await eventually(async () => {
    const events = (await auditor.get(`/api/audit/cases/${caseId}/history`)).body.events as { type: string; hash: string; recordedAt: string }[];
    expect(events.map((e) => e.type)).toContain('intake.CaseClosed.v1');
    return events;
  });

  // Found by its number.
  const { page, pageErrors } = await consoleAs(AUDITOR);
  await heading(page, '案件审计');
  await page.getByTestId('audit-case-id').fill(caseId);
  await page.getByTestId('audit-find').click();
  await heading(page, '案件审计 · 占用消防通道');

  // The timeline: who, what, when, what caused it, and the hash as recorded.
  const first = page.getByTestId('event-1');
  await first.getByText('1. 案件上报').waitFor();
  expect(await first.getByTestId('event-hash').textContent()).toBe(`${history[0]?.hash.slice(0, 16)}…`);
  const closedAt = history.findIndex((e) => e.type === 'intake.CaseClosed.v1') + 1;
  await page.getByTestId(`event-${closedAt}`).getByText(`${closedAt}. 案件办结`).waitFor();
  await page.getByTestId('audit-history').getByText(/由第 \d+ 条（.+）引起/).first().waitFor();
  await screenshot(page, 'audit-case');

  // The state just before the whistle, stepping the slider with the keys.
  const beforeWhistle = history.findIndex((e) => e.type === 'escalation.WhistleBlown.v1');
  const expected = (await auditor.get(`/api/audit/cases/${caseId}/state?at=${encodeURIComponent(history[beforeWhistle - 1]?.recordedAt ?? '')}`)).body;
  expect(expected.status).toBe('triaged');
  await page.getByTestId('state-slider').getByRole('slider').focus();
  await page.keyboard.press('Home');
  for (let step = 1; step < beforeWhistle; step += 1) await page.keyboard.press('ArrowRight');
  await page.getByTestId('state-status').getByText('待吹哨').waitFor();
  await page.getByTestId('state-as-of').getByText(new RegExp(`已记录 ${expected.asOf.eventsApplied} 条事件`)).waitFor();
  await page.keyboard.press('End');
  await page.getByTestId('state-status').getByText('已办结').waitFor();

  // Verification, stream by stream.
  await page.getByTestId('verify').click();
  await page.getByTestId('verify-result').getByText(/^校验通过：\d+ 个事件流、\d+ 条事件均未被改动。$/).waitFor();
  await page.getByTestId('verify-streams').getByText(`whistle-${caseId}`).waitFor();
  await screenshot(page, 'audit-verified');

  // The dossier, printable, with the whole history and its digest.
  await page.getByTestId('open-dossier').click();
  const dossier = page.getByTestId('dossier-document');
  await dossier.getByRole('heading', { name: '案卷 · 占用消防通道' }).waitFor();
  expect(await dossier.getByTestId('dossier-history').locator('tbody tr').count()).toBe(history.length);
  expect(await dossier.getByTestId('dossier-digest').textContent()).toMatch(/^[0-9a-f]{64}$/);
  await dossier.getByTestId('dossier-verification').getByText(/^校验通过/).waitFor();
  await expectPrintable(page, 'dossier-document');
  await screenshot(page, 'audit-dossier');
  expect(pageErrors).toEqual([]);
});

test('every page of the office and the auditors: zh-CN ↔ en, no serious or critical accessibility violation, screenshots', async () => {
  // API: two level-4 cases: the first on a meeting opened since, the second awaiting the next one.
  const tabled = await steps.report('existing_illegal_building', 'compound-xinghua-2');
  await steps.whistle(tabled, { level: 4 });
  await steps.waitFor(tabled, (v) => v.adjudication?.status === 'awaiting_tabling', 'awaiting a meeting');
  const scheduled = await steps.office.post('/api/adjudication/meetings', {
    scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    place: '镇综治中心会议室',
    invitedUnits: ['unit-chengguan', 'unit-zhujian', 'unit-ziran-ziyuan'],
  });
  expect(scheduled.body.agenda).toContain(tabled);
  const meetingId = scheduled.body.id as string;
  expect((await steps.office.post(`/api/adjudication/meetings/${meetingId}/open`)).status).toBe(200);
  const waiting = await steps.report('zombie_vehicles', 'compound-xinghua-2');
  await steps.whistle(waiting, { level: 4 });
  await steps.waitFor(waiting, (v) => v.adjudication?.status === 'awaiting_tabling', 'awaiting a meeting');

  const found: Record<string, string[]> = {};
  const visit = async (page: Page, name: string, path: string | null, zh: string | RegExp, en: string | RegExp, ready?: (page: Page) => Promise<void>) => {
    if (path) await page.goto(path);
    await heading(page, zh);
    await ready?.(page);
    found[name] = await seriousAccessibilityViolations(page);
    await screenshot(page, name);
    await bothLanguages(page, zh, en);
  };

  const { page: office } = await consoleAs(OFFICE);
  await visit(office, 'office-dashboard', null, '数据看板', 'Dashboard', (p) => p.getByTestId('chart-trend').locator('svg').first().waitFor());
  await visit(office, 'office-drill-down', '/dashboard/cases?figure=atLevel4', '统计明细 · 4级在办案件', 'Cases behind a figure · open level-4 cases', (p) => p.getByTestId('drill-table').locator(`a[href="/cases/${waiting}"]`).waitFor());
  await visit(office, 'office-meetings', '/meetings', '联席会议', 'Joint meetings', (p) => p.getByTestId('pending-cases').getByText('僵尸车 · 锦绣华府').waitFor());
  await visit(office, 'office-meeting-open', `/meetings/${meetingId}`, '联席会议 · 镇综治中心会议室', 'Joint meeting · 镇综治中心会议室', (p) => p.getByTestId(`agenda-${tabled}`).getByText('存量违法建筑 · 锦绣华府').waitFor());
  // The office defers the case in the browser; the minutes record the deferral and its reason.
  const item = office.getByTestId(`agenda-${tabled}`);
  await item.getByRole('tab', { name: '暂缓研判' }).click();
  await office.getByTestId('defer-reason').fill('需补充产权资料');
  await office.getByTestId('defer-submit').click();
  await item.getByTestId('decision').getByText('暂缓：需补充产权资料').waitFor();
  await office.goto(`/meetings/${meetingId}/minutes`);
  await office.getByTestId('minutes-document').getByRole('heading', { name: '联席会议纪要' }).waitFor();
  await office.getByTestId('minutes-document').getByText('需补充产权资料').waitFor();
  found['office-minutes'] = await seriousAccessibilityViolations(office);
  // Without a language of its own, the document follows the console's.
  await office.getByTestId('language-switch').getByText('English').click();
  await office.getByTestId('minutes-document').getByRole('heading', { name: 'Minutes of the joint meeting' }).waitFor();
  await office.getByRole('button', { name: 'Print' }).waitFor();
  await office.getByTestId('language-switch').getByText('中文').click();
  await office.getByTestId('minutes-document').getByRole('heading', { name: '联席会议纪要' }).waitFor();

  const { page: audit } = await consoleAs(AUDITOR);
  await visit(audit, 'audit-find', null, '案件审计', 'Case audit', (p) => p.getByTestId('audit-case-table').locator(`a[href="/audit/cases/${tabled}"]`).waitFor());
  await visit(audit, 'audit-case-state', `/audit/cases/${tabled}`, '案件审计 · 存量违法建筑', /^Case audit · /, (p) => p.getByTestId('state-status').waitFor());
  await visit(audit, 'audit-dossier-minutes', `/audit/cases/${tabled}/dossier`, '案卷 · 存量违法建筑', /^Dossier · /, (p) => p.getByTestId('dossier-document').getByText('联席会议纪要').waitFor());
  expect(found).toEqual({
    'office-dashboard': [],
    'office-drill-down': [],
    'office-meetings': [],
    'office-meeting-open': [],
    'office-minutes': [],
    'audit-find': [],
    'audit-case-state': [],
    'audit-dossier-minutes': [],
  });
});
