import type { Page } from 'playwright-core';
import { ApiClient } from '../support/api-client';
import { CaseSteps } from '../support/case-steps';
import { screenshot, choose, PEOPLE, seriousAccessibilityViolations } from './browser';
import { consoleSuite } from './console-suite';

// The catalogue's administration (目录管理) in Debian's Chromium, against the system started by its
// own start command: the administrator adds a category with a reason (the form asks for the reason
// first) and finds it in the table and, with the reason, in the history, which the office reads
// too; removing a unit that an open case has summoned shows the server's refusal with the case as
// a link; the English switch shows the page in English. The tests build on each other.
jest.setTimeout(180_000);

const suite = consoleSuite();
const ADMIN = { sub: 'admin-wang', role: 'admin' } as const;
const REASON = '街道新增楼顶种植治理';
const found: Record<string, string[]> = {};

afterAll(() => {
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])));
});

/**
 * The administrator's console. The development sign-in page does not offer the administrator
 * (libs/deployment's DEV_SIGN_IN_ROLES), so the session the console keeps is put in its storage
 * with a token of the development secret, as the sign-in page would have left it.
 */
async function adminConsole(): Promise<{ page: Page; pageErrors: string[] }> {
  const { page, pageErrors } = await suite.users().open();
  const session = { token: new ApiClient(suite.system().baseUrl, ADMIN).token, principal: ADMIN, expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
  await page.evaluate((stored) => (globalThis as unknown as { localStorage: { setItem: (k: string, v: string) => void } }).localStorage.setItem('flw.session', stored), JSON.stringify(session));
  await page.goto('/queue');
  await page.getByRole('link', { name: '目录管理' }).first().click();
  await page.getByRole('heading', { name: '目录管理', level: 1 }).waitFor();
  return { page, pageErrors };
}

test('the administrator adds a category with a reason; the history shows it with who and why, to the office too; English labels', async () => {
  const { page, pageErrors } = await adminConsole();
  await page.getByTestId('catalogue-add-categories').click();
  const form = page.getByTestId('entry-form');
  await form.getByTestId('entry-id').fill('rooftop_planting');
  await form.getByTestId('entry-name-zh').fill('楼顶违规种植');
  await form.getByTestId('entry-name-en').fill('Rooftop planting');
  await choose(page, 'entry-level', '2级 应急哨');
  await choose(page, 'entry-units', '城市管理局');
  await page.keyboard.press('Escape');
  // No reason: the form asks for it and sends nothing.
  await form.getByTestId('entry-submit').click();
  await form.getByText('请填写变更原因').waitFor();
  await form.getByTestId('entry-reason').fill(REASON);
  await screenshot(page, 'catalogue-entry-form');
  await form.getByTestId('entry-submit').click();
  await form.waitFor({ state: 'detached' });
  const row = page.getByTestId('catalogue-table-categories').locator('tr', { hasText: 'rooftop_planting' });
  await row.getByText('楼顶违规种植').waitFor();
  await row.getByText('城市管理局（城管）').waitFor();
  found['catalogue-categories'] = await seriousAccessibilityViolations(page);

  await page.getByRole('tab', { name: '变更记录' }).click();
  const change = page.getByTestId('catalogue-history').locator('tr.ant-table-row', { hasText: '新增问题类别 楼顶违规种植（rooftop_planting）' });
  await change.getByText(REASON).waitFor();
  await change.getByText('admin-wang · 管理员').waitFor();
  await change.getByRole('button').first().click();
  await page.getByTestId('catalogue-change-fields').getByText('Rooftop planting').waitFor();
  await screenshot(page, 'catalogue-history');
  found['catalogue-history'] = await seriousAccessibilityViolations(page);

  await page.getByTestId('language-switch').getByText('English').click();
  await page.getByRole('tab', { name: 'Categories' }).click();
  await page.getByTestId('catalogue-add-categories').getByText('Add a category').waitFor();
  await page.getByTestId('catalogue-table-categories').getByText('Rooftop planting').waitFor();
  await page.getByRole('tab', { name: 'Meeting policy' }).click();
  await page.getByText('Quorum share').waitFor();
  found['catalogue-policies'] = await seriousAccessibilityViolations(page);
  await page.getByRole('tab', { name: 'Deadlines' }).click();
  await page.getByLabel('Report-in (level 2)').waitFor();
  found['catalogue-deadlines'] = await seriousAccessibilityViolations(page);
  await page.getByTestId('language-switch').getByText('中文').click();
  // The console's other pages offer the new category at once (the queue's filter here), without signing in again.
  await page.getByRole('link', { name: '案件列表' }).first().click();
  await choose(page, 'filter-category', '楼顶违规种植');
  expect(pageErrors).toEqual([]);

  // The office reads the history, and nothing to edit.
  const { page: office } = await suite.consoleAs(PEOPLE.office);
  await office.getByRole('link', { name: '目录变更记录' }).first().click();
  await office.getByTestId('catalogue-history').getByText(REASON).waitFor();
  expect(await office.getByTestId('catalogue-add-categories').count()).toBe(0);
});

test('removing a unit an open case has summoned is refused, the case named and linked', async () => {
  const steps = new CaseSteps(suite.system().baseUrl);
  const caseId = await steps.report('late_night_noise');
  await steps.whistle(caseId, { level: 2 });
  await steps.waitFor(caseId, (view) => (view.units as string[]).includes('unit-gongan'), 'summons the police');

  const { page, pageErrors } = await adminConsole();
  await page.getByRole('tab', { name: '成员单位' }).click();
  await page.getByRole('button', { name: '移除 梧桐派出所（公安）' }).click();
  const removal = page.getByTestId('removal-form');
  await removal.getByTestId('removal-reason').fill('机构改革');
  await removal.getByTestId('removal-submit').click();
  await removal.getByText('无法变更：仍有办理中的案件使用该条目。').waitFor();
  await removal.getByText(/unit unit-gongan cannot be removed while open cases use it/).waitFor();
  const link = removal.getByTestId('catalogue-open-cases').getByRole('link', { name: caseId });
  expect(await link.getAttribute('href')).toBe(`/cases/${caseId}`);
  await screenshot(page, 'catalogue-removal-refused');
  found['catalogue-removal-refused'] = await seriousAccessibilityViolations(page);
  await page.keyboard.press('Escape');
  await page.getByTestId('catalogue-table-units').getByText('梧桐派出所（公安）').waitFor();
  expect(pageErrors).toEqual([]);
});

test('a change sent against an older catalogue is told and reloaded; a bad deadline is marked at its field; the catalogue as of an earlier instant', async () => {
  const hourAgo = new Date(Date.now() - 3_600_000);
  const { page, pageErrors } = await adminConsole();
  await page.getByRole('button', { name: '修改 楼顶违规种植' }).click();
  const form = page.getByTestId('entry-form');
  await form.getByTestId('entry-deadlines-activity').fill('soon');
  await form.getByTestId('entry-reason').fill('宣传活动提前');
  // Meanwhile another administrator revises the meeting's policy: this form's If-Match is out of date.
  const meanwhile = await new ApiClient(suite.system().baseUrl, ADMIN).request('PUT', '/api/catalogue/policies', { policies: { quorumShare: 0.6, maxDeferrals: 3 }, reason: '联席会议规则调整' });
  expect(meanwhile.status).toBe(200);
  await form.getByTestId('entry-submit').click();
  await form.getByTestId('catalogue-stale').getByText('目录已被他人修改').waitFor();
  await page.locator('.ant-btn-loading').waitFor({ state: 'detached' });
  // Against the catalogue as it is now: the server's 400 marks the deadline it names.
  await form.getByTestId('entry-submit').click();
  await form.locator('.ant-form-item-explain-error', { hasText: '"soon" is not an ISO-8601 duration' }).waitFor();
  await form.getByTestId('entry-deadlines-activity').fill('P2WD');
  await form.getByTestId('entry-submit').click();
  await form.waitFor({ state: 'detached' });
  await page.getByTestId('catalogue-table-categories').locator('tr', { hasText: 'rooftop_planting' }).getByText('宣传活动时限（1级） P2WD').waitFor();

  // An hour ago, before any change: the starting catalogue, without the new category.
  await page.getByRole('tab', { name: '变更记录' }).click();
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = `${hourAgo.getFullYear()}-${pad(hourAgo.getMonth() + 1)}-${pad(hourAgo.getDate())} ${pad(hourAgo.getHours())}:${pad(hourAgo.getMinutes())}:${pad(hourAgo.getSeconds())}`;
  // The picker's text box takes the instant as typed; Enter confirms it (its OK button) and closes the panel.
  await page.getByTestId('as-of-picker').click();
  await page.getByTestId('as-of-picker').fill(local);
  await page.keyboard.press('Enter');
  await page.getByTestId('as-of-show').click();
  const then = page.getByTestId('as-of-catalogue');
  await then.getByText(/尚无变更，为初始目录/).waitFor();
  await then.getByTestId('catalogue-table-categories').getByText('fire_theft_publicity').waitFor();
  expect(await then.getByText('rooftop_planting').count()).toBe(0);
  found['catalogue-as-of'] = await seriousAccessibilityViolations(page);
  expect(pageErrors).toEqual([]);
});
