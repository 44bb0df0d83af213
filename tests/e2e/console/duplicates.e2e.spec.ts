import { CaseSteps } from '../support/case-steps';
import { PEOPLE, choose, screenshot, seriousAccessibilityViolations } from './browser';
import { consoleSuite } from './console-suite';

// Duplicates by hand on the case page (重复上报与合并), in Debian's Chromium against the system
// started by its own start command: the station links a case to another of its compound with a
// reason, undoes the link, then merges it; each case's page shows the other, in Chinese and English.
jest.setTimeout(240_000);

const { system, consoleAs } = consoleSuite();

test('the station links a case as a duplicate with a reason, undoes it, merges it, and both pages show the other', async () => {
  const steps = new CaseSteps(system().baseUrl);
  const primary = await steps.report('fire_lane_blocked');
  const other = await steps.report('common_area_clutter');
  const { page, pageErrors } = await consoleAs(PEOPLE.station);
  await page.goto(`${system().baseUrl}/cases/${other}`);
  const card = page.getByTestId('duplicate-links');

  // No reason: the form says so and nothing is linked.
  await card.getByTestId('duplicate-links-link').click();
  await choose(page, 'duplicate-links-target', primary.slice(0, 8));
  await page.getByTestId('duplicate-links-submit').click();
  await page.getByText('请填写原因').waitFor();
  await page.getByTestId('duplicate-links-reason').fill('同一辆车堵在消防通道，杂物为其所卸');
  // The form's message fades out once a reason is typed: checked after it has gone, not while half-transparent.
  await page.getByText('请填写原因').waitFor({ state: 'detached' });
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByTestId('duplicate-links-submit').click();
  await page.getByTestId('case-status').getByText('重复上报').waitFor();
  await card.getByTestId('duplicate-links-primary').getByText(primary).waitFor();
  await screenshot(page, 'duplicate-linked-by-hand');

  // Undone with a reason: the case is triaged as a case of its own again.
  await page.getByTestId('duplicate-reason').fill('核实后不是同一问题');
  await page.getByRole('button', { name: '不是重复，作为新案件处理' }).click();
  await page.getByTestId('case-status').getByText('待吹哨').waitFor();

  // Merged, for good: the page says into which case, and no link or merge is offered any more.
  await card.getByTestId('duplicate-links-merge').click();
  await choose(page, 'duplicate-links-target', primary.slice(0, 8));
  await page.getByTestId('duplicate-links-reason').fill('两次上报为同一处问题，一并处理');
  await page.getByTestId('duplicate-links-submit').click();
  await page.getByTestId('case-status').getByText('已合并').waitFor();
  await card.getByText('已合并到').waitFor();
  expect(await card.getByTestId('duplicate-links-merge').count()).toBe(0);

  // The primary's page lists the merged case.
  await page.goto(`${system().baseUrl}/cases/${primary}`);
  await page.getByTestId('duplicate-links-linked').getByText(other.slice(0, 8)).waitFor();
  await page.getByTestId('duplicate-links-linked').getByText('已合并').waitFor();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'duplicate-primary-lists-merged');

  // The office's audit trail on the merged case gives each step with its reason.
  const office = await consoleAs(PEOPLE.office);
  await office.page.goto(`${system().baseUrl}/cases/${other}`);
  const audit = office.page.getByTestId('audit-timeline');
  await audit.getByText('原因：同一辆车堵在消防通道，杂物为其所卸').waitFor();
  await audit.getByText('原因：核实后不是同一问题').waitFor();
  await audit.getByText('原因：两次上报为同一处问题，一并处理').waitFor();

  await page.getByTestId('language-switch').getByText('English').click();
  await page.getByTestId('duplicate-links').getByText('Cases linked or merged into this one').waitFor();
  expect(pageErrors).toEqual([]);
  expect(office.pageErrors).toEqual([]);
});
