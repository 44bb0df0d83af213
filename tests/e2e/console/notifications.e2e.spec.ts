import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { freePort } from '@whistle/deployment';
import { CaseSteps } from '../support/case-steps';
import { SystemProcess } from '../support/system-process';
import { WebhookReceiver } from '../support/webhook-receiver';
import { PEOPLE, screenshot, seriousAccessibilityViolations } from './browser';
import { consoleSuite } from './console-suite';

// The notifications page (通知投递) in Debian's Chromium: a whistle's summons delivered to one
// unit's receiver and dead-lettered at another's that answers 503, shown live without a reload;
// the office tries the dead one again once its receiver is back; a unit sees only its own.
jest.setTimeout(180_000);

const receivers: WebhookReceiver[] = [];
const suite = consoleSuite({
  start: async () => {
    const jiaojing = new WebhookReceiver(await freePort(), 'jiaojing-console-secret-01');
    const xiaofang = new WebhookReceiver(await freePort(), 'xiaofang-console-secret-02');
    jiaojing.status = 503;
    await jiaojing.listen();
    await xiaofang.listen();
    receivers.push(jiaojing, xiaofang);
    const secretsFile = join(mkdtempSync(join(tmpdir(), 'webhook-secrets-')), 'secrets.json');
    writeFileSync(secretsFile, JSON.stringify({ jiaojing: 'jiaojing-console-secret-01', xiaofang: 'xiaofang-console-secret-02' }));
    return SystemProcess.start({
      catalogue: { webhooks: { 'unit-jiaojing': { url: jiaojing.url, secretRef: 'jiaojing' }, 'unit-xiaofang': { url: xiaofang.url, secretRef: 'xiaofang' } } },
      env: { WEBHOOK_SECRETS_FILE: secretsFile, SCHEDULER_TICK_MS: '200', NOTIFY_RETRY_ATTEMPTS: '2', NOTIFY_RETRY_INITIAL_MS: '300', NOTIFY_RETRY_MAX_MS: '600' },
    });
  },
});
afterAll(async () => {
  for (const receiver of receivers) await receiver.stop();
});

const row = (page: Page, unitName: string) => page.getByTestId('notification-list').locator('tr.ant-table-row', { hasText: unitName });

it('shows each delivery live, its tries, and lets the office try a dead letter again; a unit sees only its own', async () => {
  const steps = new CaseSteps(suite.system().baseUrl);
  const caseId = await steps.report('fire_lane_blocked', 'compound-xinghua-1');
  await steps.whistle(caseId, { level: 2 });

  const { page, pageErrors } = await suite.consoleAs(PEOPLE.office);
  await page.getByRole('menuitem', { name: '通知投递' }).click();
  await page.getByRole('heading', { name: '通知投递', level: 1 }).waitFor();

  // No reload: the page polls, and the statuses move on by themselves.
  await row(page, '消防救援站').getByText('已送达').waitFor({ timeout: 20_000 });
  await row(page, '交警大队').getByText('死信').waitFor({ timeout: 20_000 });
  await row(page, '交警大队').locator('.ant-table-row-expand-icon').click();
  const attempts = page.getByTestId('notification-attempts');
  await attempts.getByText(/第 1 次 .* 失败 · HTTP 503/).waitFor();
  await attempts.getByText(/第 2 次 .* 失败 · HTTP 503/).waitFor();
  await screenshot(page, 'notifications-dead-letter');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  // The receiver is back: the office tries the dead letter again, and it shows delivered.
  receivers[0]!.status = 200;
  await row(page, '交警大队').getByRole('button', { name: '重新投递' }).click();
  await row(page, '交警大队').getByText('已送达').waitFor({ timeout: 20_000 });
  expect(receivers[0]!.accepted()).toHaveLength(1);

  // Filtered by status, in English.
  await page.getByTestId('language-switch').getByText('English').click();
  await page.getByRole('heading', { name: 'Notifications and their delivery', level: 1 }).waitFor();
  await page.goto(`${suite.system().baseUrl}/notifications?status=dead`);
  await page.getByText('No notifications').waitFor();
  await page.getByTestId('language-switch').getByText('中文').click();
  expect(pageErrors).toEqual([]);

  const unit = await suite.consoleAs(PEOPLE.unit('交警大队'));
  await unit.page.goto(`${suite.system().baseUrl}/notifications`);
  await row(unit.page, '交警大队').getByText('已送达').waitFor({ timeout: 20_000 });
  expect(await unit.page.getByTestId('notification-list').locator('tr.ant-table-row').count()).toBe(1);
  expect(unit.pageErrors).toEqual([]);
});
