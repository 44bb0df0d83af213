import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ApiClient, eventually, roles } from '../support/api-client';
import { CaseSteps } from '../support/case-steps';
import { choose, horizontalOverflow, PEOPLE, PHONE, screenshot, seriousAccessibilityViolations } from './browser';
import { consoleSuite } from './console-suite';

// Supervision (监督考核) in the console, in Debian's Chromium against the system started by its own
// start command: the two-way evaluation at the end of a task, the office's quarterly scores, a
// property firm's assessment filled in and completed with a resident's questionnaire answer, and
// the quarter's notice published and read on the public page without signing in. The tests build
// on each other in order, as a quarter does. Steps marked "API:" set up what a test needs.
jest.setTimeout(240_000);

const suite = consoleSuite();
let steps: CaseSteps;
let office: ApiClient;
const GONGAN = 'unit-gongan';
const COMPOUND = 'compound-xinghua-1';
const FIRM_NAME = '杏花物业服务有限公司';
const found: Record<string, string[]> = {};
let taskId = '';
let caseId = '';
let assessmentId = '';

beforeAll(() => {
  steps = new CaseSteps(suite.system().baseUrl);
  office = new ApiClient(suite.system().baseUrl, roles.office());
});

afterAll(() => {
  // Every page checked: no serious or critical accessibility issue on any.
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])));
});

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name, level: 1 }).waitFor();

async function axe(page: Page, name: string): Promise<void> {
  found[name] = await seriousAccessibilityViolations(page);
}

/** Switches to English, waits for `en`, and back to Chinese. */
async function inEnglish(page: Page, en: string | RegExp, zh: string | RegExp): Promise<void> {
  await page.getByTestId('language-switch').getByText('English').click();
  await page.getByText(en).first().waitFor();
  await page.getByTestId('language-switch').getByText('中文').click();
  await page.getByText(zh).first().waitFor();
}

/** Waits until no Select's list is open or still sliding shut: axe is run on the page at rest. */
const dropdownsClosed = (page: Page) => page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });

/** Gives `stars` of 5 on a Rate. */
const star = (page: Page, testId: string, stars: number) => page.getByTestId(testId).locator('li').nth(stars - 1).click();

test('at the end of a task the station rates the unit, amends it with a reason, and the unit rates the whistle', async () => {
  // API: a late-night noise case whistled at level 2; the police report in, act and resolve it.
  caseId = await steps.report('late_night_noise', COMPOUND);
  const whistleId = await steps.whistle(caseId, { level: 2 });
  taskId = await steps.taskOf(caseId, GONGAN, whistleId);
  await steps.work(taskId, GONGAN, 'resolved');

  // API: supervision opens the task's evaluation once it hears the outcome.
  await eventually(async () => {
    if ((await office.get(`/api/query/evaluations?taskId=${taskId}`)).body.items?.length !== 1) throw new Error('not open yet');
  }, 20_000);

  // The station's queue says a task awaits its rating; 待评价 lists it; it rates the response on the case page.
  const { page: station, pageErrors: stationErrors } = await suite.consoleAs(PEOPLE.station);
  await station.getByTestId('awaiting-evaluations').getByRole('link', { name: /有 1 项已结束的任务等待您评价/ }).click();
  await heading(station, '待评价');
  await station.getByTestId(`evaluation-open-${taskId}`).click();
  const card = station.getByTestId(`evaluation-${taskId}`);
  await card.getByTestId('unit-rating-form').waitFor();
  await axe(station, 'station-unit-rating-form');
  // Nothing given: the form asks for the stars and the comment, and sends nothing.
  await card.getByTestId('unit-rating-submit').click();
  await card.getByText('请填写评价意见').waitFor();
  await star(station, 'rate-timeliness', 5);
  await star(station, 'rate-effectiveness', 4);
  await star(station, 'rate-cooperation', 3);
  await card.getByTestId('unit-rating-comment').fill('报到及时，现场劝导有效');
  await card.getByTestId('unit-rating-submit').click();
  // (5 + 4 + 3) / 15 = 80 of 100.
  await card.getByTestId('unit-rating-score').getByText('80', { exact: true }).waitFor();
  await card.getByText('报到及时，现场劝导有效').waitFor();

  // An amendment names the rating it replaces and says why; the score follows it.
  await card.getByTestId('unit-rating-amend').click();
  await card.getByTestId('unit-rating-submit').click();
  await card.getByText('请填写修改原因').waitFor();
  await star(station, 'rate-cooperation', 5);
  await card.getByTestId('unit-rating-comment').fill('复核后配合度上调');
  await card.getByTestId('unit-rating-reason').fill('与单位核实后更正配合度');
  await card.getByTestId('unit-rating-submit').click();
  await card.getByTestId('unit-rating-score').getByText('93', { exact: true }).waitFor();
  await card.getByText(/已修改（1 次），原因：与单位核实后更正配合度/).waitFor();
  await axe(station, 'station-unit-rated');
  await screenshot(station, 'supervision-station-rated');

  // The police, on a phone, find the whistle to rate in their own 待评价 and rate it on the task page.
  const { page: police, pageErrors: policeErrors } = await suite.users().signedIn(PEOPLE.unit('梧桐派出所（公安）'), PHONE);
  await police.getByTestId('awaiting-evaluations').getByRole('link').click();
  await heading(police, '待评价');
  await police.getByTestId(`evaluation-open-${taskId}`).click();
  const policeCard = police.getByTestId(`evaluation-${taskId}`);
  await policeCard.getByTestId('whistle-rating-form').waitFor();
  // The unit sees how the station rated it, and cannot rate its own response.
  await policeCard.getByTestId('unit-rating-score').getByText('93', { exact: true }).waitFor();
  expect(await policeCard.getByTestId('unit-rating-form').count()).toBe(0);
  await policeCard.getByTestId('rate-justified').getByText('是').click();
  await policeCard.getByTestId('rate-accurate').getByText('否').click();
  await policeCard.getByTestId('whistle-rating-comment').fill('门牌号有误，现场才找到');
  await axe(police, 'unit-whistle-rating-form');
  await policeCard.getByTestId('whistle-rating-submit').click();
  await policeCard.getByTestId('whistle-rating-current').getByText('门牌号有误，现场才找到').waitFor();
  await inEnglish(police, 'Rate the whistle', '评价吹哨');
  // Nothing on the phone is wider than its screen.
  expect(await horizontalOverflow(police)).toBeLessThanOrEqual(0);
  await screenshot(police, 'supervision-unit-rated-phone');

  // The read side holds both directions as the console showed them.
  const evaluation = await eventually(async () => {
    const page = await office.get(`/api/query/evaluations?taskId=${taskId}`);
    const item = page.body.items[0];
    if (!item?.whistleRating) throw new Error('not rated yet');
    return item;
  });
  expect(evaluation.unitRating).toMatchObject({ timeliness: 5, effectiveness: 4, cooperation: 5, score: 93, comment: '复核后配合度上调', amendment: { reason: '与单位核实后更正配合度' } });
  expect(evaluation.unitRatings).toHaveLength(2);
  expect(evaluation.whistleRating).toMatchObject({ justified: true, informationAccurate: false });
  expect(evaluation.awaiting).toEqual([]);

  // The station's page shows the unit's rating of its whistle, in Chinese and in English.
  await station.reload();
  await card.getByTestId('whistle-rating-current').getByText('门牌号有误，现场才找到').waitFor();
  await inEnglish(station, "Rate the unit's response", '评价部门响应');

  // The ratings are in the case's history, as the auditor reads it: the amendment a rating of its own.
  const { page: auditor, pageErrors: auditorErrors } = await suite.consoleAs(PEOPLE.auditor);
  await auditor.goto(`/audit/cases/${caseId}`);
  const history = auditor.getByTestId('audit-history');
  await history.getByText(/\d+\. 任务待评价/).waitFor();
  expect(await history.getByText(/\d+\. 工作站评价部门响应/).count()).toBe(2);
  await history.getByText(/\d+\. 单位评价吹哨/).waitFor();
  await axe(auditor, 'auditor-case-history');
  expect(stationErrors).toEqual([]);
  expect(policeErrors).toEqual([]);
  expect(auditorErrors).toEqual([]);
});

test("the office's quarterly page shows the API's scores and ranks and leads to the evaluations and cases behind them", async () => {
  const quarter = currentQuarter();
  const scores = await eventually(async () => {
    const response = await office.get(`/api/query/quarterly-scores?quarter=${quarter}&groupBy=unit`);
    const police = response.body.groups?.find((g: { id: string }) => g.id === GONGAN);
    if (!police || police.parts.rating.count < 1) throw new Error('the rating has not reached the scores yet');
    return response.body;
  });
  const { page, pageErrors } = await suite.consoleAs(PEOPLE.office);
  await page.getByRole('menuitem', { name: '季度考核', exact: true }).click();
  await heading(page, '季度考核');
  const table = page.getByTestId('quarterly-table');
  for (const group of scores.groups as { id: string; score: number | null; rank: number | null }[]) {
    await table.getByTestId(`score-${group.id}`).getByText(group.score === null ? '无数据' : group.score.toFixed(2), { exact: true }).waitFor();
    await table.getByTestId(`rank-${group.id}`).getByText(group.rank === null ? '—' : String(group.rank), { exact: true }).waitFor();
  }
  const police = scores.groups.find((g: { id: string }) => g.id === GONGAN);
  await table.getByTestId(`rating-${GONGAN}`).getByText(police.parts.rating.value.toFixed(2)).waitFor();
  await page.getByTestId('quarterly-chart').locator('svg').waitFor();
  await page.getByTestId('weighting-in-force').waitFor();
  await axe(page, 'office-quarterly');
  await screenshot(page, 'supervision-quarterly');

  // The rating leads to its evaluations; the count of cases to the cases of the quarter.
  await table.getByTestId(`rating-link-${GONGAN}`).click();
  await heading(page, '评价记录');
  await page.getByTestId(`evaluation-open-${taskId}`).waitFor();
  await page.goBack();
  await table.getByTestId(`figure-cases-${GONGAN}`).click();
  await heading(page, /统计明细/);
  await page.getByTestId('drill-table').locator(`a[href="/cases/${caseId}"]`).waitFor();
  await page.goBack();

  // The office sets the weighting from this quarter on (the same weights, with a reason): it joins the history and is the one in force.
  await page.getByTestId('weight-unit-responseRate').fill('0.5');
  await page.getByTestId('weighting-form').getByText('合计 1.25（须为 1）').waitFor();
  await page.getByTestId('weight-unit-responseRate').fill('0.25');
  await page.getByTestId('weighting-reason').fill('按季度考核办法确认权重');
  await page.getByTestId('weighting-submit').click();
  await page.getByTestId('weighting-history').getByText('按季度考核办法确认权重').waitFor();
  await page.reload();
  await page.getByTestId('weighting-in-force').getByText(`${quarter} 适用的权重（${quarter} 起生效）`).waitFor();
  await table.getByTestId(`score-${GONGAN}`).getByText(police.score.toFixed(2), { exact: true }).waitFor();
  await axe(page, 'office-weighting');

  // The stations' tab, in English too.
  await page.getByRole('tab', { name: '工作站' }).click();
  await page.getByTestId('score-station-north').waitFor();
  await page.getByTestId('language-switch').getByText('English').click();
  await heading(page, 'Quarterly scores');
  await page.getByRole('tab', { name: 'Stations' }).waitFor();
  await page.getByTestId('language-switch').getByText('中文').click();
  expect(pageErrors).toEqual([]);
});

test("a firm registered, its assessment filled in, a resident's questionnaire answered without signing in, and completed with its total and grade", async () => {
  // The office registers the firm that serves the compound.
  const { page: officePage, pageErrors: officeErrors } = await suite.consoleAs(PEOPLE.office);
  await officePage.getByRole('menuitem', { name: '物业企业', exact: true }).click();
  await heading(officePage, '物业企业');
  await officePage.getByTestId('firm-register-open').click();
  await officePage.getByTestId('firm-name').fill(FIRM_NAME);
  await officePage.getByTestId('firm-credit-code').fill('91110108MA01ABCD2X');
  await officePage.getByTestId('firm-contact-name').fill('王经理');
  await officePage.getByTestId('firm-contact-phone').fill('13900001111');
  await choose(officePage, 'firm-compounds', '杏花苑');
  await officePage.keyboard.press('Escape');
  await dropdownsClosed(officePage);
  await axe(officePage, 'office-firm-register');
  await officePage.getByTestId('firm-submit').click();
  await heading(officePage, `物业企业 · ${FIRM_NAME}`);
  await officePage.getByTestId('firm-facts').getByText('91110108MA01ABCD2X').waitFor();
  await axe(officePage, 'office-firm');

  // The station opens the quarter's assessment of the firm in its compound.
  const { page, pageErrors } = await suite.consoleAs(PEOPLE.station);
  await page.getByRole('menuitem', { name: '物业服务测评', exact: true }).click();
  await heading(page, '物业服务测评');
  await choose(page, 'open-assessment-firm', FIRM_NAME);
  await choose(page, 'open-assessment-compound', '杏花苑');
  await page.getByTestId('open-assessment-submit').click();
  await heading(page, `物业服务测评 · ${FIRM_NAME} · 杏花苑`);
  assessmentId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');

  // The eight dimensions, each 95 by on-site inspection.
  const dimensions = { safety: '安全管理', sanitation: '环卫保洁', facilities: '基础设施维护', civil_order: '文明秩序', disclosure: '信息公开', party_building: '党建引领', atmosphere: '氛围营造', campaign_cooperation: '创建工作配合度' };
  for (const [id, dimension] of Object.entries(dimensions)) {
    // Each row's 评分 picks its dimension in the form and puts the cursor on the score.
    await page.getByRole('button', { name: `评分：${dimension}` }).click();
    await page.getByTestId('score-dimension').filter({ hasText: dimension }).waitFor();
    await page.getByTestId('score-value').fill('95');
    await page.getByTestId('score-note').fill(`${dimension}现场督查`);
    await page.getByTestId('score-submit').click();
    await page.getByTestId('assessment-scores').getByText(`${dimension}现场督查`).waitFor();
    await page.getByTestId(`dimension-score-${id}`).getByText('95', { exact: true }).waitFor();
  }
  // A finding to rectify, closed (销号) once verified.
  await choose(page, 'finding-dimension', '环卫保洁');
  await page.getByTestId('finding-description').fill('3号楼垃圾桶满溢');
  await page.getByTestId('finding-rectify-by').fill(nextMonth());
  await page.getByTestId('finding-rectify-by').press('Tab');
  await page.getByTestId('finding-submit').click();
  const findings = page.getByTestId('assessment-findings');
  await findings.getByText('3号楼垃圾桶满溢').waitFor();
  await findings.getByRole('button', { name: '销号：3号楼垃圾桶满溢' }).click();
  await page.getByTestId('rectify-note').fill('复查已清运，增设垃圾桶两个');
  await page.getByTestId('rectify-submit').click();
  await findings.getByText('已销号').waitFor();

  // 25 residents' scores collected by the station, and an open day and a visit.
  await page.getByTestId('satisfaction-scores').fill(Array.from({ length: 25 }, () => '100').join(' '));
  await page.getByTestId('satisfaction-submit').click();
  await page.getByTestId('satisfaction-responses').getByText('25', { exact: true }).waitFor();
  for (const [kind, count, note] of [['open-days', '40', '物业开放日，居民代表参加'], ['visits', '12', '入户走访12户']] as const) {
    await page.getByTestId(`log-at-${kind}`).fill(today());
    await page.getByTestId(`log-at-${kind}`).press('Enter');
    await page.getByTestId(`log-count-${kind}`).fill(count);
    await page.getByTestId(`log-note-${kind}`).fill(note);
    await page.getByTestId(`log-submit-${kind}`).click();
    await page.getByTestId(`log-${kind}`).getByText(note).waitFor();
  }

  // A questionnaire link for the residents (one answer at most, to see it fill), shown once to copy.
  await page.getByTestId('questionnaire-max').fill('1');
  await page.getByTestId('questionnaire-submit').click();
  const link = await page.getByTestId('questionnaire-url').textContent();
  expect(link).toMatch(/\/q\/[A-Za-z0-9_-]{43}$/);
  await axe(page, 'station-assessment');

  // A resident opens it, signed in nowhere, and answers 非常满意 (100).
  const { page: resident, pageErrors: residentErrors } = await suite.users().open({ viewport: PHONE });
  await resident.goto(new URL(link ?? '').pathname);
  await heading(resident, '物业服务满意度问卷');
  await resident.getByTestId('survey-facts').getByText(FIRM_NAME).waitFor();
  await axe(resident, 'public-questionnaire');
  await resident.getByTestId('survey-submit').click();
  await resident.getByText('请选择一项').waitFor();
  await resident.getByText('非常满意').click();
  await resident.getByTestId('survey-submit').click();
  await resident.getByTestId('survey-thanks').waitFor();
  expect(await horizontalOverflow(resident)).toBeLessThanOrEqual(0);
  await inEnglish(resident, 'Thank you!', '感谢您的参与！');
  // Opened again, the link says it has all its answers; an unknown link says so.
  await resident.goto(new URL(link ?? '').pathname);
  await resident.getByTestId('survey-closed').getByText('问卷已收满，感谢关注。').waitFor();
  expect(await resident.getByTestId('survey-submit').count()).toBe(0);
  await resident.goto('/q/not-a-real-token');
  await resident.getByTestId('survey-unknown').waitFor();

  // 26 answers now; completing fixes the total: 0.7 × 95 + 0.3 × 100 = 96.50, 优秀.
  await page.getByRole('button', { name: '刷新' }).click();
  await page.getByTestId('satisfaction-responses').getByText('26', { exact: true }).waitFor({ timeout: 20_000 });
  await page.getByTestId('assessment-complete').click();
  await page.getByRole('button', { name: '完成测评' }).last().click();
  await page.getByTestId('assessment-result').getByText('测评总分 96.50，等级：优秀').waitFor();
  await page.getByTestId('assessment-status').getByText('已完成').waitFor();
  expect(await page.getByTestId('score-form').count()).toBe(0);
  await axe(page, 'station-assessment-completed');
  await screenshot(page, 'supervision-assessment-completed');
  await page.getByTestId('language-switch').getByText('English').click();
  await page.getByTestId('assessment-result').getByText('Total 96.50, grade: Excellent').waitFor();
  await page.getByTestId('language-switch').getByText('中文').click();

  const completed = await office.get(`/api/query/assessments/${encodeURIComponent(assessmentId)}`);
  expect(completed.body.result).toMatchObject({ total: 96.5, grade: 'excellent', satisfaction: { responses: 26, average: 100 }, openFindings: 0, openDays: 1, visits: 1 });
  expect(pageErrors).toEqual([]);
  expect(officeErrors).toEqual([]);
  expect(residentErrors).toEqual([]);
});

test("the office publishes the quarter's notice; anyone reads it, its hash, the red list and the firm's credit record without signing in", async () => {
  const quarter = currentQuarter();
  const { page, pageErrors } = await suite.consoleAs(PEOPLE.office);
  await page.getByRole('menuitem', { name: '通报', exact: true }).click();
  await heading(page, '通报');
  await choose(page, 'publish-quarter', quarter);
  await page.getByTestId('publish-title').fill(`${quarter} 物业服务测评通报`);
  await page.getByTestId('publish-summary').fill('本季度完成一个小区的物业服务测评。');
  await dropdownsClosed(page);
  await axe(page, 'office-notices');
  await page.getByTestId('publish-submit').click();
  const notices = await eventually(async () => {
    const response = await office.get('/api/public/notices');
    if (!response.body.items?.length) throw new Error('no notice yet');
    return response.body.items;
  });
  const notice = notices[0];
  expect(notice).toMatchObject({ quarter, kind: 'results', redList: [{ firmName: FIRM_NAME, averageTotal: 96.5 }], blackList: [] });
  await page.getByTestId(`notice-${notice.publicationId}`).getByText(notice.contentSha256).waitFor();

  // A correction names the notice it corrects and says why; the first stays as it was, marked corrected.
  await choose(page, 'publish-quarter', quarter);
  await page.getByTestId('publish-title').fill(`${quarter} 物业服务测评通报（更正）`);
  await page.getByTestId('publish-summary').fill('更正通报的文字表述。');
  await choose(page, 'publish-corrects', `${quarter} 物业服务测评通报`);
  await page.getByTestId('publish-submit').click();
  await page.getByText('请填写更正原因').waitFor();
  await page.getByTestId('publish-reason').fill('原通报文字有误');
  await page.getByTestId('publish-submit').click();
  const correction = await eventually(async () => {
    const items = (await office.get('/api/public/notices')).body.items as { publicationId: string; kind: string; corrects?: string }[];
    const found = items.find((n) => n.kind === 'correction');
    if (!found) throw new Error('no correction yet');
    return found;
  });
  expect(correction.corrects).toBe(notice.publicationId);
  await page.getByTestId(`notice-${correction.publicationId}`).getByText('原因：原通报文字有误').waitFor();
  await page.getByTestId(`notice-${notice.publicationId}`).getByText('已被更正').waitFor();

  // Anyone, signed in nowhere: the notice, its hash, the red list, and the firm's credit record.
  const { page: visitor, pageErrors: visitorErrors } = await suite.users().open();
  await visitor.goto('/public');
  await heading(visitor, '物业服务测评通报与红黑榜');
  const shown = visitor.getByTestId(`notice-${notice.publicationId}`);
  await shown.getByText(`${quarter} 物业服务测评通报`, { exact: true }).waitFor();
  await shown.getByText('已被更正').waitFor();
  await shown.getByTestId('notice-hash').getByText(notice.contentSha256).waitFor();
  await shown.getByTestId('red-list').getByText(FIRM_NAME).waitFor();
  await shown.getByTestId('red-list').getByText('96.50').waitFor();
  await axe(visitor, 'public-notices');
  await shown.getByTestId('red-list').getByRole('button', { name: `查看 ${FIRM_NAME} 的信用记录` }).click();
  const credit = visitor.getByTestId('public-credit');
  await credit.getByText(`信用记录 · ${FIRM_NAME}`).waitFor();
  await credit.getByTestId('credit-table').getByText('红榜').first().waitFor();
  await axe(visitor, 'public-credit');
  await screenshot(visitor, 'supervision-public');
  await visitor.getByTestId('language-switch').getByText('English').click();
  await heading(visitor, 'Property service assessments: notices and the red and black lists');
  await credit.getByTestId('credit-table').getByText('Red list').first().waitFor();
  // The public page asked the API without a token, and the sign-in page never showed.
  expect(await visitor.getByTestId('dev-only').count()).toBe(0);
  expect(pageErrors).toEqual([]);
  expect(visitorErrors).toEqual([]);
});

test("the weekly bulletin shows the API's figures, saves its workbook and opens its printable page; the other new pages pass axe in both languages", async () => {
  const week = isoWeekNow();
  const api = (await office.get(`/api/query/bulletins/weekly?week=${week}&format=json`)).body;
  expect(api.cases.reported).toBeGreaterThanOrEqual(1);
  const { page, pageErrors } = await suite.consoleAs(PEOPLE.office);
  await page.getByRole('menuitem', { name: '每周工作信息', exact: true }).click();
  await heading(page, '每周工作信息');
  await page.getByTestId('bulletin-reported').getByText(String(api.cases.reported), { exact: true }).waitFor();
  for (const published of api.noticesPublished) await page.getByTestId('bulletin-notices').getByText(published.title, { exact: true }).waitFor();
  await axe(page, 'office-bulletin');
  await screenshot(page, 'supervision-bulletin');

  // The workbook comes as a file named for the week (an .xlsx is a zip: it starts with PK).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-xlsx').click()]);
  expect(download.suggestedFilename()).toBe(`bulletin-${week}.xlsx`);
  const path = await download.path();
  expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK');
  // The printable page opens in a tab of its own, fetched with the token.
  const [printable] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('bulletin-print').click()]);
  await printable.waitForURL(/^blob:/);
  await printable.getByText(week).first().waitFor();
  await printable.close();
  await inEnglish(page, 'Weekly bulletin', '每周工作信息');

  for (const [path, zh, en] of [
    ['/evaluations', '评价记录', 'Evaluations'],
    ['/firms', '物业企业', 'Property firms'],
    ['/assessments', '物业服务测评', 'Property assessments'],
  ] as const) {
    await page.goto(path);
    await heading(page, zh);
    await page.locator('.ant-table-row').first().waitFor();
    await axe(page, `office${path.replace('/', '-')}`);
    await page.getByTestId('language-switch').getByText('English').click();
    await heading(page, en);
    await axe(page, `office${path.replace('/', '-')}-en`);
    await page.getByTestId('language-switch').getByText('中文').click();
  }
  expect(pageErrors).toEqual([]);
});

/** This ISO week, Beijing time. */
function isoWeekNow(): string {
  const local = new Date(Date.now() + 8 * 3_600_000);
  const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const thursday = new Date(day + (3 - ((new Date(day).getUTCDay() + 6) % 7)) * 86_400_000);
  const week = Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / (7 * 86_400_000)) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The quarter now, as the server reckons it (Beijing time). */
function currentQuarter(): string {
  const local = new Date(Date.now() + 8 * 3_600_000);
  return `${local.getUTCFullYear()}-Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
}

/** A month from now, as the date picker takes it. */
function nextMonth(): string {
  return new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
}

/** The start of today in the browser's time, as a date-time picker takes it (not in the future). */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} 00:00:00`;
}
