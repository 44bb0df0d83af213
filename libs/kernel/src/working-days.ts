import { addDuration, isDuration, toMillis } from './time';

/**
 * Working days (工作日): deadlines the catalogue writes as `P<n>WD` count the days an office works
 * in China, where statutory holidays (法定节假日) close weekdays and make-up working days (调休)
 * open weekends. Which day is which comes in as a calendar, never from a clock or a file here.
 */

/** A date the calendar lists: a holiday on a weekday or a make-up working day on a weekend. */
export type CalendarDayKind = 'holiday' | 'workday';

/** Whether a date (`YYYY-MM-DD`, in Asia/Shanghai) is a working day. A pure function of the date. */
export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WORKING_DAYS = /^P(\d+)WD$/;
const DAY_MS = 86_400_000;
// China has kept UTC+8 without daylight saving since 1991, so Asia/Shanghai is a fixed offset.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** A real calendar date written `YYYY-MM-DD` (no 2026-02-30). */
export function isCalendarDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const m = DATE.exec(text);
  if (!m) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === text;
}

/** Saturday and Sunday off, every other day worked: the rule a date no calendar lists follows. */
export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** A calendar from the dates it lists; every other date is a working day unless a weekend. */
export function workingCalendar(listed: ReadonlyMap<string, CalendarDayKind>): WorkingCalendar {
  return {
    isWorkingDay(date: string): boolean {
      const kind = listed.get(date);
      return kind === undefined ? !isWeekend(date) : kind === 'workday';
    },
  };
}

/** Weekends off and nothing else: what a year no calendar covers falls back to. */
export const WEEKENDS_ONLY: WorkingCalendar = workingCalendar(new Map());

/** The date in Asia/Shanghai at an instant. */
export function shanghaiDate(instant: string): string {
  return new Date(toMillis(instant) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** `P5WD` is five working days; undefined for anything else. */
export function workingDaysOf(text: string): number | undefined {
  const m = WORKING_DAYS.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** A deadline's length as the catalogue may write it: on the clock (`PT30M`, `P3D`) or in working days (`P3WD`). */
export function isDeadlineDuration(text: unknown): text is string {
  return typeof text === 'string' && (workingDaysOf(text) !== undefined || isDuration(text));
}

/**
 * The end of the `days`-th working day after the date of `instant` in Asia/Shanghai, as an ISO
 * instant. As a period counted in days in Chinese law (民法典 art. 201, 203), the starting day is
 * not counted and the last day runs to its midnight (二十四时): a case filed on Friday evening or
 * on a holiday has its first working day on the next one. Zero days is the instant itself.
 */
export function addWorkingDays(instant: string, days: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`${days} is not a whole number of working days`);
  if (days === 0) return new Date(toMillis(instant)).toISOString();
  let date = shanghaiDate(instant);
  // No real calendar goes a year without a working day; one that does is broken, not slow.
  for (let counted = 0, walked = 0; counted < days; walked += 1) {
    if (walked > days * 7 + 366) throw new RangeError(`the working calendar has no working day after ${date}`);
    date = nextDate(date);
    if (calendar.isWorkingDay(date)) counted += 1;
  }
  return new Date(Date.parse(`${nextDate(date)}T00:00:00Z`) - SHANGHAI_OFFSET_MS).toISOString();
}

/** `instant` plus a deadline's length: working days through the calendar, anything else on the clock. */
export function addDeadline(instant: string, duration: string, calendar: WorkingCalendar): string {
  const days = workingDaysOf(duration);
  return days === undefined ? addDuration(instant, duration) : addWorkingDays(instant, days, calendar);
}
