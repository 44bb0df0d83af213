export type CalendarUnit = 'day' | 'week' | 'month';
export const CALENDAR_UNITS: readonly CalendarUnit[] = ['day', 'week', 'month'];

const DAY = 86_400_000;

/** The offset an ISO-8601 instant is written in, in minutes east of UTC (`Z`: 0). */
export function offsetMinutesOf(instant: string): number {
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(instant);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * `[from, to)` cut at the calendar's days, weeks (from Monday) or months as they are where `from`
 * was written (its offset: `+08:00` is Beijing time): the UTC instants `from`, each boundary
 * between, and `to`. The first and last intervals may be partial.
 */
export function calendarBounds(from: string, to: string, unit: CalendarUnit): string[] {
  const offset = offsetMinutesOf(from) * 60_000;
  const start = Date.parse(from);
  const end = Date.parse(to);
  const bounds = [start];
  for (let local = nextBoundary(start + offset, unit); local - offset < end; local = nextBoundary(local, unit)) bounds.push(local - offset);
  bounds.push(end);
  return bounds.map((ms) => new Date(ms).toISOString());
}

/** How many intervals `calendarBounds` would give, without making them. */
export function calendarIntervals(from: string, to: string, unit: CalendarUnit): number {
  const days = (Date.parse(to) - Date.parse(from)) / DAY;
  return Math.ceil(unit === 'day' ? days : unit === 'week' ? days / 7 : days / 28) + 1;
}

/** The first boundary after `local` (milliseconds of a wall clock written as UTC). */
function nextBoundary(local: number, unit: CalendarUnit): number {
  const date = new Date(local);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  switch (unit) {
    case 'day':
      return midnight + DAY;
    case 'week':
      // getUTCDay: Sunday 0; the week begins on Monday.
      return midnight + (7 - ((date.getUTCDay() + 6) % 7)) * DAY;
    case 'month':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  }
}
