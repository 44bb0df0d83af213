import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkingCalendar } from '@whistle/catalogue';
import { ManualClock } from '@whistle/kernel';
import { reloadCalendarOnHangUp } from './working-calendar-reload';

describe('SIGHUP reads the working calendar file again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calendar-reload-'));
  const file = join(dir, 'calendar.json');
  const logged: string[] = [];
  const logger = { info: (m: string) => logged.push(`info ${m}`), warn: (m: string) => logged.push(`warn ${m}`), error: (m: string) => logged.push(`error ${m}`) };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes a year the office added, keeps the calendar in use when the file is wrong, and stops listening when told', () => {
    writeFileSync(file, JSON.stringify({ days: [{ date: '2026-10-09', kind: 'holiday', name: '测试 a correction' }] }));
    const calendar = loadWorkingCalendar(file);
    const stop = reloadCalendarOnHangUp(calendar, file, logger, new ManualClock('2026-12-05T00:00:00.000Z'));
    expect(calendar.isWorkingDay('2026-10-09')).toBe(false);
    expect(calendar.isWorkingDay('2027-10-01')).toBe(true);

    writeFileSync(file, JSON.stringify({ years: [2027], days: [{ date: '2027-10-01', kind: 'holiday', name: '国庆节 (test)' }] }));
    process.emit('SIGHUP', 'SIGHUP');
    expect(calendar.isWorkingDay('2027-10-01')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-09')).toBe(true);
    expect(calendar.uncoveredYears('2026-12-05T00:00:00.000Z')).toEqual([]);
    expect(logged).toEqual([`info the working calendar was read again: chinese-days and WORKING_CALENDAR_FILE=${file}`]);

    writeFileSync(file, '{ "years": [2027], "days": [ }');
    process.emit('SIGHUP', 'SIGHUP');
    expect(calendar.isWorkingDay('2027-10-01')).toBe(false);
    expect(logged[1]).toMatch(new RegExp(`^error WORKING_CALENDAR_FILE=${file} is not a valid working calendar:\\n {2}malformed JSON at line 1, column 30.*\\nthe working calendar in use is kept`, 's'));

    stop();
    writeFileSync(file, JSON.stringify({ days: [{ date: '2027-10-01', kind: 'workday', name: 'x' }] }));
    process.emit('SIGHUP', 'SIGHUP');
    expect(calendar.isWorkingDay('2027-10-01')).toBe(false);
    expect(logged).toHaveLength(2);
  });
});
