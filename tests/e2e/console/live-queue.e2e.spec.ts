import type { Page } from 'playwright-core';
import { ApiClient, roles } from '../support/api-client';
import { PEOPLE, PHONE, screenshot, seriousAccessibilityViolations } from './browser';
import { consoleSuite } from './console-suite';

// The station's queue follows the read side's live stream (server-sent events read with fetch),
// in Debian's Chromium against the system started by its own start command.
jest.setTimeout(90_000);

const suite = consoleSuite();


/** Set on the page's window: still there later means the page was never loaded again. */
const mark = (page: Page) => page.evaluate(() => void ((globalThis as unknown as { liveMark: number }).liveMark = 42));
const marked = (page: Page) => page.evaluate(() => (globalThis as unknown as { liveMark?: number }).liveMark);

test('a case reported in another browser appears in the station’s open queue without a reload, and its whistle moves it on there', async () => {
  const { page: queue, pageErrors: queueErrors } = await suite.users().signedIn(PEOPLE.station);
  await queue.getByRole('heading', { name: '工作队列' }).waitFor();
  await queue.getByTestId('live-status').getByText('实时更新中').waitFor();
  await mark(queue);
  let refreshes = 0;
  queue.on('request', (request) => void (request.url().includes('/api/query/cases?') && (refreshes += 1)));

  // Another person, in another browser, files a report through the form.
  const { page: form, pageErrors: formErrors } = await suite.users().signedIn(PEOPLE.branch);
  await form.getByRole('heading', { name: '上报问题' }).waitFor();
  await form.locator('[data-testid=report-category]').click();
  await form.keyboard.type('飞线充电');
  await form.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '飞线充电' }).click();
  await form.getByTestId('report-description').fill(`楼道飞线充电 实时 ${Date.now()}`);
  await form.getByTestId('report-submit').click();
  const caseId = (await form.getByTestId('reported-case-id').textContent())?.trim() ?? '';
  expect(caseId).toMatch(/^[0-9a-f-]{36}$/);

  // The station's queue shows it by itself: nobody pressed refresh, the page was not loaded again.
  const row = queue.locator(`tr:has(a[href="/cases/${caseId}"])`);
  await row.getByText('待吹哨').waitFor({ timeout: 15_000 });
  expect(await marked(queue)).toBe(42);
  expect(refreshes).toBeGreaterThan(0);
  await screenshot(queue, 'station-queue-live');

  // A whistle blown elsewhere (another clerk, over the API) moves the row on, live as well.
  const clerk = new ApiClient(suite.system().baseUrl, roles.station('station-north'));
  expect((await clerk.post(`/api/escalation/cases/${caseId}/whistle`, { level: 2 })).status).toBe(200);
  await row.getByText('已吹哨').waitFor({ timeout: 15_000 });
  expect(await marked(queue)).toBe(42);

  expect(await seriousAccessibilityViolations(queue)).toEqual([]);
  await queue.getByTestId('language-switch').getByText('English').click();
  await queue.getByTestId('live-status').getByText('Live updates on').waitFor();
  expect([...queueErrors, ...formErrors]).toEqual([]);
});

test('a task a station summons the unit to appears in the unit’s inbox on its phone without a reload', async () => {
  const { page: inbox, pageErrors } = await suite.users().signedIn(PEOPLE.unit('消防救援站'), PHONE);
  await inbox.goto('/inbox');
  await inbox.getByTestId('live-status').getByText('实时更新中').waitFor();
  await mark(inbox);

  // A station reports and whistles over the API; the catalogue summons 消防救援站 to flying-wire charging.
  const clerk = new ApiClient(suite.system().baseUrl, roles.station('station-north'));
  const reported = await clerk.post('/api/intake/cases', { compoundId: 'compound-wutong-2', category: 'flying_wire_charging', description: `飞线充电 收件箱 ${Date.now()}`, channel: 'branch' });
  expect(reported.status).toBe(201);
  const caseId = reported.body.id as string;
  const whistled = await clerk.post(`/api/escalation/cases/${caseId}/whistle`, { level: 2 }, { 'After-Position': reported.headers.get('position') ?? '' });
  expect(whistled.status).toBe(200);

  await inbox.locator(`[data-testid=task-card]:has(a[href^="/cases/${caseId}/"])`).waitFor({ timeout: 15_000 });
  expect(await marked(inbox)).toBe(42);
  expect(pageErrors).toEqual([]);
});
