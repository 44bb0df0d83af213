import type { Page } from 'playwright-core';
import { ApiClient, roles } from '../support/api-client';
import { CaseSteps } from '../support/case-steps';
import { choose, PEOPLE, seriousAccessibilityViolations } from './browser';
import { consoleSuite } from './console-suite';

// Compound profiles and liaison (小区档案, 三无小区, 联系小区, 台账) in the console, in Debian's
// Chromium against the system started by its own start command: the office records a compound's
// profile and sees it become a three-withouts compound in the filtered list, assigns a leader and a
// department, records and corrects a visit in the ledger; the department records its own help;
// the case page of a case in that compound shows the summary. The tests build on each other.
jest.setTimeout(240_000);

const suite = consoleSuite();
const COMPOUND = 'compound-xinghua-3';
const NAME = '金桂世家';
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const found: Record<string, string[]> = {};

afterAll(() => {
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])));
});

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name, level: 1 }).waitFor();
const dropdownsClosed = (page: Page) => page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });

test('the office records a profile, finds the compound among the three-withouts, assigns liaisons and keeps the ledger, correcting an entry by a new one', async () => {
  const { page, pageErrors } = await suite.consoleAs(PEOPLE.office);
  await page.getByRole('link', { name: '小区档案' }).first().click();
  await heading(page, '小区档案');
  const table = page.getByTestId('compounds-table');
  await table.getByRole('link', { name: NAME }).waitFor();
  await page.getByTestId('compounds-filter').getByText('仅三无小区').click();
  await table.getByText('没有符合条件的小区').waitFor();
  await page.getByTestId('compounds-filter').getByText('全部小区').click();
  await table.getByRole('link', { name: NAME }).click();
  await heading(page, `小区档案 · ${NAME}`);
  await page.getByTestId('compound-facts').getByText('档案未登记').waitFor();

  // The profile: no owners' committee, no party branch (the defaults), handed over, one grid.
  await page.getByTestId('profile-open').click();
  const form = page.getByTestId('profile-form');
  await form.getByText(/^已交接/).click();
  await form.getByTestId('profile-handover-date').fill('2015-05-01');
  await form.getByTestId('profile-add-grid').click();
  await form.getByTestId('profile-grid-name').fill('一网格');
  await form.getByTestId('profile-grid-workers').fill('赵敏、钱进');
  await form.getByLabel('党员人数').fill('12');
  await form.getByLabel('户数').fill('430');
  // No reason: the form asks for it and sends nothing.
  await form.getByTestId('profile-submit').click();
  await form.getByText('请填写原因').waitFor();
  await form.getByTestId('profile-reason').fill('年度小区档案普查');
  await form.getByTestId('profile-submit').click();
  await form.waitFor({ state: 'detached' });
  const facts = page.getByTestId('compound-facts');
  await facts.getByText('三无小区').waitFor();
  await facts.getByText('一网格（赵敏、钱进）').waitFor();
  await facts.getByText('已交接（2015-05-01）').waitFor();

  // Liaisons: a leader and a department.
  await page.getByTestId('liaison-open').click();
  const liaison = page.getByTestId('liaison-form');
  await liaison.getByTestId('liaison-name').fill('王明');
  await liaison.getByTestId('liaison-post').fill('副县长');
  await liaison.getByTestId('liaison-reason').fill('县委联系小区分工');
  await liaison.getByTestId('liaison-submit').click();
  await liaison.waitFor({ state: 'detached' });
  await page.getByTestId('liaison-open').click();
  await page.getByTestId('liaison-form').getByText('部门').click();
  await choose(page, 'liaison-unit', '城管');
  await page.getByTestId('liaison-reason').fill('县直单位联系小区');
  await page.getByTestId('liaison-submit').click();
  await page.getByTestId('liaison-form').waitFor({ state: 'detached' });
  const liaisons = page.getByTestId('liaisons-table');
  await liaisons.getByText('领导 王明（副县长）').waitFor();
  await liaisons.getByText('部门 城市管理局（城管）').waitFor();

  // The office records the leader's visit (leaders do not sign in), then corrects its date.
  await page.getByTestId('ledger-open').click();
  await choose(page, 'ledger-liaison', '王明');
  await page.getByTestId('ledger-date').fill(today);
  await page.getByTestId('ledger-found').fill('消防通道被占用');
  await page.getByTestId('ledger-done').fill('约谈物业，当场清理');
  await page.getByTestId('ledger-submit').click();
  await page.getByTestId('ledger-form').waitFor({ state: 'detached' });
  const ledger = page.getByTestId('ledger-table');
  await ledger.getByText('消防通道被占用').waitFor();
  await ledger.getByRole('button', { name: '更正' }).click();
  await page.getByTestId('ledger-date').fill('2026-11-20');
  await page.getByTestId('ledger-correct-reason').fill('日期记错');
  await page.getByTestId('ledger-submit').click();
  await page.getByTestId('ledger-form').waitFor({ state: 'detached' });
  await ledger.getByText('2026-11-20').waitFor();
  await ledger.getByText(/日期记错/).waitFor();
  await page.getByTestId('ledger-corrected').getByText(today).waitFor();
  await dropdownsClosed(page);
  found['compound-page'] = await seriousAccessibilityViolations(page);

  // In English, then the three-withouts filter lists it.
  await page.getByTestId('language-switch').getByText('English').click();
  await page.getByTestId('compound-facts').getByText('Three-withouts compound').waitFor();
  await page.getByTestId('language-switch').getByText('中文').click();
  await page.getByRole('link', { name: /返回小区档案/ }).click();
  await page.getByTestId('compounds-filter').getByText('仅三无小区').click();
  await table.getByRole('link', { name: NAME }).waitFor();
  expect(await table.locator('tbody tr.ant-table-row').count()).toBe(1);
  found['compounds-page'] = await seriousAccessibilityViolations(page);
  // Every compound, most lacking only a firm (the orange tags), at rest for axe too.
  await page.getByTestId('compounds-filter').getByText('全部小区').click();
  await table.getByRole('link', { name: '杏花苑' }).waitFor();
  found['compounds-page-all'] = await seriousAccessibilityViolations(page);
  expect(pageErrors).toEqual([]);
});

test('the department records its own help; the case page of a case there shows the compound', async () => {
  const { page, pageErrors } = await suite.consoleAs(PEOPLE.unit('城市管理局（城管）'));
  await page.goto(`/compounds/${COMPOUND}`);
  await heading(page, `小区档案 · ${NAME}`);
  await page.getByTestId('ledger-open').click();
  // Only its own liaison is offered, and chosen already.
  await page.getByTestId('ledger-form').getByText('部门 城市管理局（城管）').waitFor();
  await page.getByTestId('ledger-form').getByText('帮扶', { exact: true }).click();
  await page.getByTestId('ledger-date').fill(today);
  await page.getByTestId('ledger-found').fill('垃圾清运不及时');
  await page.getByTestId('ledger-done').fill('协调环卫增加班次');
  await page.getByTestId('ledger-submit').click();
  await page.getByTestId('ledger-form').waitFor({ state: 'detached' });
  await page.getByTestId('ledger-table').getByText('垃圾清运不及时').waitFor();
  expect(pageErrors).toEqual([]);

  // API: a case reported in the compound; the station's case page shows its profile summary.
  const caseId = await new CaseSteps(suite.system().baseUrl).report('fire_lane_blocked', COMPOUND);
  const { page: station } = await suite.consoleAs(PEOPLE.station);
  await station.goto(`/cases/${caseId}`);
  const card = station.getByTestId('case-compound');
  await card.getByText('三无小区').waitFor();
  await card.getByText('领导 王明（副县长）；部门 城市管理局（城管）').waitFor();
  found['case-compound'] = await seriousAccessibilityViolations(station);
  expect((await new ApiClient(suite.system().baseUrl, roles.office()).get(`/api/supervision/compounds/${COMPOUND}/ledger`)).body.entries).toHaveLength(2);
});
