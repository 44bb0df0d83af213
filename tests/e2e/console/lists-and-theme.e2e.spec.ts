import type { Locator, Page } from 'playwright-core';
import { eventually } from '../support/api-client';
import { CaseSteps } from '../support/case-steps';
import { screenshot, seriousAccessibilityViolations } from './browser';
import { consoleSuite } from './console-suite';

// The station's triage view, the meetings list paged by the server, and the theme's hover colours,
// in Debian's Chromium against the system started by its own start command. Steps that other
// specs drive through their pages (a unit's work, the callback) go through the HTTP API here.
jest.setTimeout(180_000);

const { system, consoleAs } = consoleSuite();
let steps: CaseSteps;

const OFFICE = { role: '联席会议办公室' };
const STATION = { role: '工作站', scope: '杏花综合执法进小区工作站' };

beforeAll(() => {
  steps = new CaseSteps(system().baseUrl);
});

/** axe-core's serious and critical violations while the pointer rests on `target` (after its colour transition). */
async function violationsWhileHovered(page: Page, target: Locator): Promise<string[]> {
  await target.hover();
  await page.waitForTimeout(600);
  return seriousAccessibilityViolations(page);
}

test('hovered links, buttons, menu items and table rows keep WCAG AA contrast (axe-core)', async () => {
  const caseId = await steps.report('clotheslines_and_litter');
  const { page, pageErrors } = await consoleAs(STATION);
  const row = page.locator(`tr:has(a[href="/cases/${caseId}"])`);
  await row.waitFor();
  const found: Record<string, string[]> = {
    'table row and its link': await violationsWhileHovered(page, row.getByRole('link')),
    'refresh button': await violationsWhileHovered(page, page.getByRole('button', { name: '刷新' })),
    'queue view': await violationsWhileHovered(page, page.getByTestId('queue-views').getByText('疑似重复')),
    'menu item': await violationsWhileHovered(page, page.getByRole('menuitem', { name: '上报问题' })),
  };
  await row.getByRole('link').hover();
  await screenshot(page, 'station-queue-link-hovered');
  expect(found).toEqual({ 'table row and its link': [], 'refresh button': [], 'queue view': [], 'menu item': [] });
  expect(pageErrors).toEqual([]);
});

test('the station’s “to triage” view shows new reports and a case it reopened after the callback, not cases at work', async () => {
  // API: a case worked to its outcome, called back, closed, and reopened by the station.
  const reopened = await steps.report('common_area_clutter');
  const whistleId = await steps.whistle(reopened, { level: 2 });
  await steps.work(await steps.taskOf(reopened, 'unit-chengguan', whistleId), 'unit-chengguan', 'resolved');
  await steps.waitFor(reopened, (view) => view.status === 'resolved', 'resolved');
  expect((await steps.station.post(`/api/intake/cases/${reopened}/callback`, { result: 'satisfied' })).status).toBe(200);
  await steps.waitFor(reopened, (view) => view.status === 'closed', 'closed');
  expect((await steps.station.post(`/api/intake/cases/${reopened}/reopen`, { reason: '居民反映楼道又堆满杂物' })).status).toBe(200);
  await steps.waitFor(reopened, (view) => view.status === 'reopened', 'reopened');
  const fresh = await steps.report('late_night_noise');
  const atWork = await steps.report('flying_wire_charging');
  await steps.whistle(atWork, { level: 2 });
  await steps.waitFor(atWork, (view) => view.status === 'whistled', 'whistled');

  const { page, pageErrors } = await consoleAs(STATION);
  await page.getByTestId('queue-views').getByText('待分拣').click();
  await page.waitForURL(/status=triaged%2Creopened/);
  const row = (caseId: string) => page.getByTestId('case-table').locator(`tr:has(a[href="/cases/${caseId}"])`);
  // The list first shows every case, then the view's: the case at work leaves it.
  await row(reopened).waitFor();
  await row(atWork).waitFor({ state: 'detached' });
  await row(reopened).getByText('已重新打开').waitFor();
  await row(fresh).getByText('待吹哨').waitFor();
  // The status filter shows what the view is made of.
  await page.getByTestId('filter-status').getByText('已重新打开').waitFor();
  await page.getByTestId('filter-status').getByText('待吹哨').waitFor();
  await screenshot(page, 'station-queue-triage');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  // Whistled anew, the reopened case leaves the view without a reload (the queue is live).
  await steps.whistle(reopened, { level: 2 });
  await row(reopened).waitFor({ state: 'detached' });
  await row(fresh).waitFor();
  expect(pageErrors).toEqual([]);
});

test('the meetings page shows the meetings a page at a time, as the server pages them', async () => {
  // API: eleven meetings, a day apart; the list shows the latest scheduled first.
  const start = Date.now() + 2 * 86_400_000;
  for (let i = 1; i <= 11; i += 1) {
    const scheduled = await steps.office.post('/api/adjudication/meetings', { scheduledAt: new Date(start + i * 86_400_000).toISOString(), place: `第${i}会议室`, invitedUnits: ['unit-chengguan', 'unit-zhujian'] });
    expect(scheduled.status).toBe(201);
  }
  await eventually(async () => expect((await steps.office.get('/api/adjudication/meetings?pageSize=1')).body.total).toBe(11));

  const { page, pageErrors } = await consoleAs(OFFICE);
  await page.goto('/meetings');
  // The table's test id marks the rows' part; the pager stands below it.
  const list = page.getByTestId('meeting-list');
  const pager = page.locator('.ant-pagination');
  await pager.getByText('共 11 次会议').waitFor();
  expect(await list.locator('tr.ant-table-row').count()).toBe(10);
  expect(await list.locator('tr.ant-table-row').first().textContent()).toContain('第11会议室');
  expect(await violationsWhileHovered(page, pager.locator('.ant-pagination-item-2'))).toEqual([]);
  await screenshot(page, 'office-meetings-paged');
  await pager.locator('.ant-pagination-item-2').click();
  await page.waitForURL(/page=2/);
  await list.locator('tr.ant-table-row', { hasText: '第1会议室' }).waitFor();
  expect(await list.locator('tr.ant-table-row').count()).toBe(1);
  // The page is in the address: a reload comes back to it.
  await page.reload();
  await list.locator('tr.ant-table-row', { hasText: '第1会议室' }).waitFor();
  expect(pageErrors).toEqual([]);
});
