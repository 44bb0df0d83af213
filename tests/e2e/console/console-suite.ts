import type { Browser, Page } from 'playwright-core';
import { ensureConsoleBuilt } from '@whistle/console';
import { SystemProcess } from '../support/system-process';
import { ConsoleUsers, launchChromium, type SignInAs } from './browser';

export interface ConsoleSuite {
  /** The system the suite started with its own start command. */
  readonly system: () => SystemProcess;
  /** The people of the suite, each in a browser context of their own, closed after each test. */
  readonly users: () => ConsoleUsers;
  /** A browser context of its own (closed after the test), signed in through the development sign-in page. */
  readonly consoleAs: (as: SignInAs, viewport?: { width: number; height: number }) => Promise<{ page: Page; pageErrors: string[] }>;
}

/**
 * A browser suite's fixtures, registered with jest: the console built, the system started by its
 * start command and Debian's Chromium beside it; each test's browser contexts closed after it.
 */
export function consoleSuite(options: { start?: () => Promise<SystemProcess> } = {}): ConsoleSuite {
  let system: SystemProcess | undefined;
  let browser: Browser | undefined;
  let users: ConsoleUsers | undefined;

  beforeAll(async () => {
    ensureConsoleBuilt((line) => console.log(line));
    [system, browser] = await Promise.all([(options.start ?? (() => SystemProcess.start()))(), launchChromium()]);
    users = new ConsoleUsers(browser, system.baseUrl);
  }, 180_000);

  afterEach(async () => {
    await users?.closeAll();
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
    users: () => started(users),
    consoleAs: async (as, viewport) => {
      const { page, pageErrors } = await started(users).signedIn(as, viewport);
      return { page, pageErrors };
    },
  };
}
