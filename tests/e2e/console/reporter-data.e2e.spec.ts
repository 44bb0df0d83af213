import { CaseSteps } from '../support/case-steps';
import { PEOPLE, screenshot, seriousAccessibilityViolations } from './browser';
import { consoleSuite } from './console-suite';

// The office erases a reporter's personal data (个人信息删除) on the case page, in Debian's
// Chromium against the system started by its own start command: a reason, a confirmation, and
// then the page says who erased it, when and why, in Chinese and in English.
jest.setTimeout(180_000);

const { system, consoleAs } = consoleSuite();

test('the office reads the reporter in full with a reason, which the auditor sees listed, erases the data with a reason after confirming, and the page says so', async () => {
  const steps = new CaseSteps(system().baseUrl);
  const caseId = await steps.report('late_night_noise', 'compound-xinghua-1', { reporter: { name: '张三', phone: '13812345678' } });
  const { page, pageErrors } = await consoleAs(PEOPLE.office);
  await page.goto(`${system().baseUrl}/cases/${caseId}`);
  const card = page.getByTestId('reporter-data');
  // What the page asks of the reporter endpoints: the full read is a POST with the reason in its body, sent once per reason given.
  const reporterCalls: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname + new URL(request.url()).search;
    if (path.startsWith(`/api/intake/cases/${caseId}/reporter`)) reporterCalls.push(`${request.method()} ${path}${request.postData() ? ` ${request.postData()}` : ''}`);
  });
  // Masked until the office says why; the full read is recorded first, and the auditor's page lists it.
  await card.getByTestId('reporter-details').getByText('张* · 138****5678').waitFor();
  await card.getByTestId('reveal-reporter').click();
  await card.getByText('请填写查阅事由').waitFor();
  await card.getByTestId('reveal-reason').fill('核实删除申请人身份');
  await card.getByTestId('reveal-reporter').click();
  await card.getByTestId('reporter-details').getByText('张三 · 13812345678').waitFor();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  // Rendered again in English: still in full, and no second access recorded.
  await page.getByTestId('language-switch').getByText('English').click();
  await card.getByTestId('reporter-details').getByText('张三 · 13812345678').waitFor();
  await page.getByTestId('language-switch').getByText('中文').click();
  expect(reporterCalls.filter((c) => !c.startsWith('GET ') || c.includes('reason'))).toEqual([`POST /api/intake/cases/${caseId}/reporter/disclosures {"reason":"核实删除申请人身份"}`]);
  expect(reporterCalls.filter((c) => c.startsWith('GET ')).length).toBeGreaterThan(0);
  const auditor = await consoleAs(PEOPLE.auditor);
  await auditor.page.goto(`${system().baseUrl}/audit/cases/${caseId}`);
  const accesses = auditor.page.getByTestId('personal-data-accesses');
  await accesses.getByText('核实删除申请人身份').waitFor();
  await accesses.getByText(/联席会议办公室 \(dev-office\)/).waitFor();
  await screenshot(auditor.page, 'reporter-data-accesses');

  // No reason: the form says so and nothing is erased.
  await card.getByTestId('erase-reporter-data').click();
  await page.getByRole('button', { name: '确定删除' }).click();
  await card.getByText('请填写删除原因').waitFor();

  await card.getByTestId('erasure-reason').fill('报告人来电申请删除个人信息');
  // The form's message fades out once a reason is typed: checked after it has gone, not while half-transparent.
  await card.getByText('请填写删除原因').waitFor({ state: 'detached' });
  await card.getByTestId('erase-reporter-data').click();
  await page.getByRole('button', { name: '确定删除' }).waitFor();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: '确定删除' }).click();
  await card.getByTestId('reporter-erased').getByText(/^已于 .+ 由 联席会议办公室 \(dev-office\) 删除。原因：报告人来电申请删除个人信息$/).waitFor();
  await page.getByTestId('case-timeline').getByText('反映人个人信息已删除：报告人来电申请删除个人信息').waitFor();
  await page.getByTestId('audit-timeline').getByText('intake.ReporterDataErased.v1').waitFor();
  expect(await card.getByTestId('erase-reporter-data').count()).toBe(0);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'reporter-data-erased');

  await page.getByTestId('language-switch').getByText('English').click();
  await card.getByTestId('reporter-erased').getByText(/^Erased at .+ Reason: 报告人来电申请删除个人信息$/).waitFor();
  expect(pageErrors).toEqual([]);
});
