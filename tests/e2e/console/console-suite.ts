import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureConsoleBuilt } from '@whistle/console';
import { SystemProcess } from '../support/system-process';
import { launchChromium, openConsole, signIn, type SignInAs } from './browser';

export interface ConsoleSuite {
  /** The system the suite started with its own start command. */
  readonly system: () => SystemProcess;
  /** A browser context of its own (closed after the test), signed in through the development sign-in page. */
  readonly consoleAs: (as: SignInAs, viewport?: { width: number; height: number }) => Promise<{ page: Page; pageErrors: string[] }>;
}

/**
 * A browser suite's fixtures, registered with jest: the console built, the system started by its
 * start command and Debian's Chromium beside it; each test's browser contexts closed after it.
 */
export function consoleSuite(): ConsoleSuite {
  let system: SystemProcess | undefined;
  let browser: Browser | undefined;
  const opened: BrowserContext[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt((line) => console.log(line));
    [system, browser] = await Promise.all([SystemProcess.start(), launchChromium()]);
  }, 180_000);

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await system?.dispose();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the console suite has not started: use it inside a test');
    return value;
  };
  return {
    system: () => started(system),
    consoleAs: async (as, viewport) => {
      const { context, page, pageErrors } = await openConsole(started(browser), started(system).baseUrl, viewport);
      opened.push(context);
      await signIn(page, as);
      return { page, pageErrors };
    },
  };
}
