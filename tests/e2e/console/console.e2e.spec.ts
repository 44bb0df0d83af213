import { generateKeyPairSync } from 'node:crypto';
import { ApiClient, eventually, roles, send } from '../support/api-client';
import { horizontalOverflow, PEOPLE, PHONE, screenshot, seriousAccessibilityViolations, signIn } from './browser';
import { consoleSuite } from './console-suite';
import { SystemProcess } from '../support/system-process';

// The web console in Debian's Chromium against the system started by its own start command:
// real pages, the real API, no stand-ins.
jest.setTimeout(60_000);

const suite = consoleSuite();
let station: ApiClient;
let reporter: ApiClient;

beforeAll(async () => {
  station = new ApiClient(suite.system().baseUrl, roles.station('station-north'));
  reporter = new ApiClient(suite.system().baseUrl, roles.reporter('compound-xinghua-1'));
});

/** A case reported over the API, once the read side shows it; each test its own category, so none is a duplicate of another's. */
async function reportedCase(category: string, description: string): Promise<string> {
  const answer = await reporter.post('/api/intake/cases', { compoundId: 'compound-xinghua-1', category, description, channel: 'branch' });
  expect(answer.body.duplicateOf).toBeUndefined();
  expect(answer.status).toBe(201);
  await eventually(async () => expect((await station.get(`/api/query/cases/${answer.body.id}`)).status).toBe(200));
  return answer.body.id;
}

test('a reporter files a report through the form; the station finds it in its queue, opens it and blows the whistle', async () => {
  const description = `3号楼消防通道被私家车占用 ${Date.now()}`;
  const { page: reporterPage, pageErrors } = await suite.users().open();
  await screenshot(reporterPage, 'sign-in');
  await signIn(reporterPage, PEOPLE.branch);
  // A reporter's home is the report form, its one compound already chosen.
  await reporterPage.getByRole('heading', { name: '上报问题' }).waitFor();
  await reporterPage.locator('[data-testid=report-category]').click();
  await reporterPage.keyboard.type('占用消防通道');
  await reporterPage.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '占用消防通道' }).click();
  await reporterPage.getByText('建议2级 应急哨').waitFor();
  await reporterPage.getByTestId('report-description').fill(description);
  await screenshot(reporterPage, 'report-form');
  await reporterPage.getByTestId('report-submit').click();
  const caseId = (await reporterPage.getByTestId('reported-case-id').textContent())?.trim() ?? '';
  expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
  await reporterPage.getByText('已受理，案件已转交杏花综合执法进小区工作站').waitFor();

  const { page, pageErrors: stationErrors } = await suite.users().signedIn(PEOPLE.station);
  await page.getByRole('heading', { name: '工作队列' }).waitFor();
  const row = page.locator(`tr:has(a[href="/cases/${caseId}"])`);
  await row.waitFor();
  expect(await row.textContent()).toContain('待吹哨');
  await screenshot(page, 'station-queue');

  await row.getByRole('link').click();
  await page.getByTestId('case-description').getByText(description).waitFor();
  await page.getByTestId('case-timeline').getByText('上报：杏花苑，占用消防通道').waitFor();
  await page.getByTestId('whistle-panel').getByText('将召集：交警大队、消防救援站').waitFor();
  await page.getByRole('button', { name: '吹哨' }).click();
  await page.getByText('已吹哨，已通知召集单位').waitFor();
  // The read side catches up: the status moves on, and each summoned unit's report-in counts down.
  await page.getByTestId('case-status').getByText('已吹哨').waitFor();
  await page.getByText(/交警大队报到 · 剩余 29分/).waitFor();
  await page.getByTestId('case-timeline').getByText(/吹哨：2级 应急哨，召集 交警大队、消防救援站/).waitFor();
  await screenshot(page, 'case-detail');

  await page.getByRole('link', { name: /返回/ }).click();
  await page.locator(`tr:has(a[href="/cases/${caseId}"])`).getByTestId('countdown').waitFor();
  // The server filters: level 1 has no such case, level 2 has it.
  await page.goto('/queue?level=1');
  await page.getByText('暂无案件').waitFor();
  await page.goto('/queue?level=2&status=whistled');
  await page.locator(`tr:has(a[href="/cases/${caseId}"])`).waitFor();
  expect([...pageErrors, ...stationErrors]).toEqual([]);
});

test('a refused command shows its reason and what to do, in the user’s language, and the switch changes every text', async () => {
  const caseId = await reportedCase('late_night_noise', `深夜噪音 ${Date.now()}`);
  const { page } = await suite.users().signedIn(PEOPLE.station);
  await page.goto(`/cases/${caseId}`);
  await page.getByTestId('whistle-panel').waitFor();
  // Someone else blows the whistle first; this page still offers it.
  expect((await station.post(`/api/escalation/cases/${caseId}/whistle`, { level: 2 })).status).toBe(200);
  await page.getByRole('button', { name: '吹哨' }).click();
  const alert = page.getByTestId('whistle-panel').getByTestId('error-alert');
  await alert.getByText('无法吹哨：召集的单位正在处置该案件。').waitFor();
  await alert.getByText('请刷新页面查看案件的最新状态。').waitFor();
  await screenshot(page, 'refused-command-zh');

  await page.getByTestId('language-switch').getByText('English').click();
  await alert.getByText('The whistle cannot be blown: the summoned units are at work on this case.').waitFor();
  await alert.getByText('Refresh the page to see the case as it is now.').waitFor();
  await page.getByRole('heading', { name: /^Case · Late-night noise/ }).waitFor();
  expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe('en');
  await screenshot(page, 'refused-command-en');

  // The choice is remembered: a new page load stays in English, and switching back restores Chinese.
  await page.goto('/queue');
  await page.getByRole('heading', { name: 'Work queue' }).waitFor();
  await page.getByRole('menuitem', { name: 'Report a problem' }).waitFor();
  await page.getByTestId('language-switch').getByText('中文').click();
  await page.getByRole('heading', { name: '工作队列' }).waitFor();
  await page.getByRole('menuitem', { name: '上报问题' }).waitFor();
});

test('what a user typed stays in the form when the API refuses it', async () => {
  const { page } = await suite.users().signedIn(PEOPLE.station);
  await page.getByRole('menuitem', { name: '上报问题' }).click();
  await page.locator('[data-testid=report-compound]').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '杏花苑' }).click();
  await page.locator('[data-testid=report-category]').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '占用消防通道' }).first().click();
  const description = `楼道堆物 ${Date.now()}`;
  await page.getByTestId('report-description').fill(description);
  // A name without a phone passes the form's own checks; the API names the missing phone.
  await page.getByLabel('反映人姓名（选填，个人信息受保护）').fill('张三');
  await page.getByTestId('report-submit').click();
  await page.getByTestId('error-alert').getByText('提交的内容有误').waitFor();
  await page.getByText('“反映人电话（选填）”不符合要求').waitFor();
  expect(await page.getByTestId('report-description').inputValue()).toBe(description);
  expect(await page.getByLabel('反映人姓名（选填，个人信息受保护）').inputValue()).toBe('张三');
  await screenshot(page, 'report-form-refused');
});

test('the office dashboard draws the three rates from the stats API with ECharts', async () => {
  await reportedCase('common_area_clutter', `统计用 ${Date.now()}`);
  const { page, pageErrors } = await suite.users().signedIn(PEOPLE.office);
  await page.getByRole('heading', { name: '数据看板' }).waitFor();
  for (const rate of ['responseRate', 'resolutionRate', 'satisfactionRate']) {
    // ECharts draws in SVG: each group's name is an axis label (a long one cut short).
    await page.getByTestId(`chart-${rate}`).locator('svg text', { hasText: '杏花综合执法' }).first().waitFor();
  }
  // No case is resolved yet: the station's resolution bar is labelled 0%.
  await page.getByTestId('chart-resolutionRate').locator('svg text', { hasText: /^0%$/ }).first().waitFor();
  expect(await page.getByTestId('chart-resolutionRate').getAttribute('aria-label')).toMatch(/^解决率图表：杏花综合执法进小区工作站 \d+(\.\d)?%/);
  await screenshot(page, 'dashboard');
  await page.getByText('按成员单位').click();
  await page.getByTestId('chart-responseRate').locator('svg text', { hasText: '公安' }).first().waitFor();
  expect(pageErrors).toEqual([]);
});

test('the main pages have no serious or critical accessibility violation (axe-core)', async () => {
  const caseId = await reportedCase('flying_wire_charging', `无障碍检查 ${Date.now()}`);
  const { page } = await suite.users().open();
  const found: Record<string, string[]> = {};
  await page.getByTestId('dev-only').waitFor();
  found['sign-in'] = await seriousAccessibilityViolations(page);
  await signIn(page, PEOPLE.office);
  await page.getByTestId('chart-responseRate').locator('svg text', { hasText: '杏花综合执法' }).first().waitFor();
  found['dashboard'] = await seriousAccessibilityViolations(page);
  await page.getByRole('menuitem', { name: '案件列表' }).click();
  await page.locator(`tr:has(a[href="/cases/${caseId}"])`).waitFor();
  found['queue'] = await seriousAccessibilityViolations(page);
  await page.goto(`/cases/${caseId}`);
  await page.getByTestId('audit-timeline').getByText('intake.CaseReported.v1').waitFor();
  found['case'] = await seriousAccessibilityViolations(page);
  await page.getByRole('menuitem', { name: '上报问题' }).click();
  await page.getByTestId('report-submit').waitFor();
  found['report'] = await seriousAccessibilityViolations(page);
  expect(found).toEqual({ 'sign-in': [], dashboard: [], queue: [], case: [], report: [] });
});

test('on a phone the navigation folds away and the queue fits the screen', async () => {
  const caseId = await reportedCase('clotheslines_and_litter', `手机查看 ${Date.now()}`);
  const { page } = await suite.users().signedIn(PEOPLE.station, PHONE);
  await page.locator(`tr:has(a[href="/cases/${caseId}"])`).waitFor();
  expect(await page.getByRole('menuitem', { name: '上报问题' }).isVisible()).toBe(false);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await screenshot(page, 'station-queue-phone');
  await page.locator('.ant-layout-sider-zero-width-trigger').click();
  // As a person would, wait for the menu to have slid fully open before tapping an item.
  const siderIs = (open: boolean) =>
    page.waitForFunction((wide) => {
      const sider = (globalThis as unknown as { document: { querySelector(s: string): { getBoundingClientRect(): { width: number } } | null } }).document.querySelector('.ant-layout-sider');
      return sider !== null && (wide ? sider.getBoundingClientRect().width >= 200 : sider.getBoundingClientRect().width === 0);
    }, open);
  await siderIs(true);
  // Each item is a real link: the tap follows its address as any link's does.
  const reportLink = page.getByRole('menuitem', { name: '上报问题' }).getByRole('link', { name: '上报问题' });
  expect(await reportLink.getAttribute('href')).toBe('/report');
  await reportLink.click();
  await page.waitForURL('**/report');
  await page.getByRole('heading', { name: '上报问题' }).waitFor();
  // Having taken the user there, the menu folds away again.
  await siderIs(false);
  await screenshot(page, 'report-form-phone');
});

describe('with a real identity provider configured', () => {
  let issuerSystem: SystemProcess;

  beforeAll(async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    issuerSystem = await SystemProcess.start({ env: { JWT_ISSUER: 'https://id.example.gov.cn', JWT_AUDIENCE: 'urn:four-level-whistle:api', JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString() } });
  }, 60_000);

  afterAll(async () => {
    await issuerSystem?.dispose();
  });

  test('the development sign-in does not exist, and the console says no client of the provider is configured for it', async () => {
    expect((await send(issuerSystem.baseUrl, 'GET', '/api/dev/sign-in')).status).toBe(404);
    expect((await send(issuerSystem.baseUrl, 'POST', '/api/dev/sign-in', { body: { role: 'office' } })).status).toBe(404);
    const { page } = await suite.users().open({ baseUrl: issuerSystem.baseUrl });
    // A pinned key and no OIDC_CLIENT_ID: the API takes the issuer's tokens, the console cannot sign anyone in (see oidc-sign-in.e2e.spec.ts for the sign-in).
    await page.getByTestId('no-sign-in').getByText('控制台尚未接入身份认证服务').waitFor();
    expect(await page.getByTestId('dev-only').count()).toBe(0);
  });
});
