import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, loadHttpSettings } from '@whistle/deployment';
import { ManualClock, uuidIds } from '@whistle/kernel';
import { startEmbeddedSystem, type EmbeddedSystem } from '../../services/embedded/src/embedded-system';
import { ApiClient, roles } from './support/api-client';
import { CaseSteps } from './support/case-steps';

/**
 * Deadlines in days count working days through the public API: the embedded system runs on a
 * clock set to the eve of National Day 2026 (Wednesday 30 September, 10:00 in Shanghai) with the
 * bundled catalogue, whose day deadlines say P<n>WD, and the case views show when they are due.
 */
jest.setTimeout(60_000);

const EVE_OF_NATIONAL_DAY = '2026-09-30T02:00:00.000Z';

let dir: string;
let system: EmbeddedSystem;
let steps: CaseSteps;
const clock = new ManualClock(EVE_OF_NATIONAL_DAY);

async function start(env: Record<string, string>): Promise<{ system: EmbeddedSystem; baseUrl: string }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(dir, 'data-'));
  // A long tick: no deadline fires by itself while the test moves the clock.
  const settings = loadHttpSettings(port, { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'silent', SCHEDULER_TICK_MS: '60000', ...env });
  return { system: await startEmbeddedSystem(settings, { clock, ids: uuidIds }), baseUrl: `http://127.0.0.1:${port}` };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'whistle-workdays-'));
  const started = await start({});
  system = started.system;
  steps = new CaseSteps(started.baseUrl);
});

afterAll(async () => {
  await system?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a level-1 activity due in three working days is due at the end of the make-up Saturday, 10 October, in the case view', async () => {
  const caseId = await steps.report('fire_theft_publicity');
  const whistleId = await steps.whistle(caseId, { level: 1 });
  const view = await steps.waitFor(caseId, (v) => v.deadlines.some((d: any) => d.kind === 'activity'), 'waits for its activity');
  // 1–7 October are off; 8, 9 and the make-up Saturday 10 October are the three working days, to midnight in Shanghai.
  expect(view.deadlines).toEqual([{ kind: 'activity', dueAt: '2026-10-10T16:00:00.000Z', overdue: false, whistleId }]);
});

it('a level-4 case is to be tabled within seven working days: by the end of 15 October', async () => {
  const caseId = await steps.report('existing_illegal_building');
  await steps.whistle(caseId, { level: 4 });
  const view = await steps.waitFor(caseId, (v) => v.deadlines.some((d: any) => d.kind === 'tabling'), 'waits to be tabled');
  expect(view.deadlines.find((d: any) => d.kind === 'tabling')).toEqual({ kind: 'tabling', dueAt: '2026-10-15T16:00:00.000Z', overdue: false });
});

it('/api/ready calls for attention once a year ahead is not covered by the calendar, and stays ready', async () => {
  const ready = () => new ApiClient(steps.baseUrl, roles.office()).get('/api/ready');
  const before = await ready();
  expect(before.status).toBe(200);
  expect(before.body.checks['working-calendar']).toBe('ok');
  clock.set('2026-12-05T02:00:00.000Z');
  const after = await ready();
  expect(after.status).toBe(200);
  expect(after.body).toMatchObject({ status: 'ready', attention: ['working-calendar'] });
  expect(after.body.checks['working-calendar']).toMatch(/^attention: the working calendar \(chinese-days\) does not cover 2027: .*weekends only.*WORKING_CALENDAR_FILE/);
});

it('a malformed working calendar file stops the start, naming the setting and the entry', async () => {
  const file = join(dir, 'calendar.json');
  writeFileSync(file, JSON.stringify({ years: [2027], days: [{ date: '2027-10-01', kind: 'day off', name: '国庆节' }] }));
  await expect(start({ WORKING_CALENDAR_FILE: file })).rejects.toThrow(
    `WORKING_CALENDAR_FILE=${file} is not a valid working calendar:\n  days[0] (2027-10-01).kind: must be "holiday" (a day off) or "workday" (a make-up working day, 调休), got "day off"`,
  );
});
