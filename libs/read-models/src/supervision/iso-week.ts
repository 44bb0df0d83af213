const WEEK = /^(\d{4})-W(\d{2})$/;
const DAY = 86_400_000;

/** The Monday (as a UTC calendar date at 00:00) of an ISO year's week 1: the week that holds 4 January. */
function firstMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
}

const beijingMidnight = (utcDate: number): string => `${new Date(utcDate).toISOString().slice(0, 10)}T00:00:00+08:00`;

/** Whether a value is an ISO week such as `2026-W49` that the year has (week 53 only in a year with 53 weeks). */
export function isIsoWeek(value: unknown): value is string {
  const match = typeof value === 'string' ? WEEK.exec(value) : null;
  if (!match) return false;
  const year = Number(match[1]);
  const week = Number(match[2]);
  return week >= 1 && firstMonday(year) + (week - 1) * 7 * DAY < firstMonday(year + 1);
}

/**
 * `[from, to)` of an ISO week in Beijing time (+08:00): Monday 00:00 to the next Monday 00:00, as
 * ISO-8601 instants with that offset, as `quarterBounds` gives a quarter's.
 */
export function weekBounds(week: string): { readonly from: string; readonly to: string } {
  if (!isIsoWeek(week)) throw new RangeError(`"${week}" is not an ISO week such as 2026-W49`);
  const [year, number] = week.split('-W').map(Number) as [number, number];
  const monday = firstMonday(year) + (number - 1) * 7 * DAY;
  return { from: beijingMidnight(monday), to: beijingMidnight(monday + 7 * DAY) };
}
