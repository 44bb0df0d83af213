import type { Browser, Locator, Page } from 'playwright-core';
import { ensureConsoleBuilt } from '@whistle/console';
import { CaseSteps } from '../support/case-steps';
import { SystemProcess } from '../support/system-process';
import { launchChromium, openConsole, screenshot, seriousAccessibilityViolations, signIn } from './browser';

// The station's triage view, the meetings list paged by the server, and the theme's hover colours,
// in Debian's Chromium against the system started by its own start command. Steps that other
// specs drive through their pages (a unit's work, the callback) go through the HTTP API here.
jest.setTimeout(180_000);

let system: SystemProcess;
let browser: Browser;
let steps: CaseSteps;
const opened: { close(): Promise<void> }[] = [];

const OFFICE = { role: '联席会议办公室' };
const STATION = { role: '工作站', scope: '杏花综合执法进小区工作站' };

beforeAll(async () => {
  ensureConsoleBuilt((line) => console.log(line));
  [system, browser] = await Promise.all([SystemProcess.start(), launchChromium()]);
  steps = new CaseSteps(system.baseUrl);
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
