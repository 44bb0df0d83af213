import type { Page, Request } from 'playwright-core';
import { CaseSteps } from '../support/case-steps';
import { consoleSuite } from './console-suite';

// A page opened by its address, signed in: the console asks for the page's code, the catalogue
// and (the dashboard) the page's figures at once, as it starts, and the page takes what was asked
// for instead of asking again. In Debian's Chromium against the system started by its own command.
jest.setTimeout(180_000);

const { system, consoleAs } = consoleSuite();
const OFFICE = { role: '联席会议办公室' };

/** The API requests the page sends from now on, by path and query. */
function apiRequests(page: Page): URL[] {
  const sent: URL[] = [];
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) sent.push(url);
  });
  return sent;
}

const trendsOf = (sent: readonly URL[]) => sent.filter((url) => url.pathname === '/api/query/stats/trends');

beforeAll(async () => {
  // A case whistled at level 2, so that Xinghua community and Chengguan (城管), summoned, have figures.
  const steps = new CaseSteps(system().baseUrl);
  const caseId = await steps.report('common_area_clutter');
  await steps.taskOf(caseId, 'unit-chengguan', await steps.whistle(caseId, { level: 2 }));
});

test('the dashboard opened by its address asks for its figures and the catalogue once each, and a new choice asks again', async () => {
  const { page, pageErrors } = await consoleAs(OFFICE);
  await page.getByTestId('kpi-responseRate').waitFor();
  const sent = apiRequests(page);
  await page.goto('/dashboard?groupBy=community');
  await page.getByTestId('kpi-responseRate').locator('.ant-statistic-content').waitFor();
  await page.getByTestId('group-table').getByText('杏花社区').first().waitFor();
  expect(trendsOf(sent).map((url) => url.searchParams.get('groupBy'))).toEqual(['community']);
  expect(sent.filter((url) => url.pathname === '/api/catalogue')).toHaveLength(1);

  // The request sent as the console started answered only the choices it was made for.
  await page.getByText('按成员单位').click();
  await page.getByTestId('group-table').getByText('城市管理局（城管）').first().waitFor();
  expect(trendsOf(sent).map((url) => url.searchParams.get('groupBy'))).toEqual(['community', 'unit']);
  // The charts come after the figures, from the same answer.
  await page.getByTestId('chart-responseRate').locator('svg text', { hasText: '城市管理局' }).first().waitFor();
  expect(trendsOf(sent)).toHaveLength(2);
  expect(pageErrors).toEqual([]);
});

test('a kept session the API no longer accepts ends at the first page, even when refused before the console listened', async () => {
  const { page, pageErrors } = await consoleAs(OFFICE);
  await page.getByTestId('kpi-responseRate').waitFor();
  // The stored token with its signature spoilt, as a session a changed key no longer accepts.
  await page.evaluate(() => {
    const storage = (globalThis as unknown as { localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void } }).localStorage;
    const session = JSON.parse(storage.getItem('flw.session') ?? '{}') as { token: string };
    storage.setItem('flw.session', JSON.stringify({ ...session, token: `${session.token.slice(0, -4)}AAAA` }));
  });
  await page.goto('/dashboard');
  await page.getByTestId('session-ended').getByText('系统不再接受您的登录凭证，请重新登录。').waitFor();
  await page.getByTestId('dev-only').waitFor();
  expect(pageErrors).toEqual([]);
});
