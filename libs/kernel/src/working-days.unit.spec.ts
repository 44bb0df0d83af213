import { addDeadline, addWorkingDays, isCalendarDate, isDeadlineDuration, shanghaiDate, WEEKENDS_ONLY, workingCalendar, workingDaysOf } from './working-days';
import { CHINA_2026 } from './testing';

describe('working days', () => {
  it('reads P<n>WD as working days and nothing else', () => {
    expect(workingDaysOf('P5WD')).toBe(5);
    expect(workingDaysOf('P0WD')).toBe(0);
    expect(workingDaysOf('P5D')).toBeUndefined();
    expect(workingDaysOf('P1.5WD')).toBeUndefined();
    expect(workingDaysOf('P5WDT1H')).toBeUndefined();
    expect(isDeadlineDuration('P5WD')).toBe(true);
    expect(isDeadlineDuration('PT30M')).toBe(true);
    expect(isDeadlineDuration('5 working days')).toBe(false);
    expect(isDeadlineDuration(5)).toBe(false);
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-2-28')).toBe(false);
  });

  it('dates an instant in Asia/Shanghai (UTC+8)', () => {
    expect(shanghaiDate('2026-09-30T15:59:59Z')).toBe('2026-09-30');
    expect(shanghaiDate('2026-09-30T16:00:00Z')).toBe('2026-10-01');
  });

  it('counts from the day after, to the midnight ending the last day (民法典 art. 201, 203)', () => {
    // Monday 10:00 in Shanghai: one working day is the whole of Tuesday
    expect(addWorkingDays('2026-03-02T10:00:00+08:00', 1, WEEKENDS_ONLY)).toBe('2026-03-03T16:00:00.000Z');
    // Friday evening: Saturday and Sunday are off
    expect(addWorkingDays('2026-03-06T21:00:00+08:00', 1, WEEKENDS_ONLY)).toBe('2026-03-09T16:00:00.000Z');
    expect(addWorkingDays('2026-03-06T21:00:00+08:00', 0, WEEKENDS_ONLY)).toBe('2026-03-06T13:00:00.000Z');
  });

  it('follows the listed holidays and make-up days over the weekend rule', () => {
    expect(addWorkingDays('2026-02-12T10:00:00+08:00', 3, CHINA_2026)).toBe('2026-02-24T16:00:00.000Z');
    expect(addWorkingDays('2026-02-13T20:00:00+08:00', 1, CHINA_2026)).toBe('2026-02-14T16:00:00.000Z');
    expect(addDeadline('2026-09-30T10:00:00+08:00', 'P3WD', CHINA_2026)).toBe('2026-10-10T16:00:00.000Z');
    expect(addDeadline('2026-09-30T10:00:00+08:00', 'PT2H', CHINA_2026)).toBe('2026-09-30T04:00:00.000Z');
  });

  it('refuses a fraction of a day and a calendar with no working day at all', () => {
    expect(() => addWorkingDays('2026-03-02T10:00:00+08:00', 1.5, WEEKENDS_ONLY)).toThrow(RangeError);
    const never = { isWorkingDay: () => false };
    expect(() => addWorkingDays('2026-03-02T10:00:00+08:00', 1, never)).toThrow(/no working day after/);
    expect(workingCalendar(new Map([['2026-03-07', 'workday']])).isWorkingDay('2026-03-07')).toBe(true);
  });
});
