import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { eventually } from '../support/api-client';

const ROOT = join(__dirname, '..', '..', '..');
/** Screenshots of each page, kept after the run (tmp/ is git-ignored). */
export const SCREENSHOT_DIR = join(ROOT, 'tmp', 'console-screenshots');
/** Debian's Chromium (deploy/local/tools.sh installs it): browser downloads do not work on the build machines. */
const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-background-networking'] });
}

/** A browser context on the system, failing the test on any uncaught error in the page. */
export async function openConsole(browser: Browser, baseUrl: string, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'zh-CN' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto('/');
  return { context, page, pageErrors };
}

/**
 * Picks an option of an Ant Design Select (its list opens in a portal; the search box narrows it)
 * as a person does: once the list has slid open, and once more if the pick did not show.
 */
export async function choose(page: Page, testId: string, option: string): Promise<void> {
  const select = page.getByTestId(testId);
  // A list still sliding open moves under the pointer: a phone run once tapped beside the option.
  const resting = page.locator('.ant-select-dropdown:visible:not([class*="-appear"]):not([class*="-enter"])');
  for (let attempt = 1; ; attempt += 1) {
    await select.click();
    await page.keyboard.type(option);
    await resting.locator('.ant-select-item-option', { hasText: option }).first().click();
    try {
      await select.filter({ hasText: option }).waitFor({ timeout: 2_000 });
      return;
    } catch (error) {
      if (attempt === 2) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

export interface SignInAs {
  /** The role's label on the sign-in page, in Chinese. */
  readonly role: string;
  /** The scope's label (a station's, unit's or compound's name), when the role has one. */
  readonly scope?: string;
}

/** Signs in through the development sign-in page, as a user would. */
export async function signIn(page: Page, as: SignInAs): Promise<void> {
  await page.getByTestId('dev-only').waitFor();
  await choose(page, 'role', as.role);
  if (as.scope) await choose(page, 'scope', as.scope);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

/** Who the specs sign in as, by the labels of the sign-in page. */
export const PEOPLE = {
  station: { role: '工作站', scope: '杏花综合执法进小区工作站' },
  office: { role: '联席会议办公室' },
  auditor: { role: '审计' },
  branch: { role: '上报人（党支部/网格员）', scope: '杏花苑' },
  /** A member unit, by its name on the sign-in page (e.g. 交警大队). */
  unit: (name: string): SignInAs => ({ role: '成员单位', scope: name }),
} as const satisfies Record<string, SignInAs | ((name: string) => SignInAs)>;

/** A phone-sized screen, as the units have on site. */
export const PHONE = { width: 390, height: 844 } as const;

export interface ConsoleTab {
  readonly context: BrowserContext;
  readonly page: Page;
  /** uncaught errors in the page, to be expected empty */
  readonly pageErrors: string[];
}

/**
 * The people of a spec, each in a browser context of their own on the system under test; the
 * spec closes them after each test with `closeAll`.
 */
export class ConsoleUsers {
  private readonly opened: BrowserContext[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly baseUrl: string,
  ) {}

  /** The console's first page in a context of its own, nobody signed in (`baseUrl`: another system's). */
  async open(options: { viewport?: { width: number; height: number }; baseUrl?: string } = {}): Promise<ConsoleTab> {
    const tab = await openConsole(this.browser, options.baseUrl ?? this.baseUrl, options.viewport);
    this.opened.push(tab.context);
    return tab;
  }

  /** Someone signed in through the development sign-in page, in a context of their own. */
  async signedIn(as: SignInAs, viewport?: { width: number; height: number }): Promise<ConsoleTab> {
    const tab = await this.open(viewport ? { viewport } : {});
    await signIn(tab.page, as);
    return tab;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.opened.splice(0).map((context) => context.close()));
  }
}

/** How far the page is wider than the screen: above 0, something must be scrolled sideways (on a phone, a fault). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const window = globalThis as unknown as { innerWidth: number; document: { documentElement: { scrollWidth: number } } };
    return window.document.documentElement.scrollWidth - window.innerWidth;
  });
}

/** The page shown afresh (its refresh button) until `shown` holds: others work elsewhere and the read side follows. */
export async function refreshUntil(page: Page, shown: () => Promise<boolean>): Promise<void> {
  await eventually(async () => {
    await page.getByRole('button', { name: /刷新|Refresh/ }).first().click();
    await page.waitForTimeout(300);
    if (!(await shown())) throw new Error('not shown yet');
  }, 20_000);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now, one line each. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol: a <script> tag of its text would be inline script, which the console's Content-Security-Policy refuses.
  await page.evaluate(axeSource);
  // The page's finite transitions and animations end first (3 s at most; a spinner's never does): a
  // control caught fading (a button leaving its loading state under a loaded machine) read as low contrast.
  await page.evaluate(async () => {
    type Running = { finished: Promise<unknown>; effect: { getTiming(): { iterations?: number } } | null };
    const running = (globalThis as unknown as { document: { getAnimations(): Running[] } }).document.getAnimations();
    const finite = running.filter((animation) => animation.effect?.getTiming().iterations !== Infinity);
    await Promise.race([Promise.all(finite.map((animation) => animation.finished.catch(() => undefined))), new Promise((resolve) => setTimeout(resolve, 3_000))]);
  });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((n) => ({ target: n.target })) }));
  });
  return violations
    .filter((v: AxeViolation) => v.impact === 'serious' || v.impact === 'critical')
    .map((v: AxeViolation) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
