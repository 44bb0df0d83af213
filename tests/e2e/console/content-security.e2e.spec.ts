import type { Page } from 'playwright-core';
import { API_TITLE } from '@whistle/http';
import { ApiClient, eventually, roles } from '../support/api-client';
import { PEOPLE, signIn } from './browser';
import { consoleSuite } from './console-suite';

// The Content-Security-Policy every response carries (helmet, libs/http/src/hygiene) leaves the
// console and Swagger UI working: each page is used as a person would, and the browser reports
// no violation of the policy while it is (a violation is where the policy would break a page).
jest.setTimeout(90_000);

const suite = consoleSuite();

/** Every violation the page reports, from the moment it was opened: the event the browser fires, and its console line. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  // The tests' type library has no DOM: the page's globals are typed as far as they are used.
  await page.addInitScript(() => {
    const page = globalThis as unknown as {
      document: { addEventListener: (type: string, listener: (event: { violatedDirective: string; blockedURI: string }) => void) => void };
      reportViolation: (text: string) => void;
    };
    page.document.addEventListener('securitypolicyviolation', (event) => page.reportViolation(`${event.violatedDirective} blocked ${event.blockedURI}`));
  });
  return violations;
}

test('the console’s pages (antd’s styles, ECharts, the audit timeline, the report form) work under the policy, with no violation', async () => {
  const reporter = new ApiClient(suite.system().baseUrl, roles.reporter('compound-xinghua-1'));
  const answer = await reporter.post('/api/intake/cases', { compoundId: 'compound-xinghua-1', category: 'late_night_noise', description: `内容安全策略 ${Date.now()}`, channel: 'branch' });
  expect(answer.status).toBe(201);
  const office = new ApiClient(suite.system().baseUrl, roles.office());
  await eventually(async () => expect((await office.get(`/api/query/cases/${answer.body.id}`)).status).toBe(200));

  const { page, pageErrors } = await suite.users().open();
  const violations = await watchViolations(page);
  await page.reload();
  const policy = (await page.request.get('/')).headers()['content-security-policy'];
  expect(policy).toContain("style-src 'self' 'unsafe-inline'");

  await signIn(page, PEOPLE.office);
  await page.getByTestId('chart-responseRate').locator('svg text', { hasText: '杏花综合执法' }).first().waitFor();
  // antd writes its styles into <style> elements at run time; the submit button has its colour only if they applied.
  const styled = await page.evaluate(() => (globalThis as unknown as { document: { querySelectorAll: (selector: string) => { length: number } } }).document.querySelectorAll('style').length);
  expect(styled).toBeGreaterThan(0);
  await page.getByRole('menuitem', { name: '案件列表' }).click();
  await page.locator(`tr:has(a[href="/cases/${answer.body.id}"])`).waitFor();
  await page.goto(`/cases/${answer.body.id}`);
  await page.getByTestId('audit-timeline').getByText('intake.CaseReported.v1').waitFor();
  await page.getByRole('menuitem', { name: '上报问题' }).click();
  const submit = page.getByTestId('report-submit');
  await submit.waitFor();
  const background = await submit.evaluate((button) => (globalThis as unknown as { getComputedStyle: (element: unknown) => { backgroundColor: string } }).getComputedStyle(button).backgroundColor);
  expect(background).not.toBe('rgba(0, 0, 0, 0)');
  expect(pageErrors).toEqual([]);
  expect(violations).toEqual([]);
});

test('Swagger UI at /api/docs loads and lists the operations under the policy, with no violation', async () => {
  const { page, pageErrors } = await suite.users().open();
  const violations = await watchViolations(page);
  await page.goto('/api/docs');
  await page.locator('.swagger-ui .info .title', { hasText: API_TITLE }).waitFor();
  await page.locator('.opblock-summary-path', { hasText: '/api/intake/cases' }).first().waitFor();
  expect(pageErrors).toEqual([]);
  expect(violations).toEqual([]);
});
