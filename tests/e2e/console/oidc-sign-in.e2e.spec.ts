import type { Page } from 'playwright-core';
import { freePort } from '@whistle/deployment';
import { eventually, send } from '../support/api-client';
import { IdentityProvider } from '../support/identity-provider/identity-provider';
import { SystemProcess } from '../support/system-process';
import { screenshot, seriousAccessibilityViolations } from './browser';
import { consoleSuite } from './console-suite';

// Signing in to the console through a real OpenID provider (oidc-provider in its own process, its
// own login and consent pages), authorization code with PKCE, in Debian's Chromium, against the
// system started by its own start command with that provider as JWT_ISSUER.
jest.setTimeout(90_000);

const AUDIENCE = 'urn:four-level-whistle:api';
const REPORTER = { 'whistle-branch-robot': { secret: 'the-party-branch-robot-secret-000', claims: { role: 'reporter', compoundId: 'compound-xinghua-1' } } };
let started: IdentityProvider | undefined;
const provider = (): IdentityProvider => {
  if (!started) throw new Error('the identity provider has not started');
  return started;
};
const suite = consoleSuite({
  // The provider must know the console's address (its redirect) before the system, which must know the provider's.
  start: async () => {
    const port = await freePort();
    const idp = (started = await IdentityProvider.start({
      consoleOrigin: `http://127.0.0.1:${port}`,
      audience: AUDIENCE,
      accounts: {
        'zhang.station': { name: '张站长', claims: { role: 'station', stationId: 'station-north' } },
        'li.office': { name: '李主任', claims: { role: 'office' } },
      },
      robots: REPORTER,
    }));
    return SystemProcess.start({ port, env: { JWT_ISSUER: idp.issuer, JWT_AUDIENCE: AUDIENCE, OIDC_CLIENT_ID: 'whistle-console' } });
  },
});

afterAll(async () => {
  await started?.stop();
});

async function consolePage(path = '/'): Promise<{ page: Page; pageErrors: string[] }> {
  const { page, pageErrors } = await suite.users().open();
  if (path !== '/') await page.goto(path);
  return { page, pageErrors };
}

/** The provider's own pages: its login form (any password), then its consent. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.getByTestId('oidc-sign-in').click();
  await page.waitForURL((url) => url.origin === provider().issuer);
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

const stored = (page: Page) =>
  page.evaluate(() => {
    const window = globalThis as unknown as { localStorage: { getItem(key: string): string | null }; sessionStorage: { getItem(key: string): string | null } };
    return { session: JSON.parse(window.localStorage.getItem('flw.session') ?? 'null'), pending: window.sessionStorage.getItem('flw.oidc.pending') };
  });

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;

test('a station user signs in through the provider’s pages and works in the console as that station; the development sign-in is absent', async () => {
  const reported = await send(suite.system().baseUrl, 'POST', '/api/intake/cases', {
    token: await provider().robotToken('whistle-branch-robot'),
    body: { compoundId: 'compound-xinghua-1', category: 'fire_lane_blocked', description: `统一身份认证登录后可见 ${Date.now()}`, channel: 'branch' },
  });
  expect(reported.status).toBe(201);

  const { page, pageErrors } = await consolePage();
  await page.getByTestId('oidc-sign-in').waitFor();
  expect(await page.getByTestId('dev-only').count()).toBe(0);
  expect(await page.getByTestId('role').count()).toBe(0);
  await page.getByText(`身份认证服务：${provider().issuer}`).waitFor();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'sign-in-oidc');

  await signInAtProvider(page, 'zhang.station');
  await page.getByTestId('signed-in-as').getByText('当前身份：工作站 · station-north').waitFor();
  await page.getByRole('heading', { name: '工作队列' }).waitFor();
  // The queue came from the API with the provider's token, scoped to the station: the branch's case is in it.
  await page.locator(`tr:has(a[href="/cases/${reported.body.id}"])`).waitFor();
  await screenshot(page, 'station-queue-oidc');

  const { session, pending } = await stored(page);
  expect(pending).toBeNull();
  expect(claimsOf(session.token)).toMatchObject({ iss: provider().issuer, aud: AUDIENCE, sub: 'zhang.station', role: 'station', stationId: 'station-north' });
  expect(session.oidc.refreshToken).toEqual(expect.any(String));
  const call = await page.evaluate(async (token: string) => (await fetch('/api/query/cases?pageSize=5', { headers: { authorization: `Bearer ${token}` } })).status, session.token);
  expect(call).toBe(200);
  // The station may see its own case, not the whole town's statistics.
  expect((await send(suite.system().baseUrl, 'GET', '/api/query/stats?groupBy=station', { token: session.token })).status).toBe(403);
  expect(pageErrors).toEqual([]);
});

test('an office user who opened a deep link signs in and comes back to it, as the office', async () => {
  const { page } = await consolePage('/queue?status=reported');
  await signInAtProvider(page, 'li.office');
  await page.getByTestId('signed-in-as').getByText('当前身份：联席会议办公室').waitFor();
  await page.waitForURL((url) => url.pathname === '/queue' && url.searchParams.get('status') === 'reported');
  await page.getByRole('menuitem', { name: '数据看板' }).click();
  await page.getByTestId('chart-responseRate').locator('svg text', { hasText: '杏花综合执法' }).first().waitFor();
});

test('the token is refreshed before it expires; an expired one without refresh leads back through the provider to the same page; sign-out ends the provider’s session too', async () => {
  const { page } = await consolePage();
  await signInAtProvider(page, 'zhang.station');
  await page.getByRole('heading', { name: '工作队列' }).waitFor();

  // Refresh: the stored session says it expires in 65 s, so the console refreshes it within 5 s.
  const before = (await stored(page)).session;
  await page.evaluate((session: unknown) => {
    const window = globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } };
    window.localStorage.setItem('flw.session', JSON.stringify({ ...(session as object), expiresAt: new Date(Date.now() + 65_000).toISOString() }));
  }, before);
  await page.reload();
  const after = await eventually(async () => {
    const { session } = await stored(page);
    expect(session.token).not.toBe(before.token);
    return session;
  }, 15_000, 'the token to be refreshed');
  expect(after.oidc.refreshToken).not.toBe(before.oidc.refreshToken);
  expect((await send(suite.system().baseUrl, 'GET', '/api/query/cases', { token: after.token })).status).toBe(200);

  // No refresh token and 2 s left: the session ends where the user is, and signing in again returns there.
  await page.goto('/queue?level=2');
  await page.evaluate((session: { oidc: object }) => {
    const window = globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } };
    window.localStorage.setItem('flw.session', JSON.stringify({ ...session, oidc: { ...session.oidc, refreshToken: undefined }, expiresAt: new Date(Date.now() + 2_000).toISOString() }));
  }, after);
  await page.reload();
  await page.getByTestId('session-ended').getByText('登录已过期，请重新登录。您将回到刚才的页面。').waitFor();
  await screenshot(page, 'sign-in-expired');
  // The provider still knows the user: no login form this time, straight back to the page.
  await page.getByTestId('oidc-sign-in').click();
  await page.waitForURL((url) => url.origin === suite.system().baseUrl && url.pathname === '/queue' && url.searchParams.get('level') === '2');
  await page.getByTestId('signed-in-as').waitFor();

  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await page.getByTestId('oidc-sign-in').waitFor();
  expect((await stored(page)).session).toBeNull();
  await page.getByTestId('oidc-sign-in').click();
  await page.locator('input[name=login]').waitFor();
});

test('a token refreshed on a case page reads the reporter masked again but never the read in full: one reason given, one access recorded', async () => {
  const reported = await send(suite.system().baseUrl, 'POST', '/api/intake/cases', {
    token: await provider().robotToken('whistle-branch-robot'),
    body: { compoundId: 'compound-xinghua-1', category: 'fire_lane_blocked', description: `刷新令牌后的查阅 ${Date.now()}`, channel: 'branch', reporter: { name: '张三', phone: '13812345678' } },
  });
  expect(reported.status).toBe(201);
  const caseId = reported.body.id as string;
  const { page, pageErrors } = await consolePage();
  await signInAtProvider(page, 'li.office');
  await page.getByTestId('signed-in-as').getByText('当前身份：联席会议办公室').waitFor();
  const calls: { at: number; call: string }[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith(`/api/intake/cases/${caseId}/reporter`)) calls.push({ at: Date.now(), call: `${request.method()} ${url.pathname}${url.search}` });
  });

  // The stored session says it expires in 80 s: once the case page has started, the console refreshes it within 20 s.
  const before = (await stored(page)).session;
  await page.evaluate((session: unknown) => {
    const window = globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } };
    window.localStorage.setItem('flw.session', JSON.stringify({ ...(session as object), expiresAt: new Date(Date.now() + 80_000).toISOString() }));
  }, before);
  await page.goto(`/cases/${caseId}`);
  const card = page.getByTestId('reporter-data');
  await card.getByTestId('reporter-details').getByText('张* · 138****5678').waitFor();
  await card.getByTestId('reveal-reason').fill('核实反映人身份');
  await card.getByTestId('reveal-reporter').click();
  await card.getByTestId('reporter-details').getByText('张三 · 13812345678').waitFor();

  const refreshedAt = await eventually(async () => {
    expect((await stored(page)).session.token).not.toBe(before.token);
    return Date.now();
  }, 30_000, 'the token to be refreshed');
  // The masked read follows the new token; the full read stays on the page and is not sent again.
  await eventually(async () => expect(calls.filter((c) => c.at >= refreshedAt - 1_000 && c.call === `GET /api/intake/cases/${caseId}/reporter`).length).toBeGreaterThan(0), 10_000, 'the masked read with the new token');
  await card.getByTestId('reporter-details').getByText('张三 · 13812345678').waitFor();
  expect(calls.filter((c) => !c.call.startsWith('GET ') || c.call.includes('reason')).map((c) => c.call)).toEqual([`POST /api/intake/cases/${caseId}/reporter/disclosures`]);
  const { session } = await stored(page);
  const accesses = await eventually(async () => {
    const listed = await send(suite.system().baseUrl, 'GET', `/api/audit/personal-data-access?caseId=${caseId}`, { token: session.token });
    expect(listed.body.total).toBeGreaterThan(0);
    return listed.body;
  });
  expect(accesses).toMatchObject({ total: 1, items: [{ reason: '核实反映人身份', actor: { id: 'li.office', role: 'office' } }] });
  expect(pageErrors).toEqual([]);
});
