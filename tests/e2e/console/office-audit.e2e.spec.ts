import type { Browser, Page } from 'playwright-core';
import { ensureConsoleBuilt } from '@whistle/console';
import { ApiClient, eventually, roles } from '../support/api-client';
import { CaseSteps } from '../support/case-steps';
import { SystemProcess } from '../support/system-process';
import { choose, launchChromium, openConsole, screenshot, seriousAccessibilityViolations, signIn } from './browser';

// The office's and the auditors' pages in Debian's Chromium against the system started by its own
// start command. Steps of the units and of the station's callback go through the HTTP API (marked
// "API:"): field-paths.e2e.spec.ts drives those pages; this spec keeps to the office's and the auditor's.
jest.setTimeout(180_000);

let system: SystemProcess;
let browser: Browser;
let steps: CaseSteps;
let auditor: ApiClient;
const opened: { close(): Promise<void> }[] = [];

const OFFICE = { role: '联席会议办公室' };
const AUDITOR = { role: '审计' };
const STATION = { role: '工作站', scope: '杏花综合执法进小区工作站' };

beforeAll(async () => {
  ensureConsoleBuilt((line) => console.log(line));
  [system, browser] = await Promise.all([SystemProcess.start(), launchChromium()]);
  steps = new CaseSteps(system.baseUrl);
  auditor = new ApiClient(system.baseUrl, roles.auditor());
}, 180_000);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await system?.dispose();
});

async function consoleAs(who: { role: string; scope?: string }): Promise<{ page: Page; pageErrors: string[] }> {
  const { context, page, pageErrors } = await openConsole(browser, system.baseUrl);
  opened.push(context);
  await signIn(page, who);
  return { page, pageErrors };
}

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

test('a level-3 case declined by both units, the meeting with quorum, the resolution, joint enforcement and the callback', async () => {
  // API: the party branch's report (the report form has its own test).
  const caseId = await steps.report('uncivil_dog_keeping');

  // The station blows the level-3 whistle in the browser.
  const { page: station, pageErrors: stationErrors } = await consoleAs(STATION);
  await station.goto(`/cases/${caseId}`);
  await station.getByTestId('whistle-panel').getByText('将召集：梧桐派出所（公安）、城市管理局（城管）').waitFor();
  await station.getByRole('button', { name: '吹哨' }).click();
  await station.getByTestId('case-status').getByText('已吹哨').waitFor();
  const whistled = await steps.waitFor(caseId, (v) => v.level === 3 && v.tasks.length === 2, 'whistled at level 3');

  // API: both units report in and decline, "not our responsibility" (the unit inbox has its own test in field-paths).
  for (const unitId of ['unit-gongan', 'unit-chengguan']) {
    const unit = steps.unit(unitId);
    const taskId = whistled.tasks.find((t: { unitId: string }) => t.unitId === unitId).taskId as string;
    expect((await unit.post(`/api/enforcement/tasks/${taskId}/report-in`)).status).toBe(200);
    expect((await unit.post(`/api/enforcement/tasks/${taskId}/decline`, { reason: '非本单位职责', notOurResponsibility: true })).status).toBe(200);
  }
  await steps.waitFor(caseId, (v) => v.level === 4 && v.adjudication?.status === 'awaiting_tabling', 'raised to 4, awaiting a meeting');

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

  // API: joint enforcement by the lead and the supporting unit, and the station's callback.
  const resolved = await steps.waitFor(caseId, (v) => v.adjudication?.resolution !== null && v.adjudication?.status === 'resolved', 'resolved by the meeting');
  const resolutionId = resolved.adjudication.resolution.resolutionId as string;
  await steps.work(await steps.taskOf(caseId, 'unit-chengguan', resolutionId), 'unit-chengguan', 'resolved', [{ kind: 'removal', note: '收容无主犬' }]);
  await steps.work(await steps.taskOf(caseId, 'unit-gongan', resolutionId), 'unit-gongan', 'resolved', [{ kind: 'inspection', note: '配合检查' }]);
  await steps.waitFor(caseId, (v) => v.status === 'resolved', 'resolved');
  expect((await steps.station.post(`/api/intake/cases/${caseId}/callback`, { result: 'satisfied' })).status).toBe(200);
  await steps.waitFor(caseId, (v) => v.status === 'closed', 'closed');

  // The station's page shows it closed; the office's dashboard no longer counts it at level 4.
  await station.reload();
  await station.getByTestId('case-status').getByText('已办结').waitFor();
  await office.goto(`/dashboard/cases?figure=atLevel4`);
  await heading(office, '统计明细 · 4级在办案件');
  await office.getByTestId('drill-table').waitFor();
  expect(await office.getByTestId('drill-table').locator(`a[href="/cases/${caseId}"]`).count()).toBe(0);
  expect([...stationErrors, ...officeErrors]).toEqual([]);
});

test('the auditor’s timeline, state at a past moment, verification and printable dossier', async () => {
  // API: a level-2 case from report to closed, so the auditor has a whole record to read.
  const caseId = await steps.report('fire_lane_blocked');
  const whistleId = await steps.whistle(caseId, { level: 2 });
  for (const unitId of ['unit-jiaojing', 'unit-xiaofang']) await steps.work(await steps.taskOf(caseId, unitId, whistleId), unitId, 'resolved');
  await steps.waitFor(caseId, (v) => v.status === 'resolved', 'resolved');
  expect((await steps.station.post(`/api/intake/cases/${caseId}/callback`, { result: 'satisfied' })).status).toBe(200);
  await steps.waitFor(caseId, (v) => v.status === 'closed', 'closed');
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
