/**
 * The web console's main pages in Chromium (Debian's, headless) against the embedded system
 * (`npm start`'s command, a process of its own) filled through the API to each case count of
 * BENCH_CONSOLE_CASES (10,000 and 100,000 unless set): for each page, the time from navigating
 * to its main content being visible, with a cold cache (a new browser context) and warm (a
 * reload), the JavaScript it loads, read off the browser's network log, and its slowest API
 * request (sent to answered, in the browser), which tells the server's share from the browser's.
 * With BENCH_CONSOLE_DATA=<dir> each case count has a system of its own on data kept in
 * `<dir>/cases-<count>`: filled on the first run, reused by the next (another version's start
 * rebuilds the read models from the stores), so that versions are compared on the same cases.
 */
import { join } from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import type { Principal } from '@whistle/auth';
import { ensureConsoleBuilt } from '@whistle/console';
import { ApiClient, roles } from '../e2e/support/api-client';
import { SystemProcess } from '../e2e/support/system-process';
import { launchChromium } from '../e2e/console/browser';
import { casesIn, reportBody, throughput, type Post } from './embedded.bench';
import { printTable, type BenchSection } from './report';

/** What a page's path may need from the filled system. */
interface Fixture {
  /** A case of station-north's compounds, for the pages of one case. */
  readonly caseId: string;
}

/**
 * The measured pages: one row each. `ready` is a Playwright selector of the page's main content
 * (the queue's rows, a drawn chart), not of its frame. Add a page by adding a row.
 */
interface MeasuredPage {
  readonly name: string;
  /** Who is signed in; null for the sign-in page. */
  readonly as: Principal | null;
  readonly path: (fixture: Fixture) => string;
  readonly ready: string;
}

export const CONSOLE_PAGES: readonly MeasuredPage[] = [
  { name: 'sign-in (development)', as: null, path: () => '/', ready: '[data-testid=dev-only]' },
  { name: 'station queue', as: roles.station('station-north'), path: () => '/queue', ready: '[data-testid=case-table] tr.ant-table-row' },
  { name: 'office case list', as: roles.office(), path: () => '/queue', ready: '[data-testid=case-table] tr.ant-table-row' },
  { name: 'office dashboard', as: roles.office(), path: () => '/dashboard', ready: '[data-testid=kpi-responseRate] .ant-statistic-content' },
  // The charts come after the figures (their ECharts code is fetched once the figures show): the time until the first is drawn.
  { name: 'office dashboard, charts', as: roles.office(), path: () => '/dashboard', ready: '[data-testid=chart-responseRate] svg' },
  { name: 'office meetings', as: roles.office(), path: () => '/meetings', ready: '[data-testid=meeting-list]' },
  { name: 'auditor case history', as: roles.auditor(), path: (f) => `/audit/cases/${f.caseId}`, ready: '[data-testid=audit-history]' },
  { name: 'reporter: my reports', as: roles.reporter('compound-xinghua-1'), path: () => '/mine', ready: '[data-testid=my-report]' },
  { name: 'case detail', as: roles.station('station-north'), path: (f) => `/cases/${f.caseId}`, ready: '[data-testid=case-facts]' },
  { name: 'report form', as: roles.station('station-north'), path: () => '/report', ready: '[data-testid=report-submit]' },
];

const CASE_COUNTS = (process.env['BENCH_CONSOLE_CASES'] ?? '10000,100000').split(',').map(Number);
const KEPT_DATA = process.env['BENCH_CONSOLE_DATA'];
const ROUNDS = 3;

interface Load {
  readonly ms: number;
  readonly scripts: number;
  readonly scriptBytes: number;
  /** the longest of the page's API requests, from sending to the last byte of the answer */
  readonly slowestApiMs: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Navigates and waits for the main content; the scripts the browser fetched on the way and its API requests, from its network log. */
async function load(page: Page, path: string, ready: string, reload: boolean): Promise<Load> {
  const scripts = new Map<string, Promise<number>>();
  const apiMs: number[] = [];
  const onResponse = (response: import('playwright-core').Response) => {
    if (response.request().resourceType() === 'script') scripts.set(response.url(), response.body().then((b) => b.length, () => 0));
  };
  const onFinished = (request: Request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) apiMs.push(request.timing().responseEnd);
  };
  page.on('response', onResponse);
  page.on('requestfinished', onFinished);
  const started = process.hrtime.bigint();
  if (reload) await page.reload({ waitUntil: 'commit' });
  else await page.goto(path, { waitUntil: 'commit' });
  await page.locator(ready).first().waitFor({ state: 'visible', timeout: 60_000 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  page.off('response', onResponse);
  page.off('requestfinished', onFinished);
  const sizes = await Promise.all(scripts.values());
  return { ms, scripts: sizes.length, scriptBytes: sizes.reduce((a, b) => a + b, 0), slowestApiMs: Math.max(0, ...apiMs) };
}

/** A page loaded ROUNDS times in a fresh context (cold cache) and ROUNDS times reloaded (warm). */
async function measure(browser: Browser, baseUrl: string, measured: MeasuredPage, fixture: Fixture): Promise<{ cold: Load[]; warm: Load[] }> {
  const session = measured.as ? new ApiClient(baseUrl, measured.as) : null;
  const cold: Load[] = [];
  const warm: Load[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    try {
      if (session) {
        // Signed in as the console keeps a session, so the page itself is what is timed.
        const stored = JSON.stringify({ token: session.token, principal: session.principal, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
        await context.addInitScript((value: string) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('flw.session', value), stored);
      }
      const page = await context.newPage();
      cold.push(await load(page, measured.path(fixture), measured.ready, false));
      warm.push(await load(page, measured.path(fixture), measured.ready, true));
    } finally {
      await context.close();
    }
  }
  return { cold, warm };
}

async function fillTo(system: SystemProcess, target: number): Promise<number> {
  const station = new ApiClient(system.baseUrl, roles.station('station-north'));
  const office = new ApiClient(system.baseUrl, roles.office());
  const post: Post = () => station.post('/api/intake/cases', reportBody());
  let cases = await casesIn(office);
  while (cases < target) {
    const slice = Math.min(10_000, target - cases);
    const { perSecond } = await throughput(post, 32, slice);
    cases = await casesIn(office);
    process.stdout.write(`  filled ${cases} cases at ${Math.round(perSecond)} reports/s\r`);
  }
  return cases;
}

const kib = (bytes: number) => (bytes / 1024).toFixed(0);

/** Fills the system to `target` cases and prints each page's loads. */
async function measureAt(system: SystemProcess, browser: Browser, target: number): Promise<void> {
  const cases = await fillTo(system, target);
  const office = new ApiClient(system.baseUrl, roles.office());
  const first = await office.get(`/api/query/cases?stationId=station-north&pageSize=1`);
  const fixture: Fixture = { caseId: first.body.items[0].id };
  const rows: string[][] = [];
  for (const measured of CONSOLE_PAGES) {
    const { cold, warm } = await measure(browser, system.baseUrl, measured, fixture);
    const js = cold[0] ?? { scripts: 0, scriptBytes: 0 };
    rows.push([
      measured.name,
      measured.path(fixture).replace(fixture.caseId, ':id'),
      median(cold.map((l) => l.ms)).toFixed(0),
      median(warm.map((l) => l.ms)).toFixed(0),
      median([...cold, ...warm].map((l) => l.slowestApiMs)).toFixed(0),
      String(js.scripts),
      kib(js.scriptBytes),
    ]);
  }
  printTable(
    `${cases.toLocaleString('en-US')} cases: navigation to the main content visible (median of ${ROUNDS}), the slowest API request of a load (median of all), and the JavaScript a cold load fetches`,
    ['page', 'path', 'cold ms', 'warm ms', 'API ms', 'JS files', 'JS KiB'],
    rows,
  );
}

export const consolePagesBench: BenchSection = {
  name: 'console pages in Chromium (embedded system filled through the API)',
  async run() {
    ensureConsoleBuilt((line) => console.log(line));
    const browser = await launchChromium();
    try {
      if (KEPT_DATA === undefined) {
        const system = await SystemProcess.start({ env: { LOG_LEVEL: 'error' } });
        try {
          for (const target of CASE_COUNTS) await measureAt(system, browser, target);
        } finally {
          await system.dispose();
        }
        return;
      }
      for (const target of CASE_COUNTS) {
        const system = await SystemProcess.start({ env: { LOG_LEVEL: 'error' }, root: join(KEPT_DATA, `cases-${target}`), readyWithinMs: 600_000 });
        try {
          await measureAt(system, browser, target);
        } finally {
          await system.dispose();
        }
      }
    } finally {
      await browser.close();
    }
  },
};
