// Quarters (2026-Q4) and ISO weeks (2026-W49) as the supervision API names them, both in Beijing time (+08:00).

const BEIJING_MS = 8 * 3_600_000;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const WEEK = /^(\d{4})-W(\d{2})$/;

export const isQuarter = (value: string | null | undefined): value is string => typeof value === 'string' && QUARTER.test(value);
export const isWeek = (value: string | null | undefined): value is string => typeof value === 'string' && WEEK.test(value);

/** The quarter an instant falls in, in Beijing time. */
export function quarterOf(at: number): string {
  const local = new Date(at + BEIJING_MS);
  return `${local.getUTCFullYear()}-Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
}

/** `[from, to)` of a quarter in Beijing time, as the drill-down takes them. */
export function quarterBounds(quarter: string): { readonly from: string; readonly to: string } {
  const [, y = '0', q = '1'] = QUARTER.exec(quarter) ?? [];
  const year = Number(y);
  const first = Number(q) * 3 - 2;
  const month = (m: number, yy: number) => `${yy}-${String(m).padStart(2, '0')}-01T00:00:00+08:00`;
  return { from: month(first, year), to: first === 10 ? month(1, year + 1) : month(first + 3, year) };
}

/** This quarter and the `count - 1` before it, newest first. */
export function recentQuarters(now: number, count: number): string[] {
  const [year, q] = quarterOf(now).split('-Q').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = year * 4 + (q - 1) - i;
    return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  });
}

/** The quarter after `quarter`. */
export function nextQuarter(quarter: string): string {
  const [year, q] = quarter.split('-Q').map(Number) as [number, number];
  return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
}

/** The ISO week an instant falls in, in Beijing time: its year, number and Monday (a UTC date standing for the Beijing day). */
export function isoWeekOf(at: number): { readonly week: string; readonly monday: Date } {
  const local = new Date(at + BEIJING_MS);
  const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0
  const monday = new Date(day.getTime() - weekday * 86_400_000);
  const thursday = new Date(monday.getTime() + 3 * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const number = Math.floor((thursday.getTime() - yearStart) / (7 * 86_400_000)) + 1;
  return { week: `${thursday.getUTCFullYear()}-W${String(number).padStart(2, '0')}`, monday };
}

/** This week and the `count - 1` before it, newest first, each with its Monday and Sunday (as UTC dates standing for Beijing days). */
export function recentWeeks(now: number, count: number): { readonly week: string; readonly monday: Date; readonly sunday: Date }[] {
  const { monday } = isoWeekOf(now);
  return Array.from({ length: count }, (_, i) => {
    const start = new Date(monday.getTime() - i * 7 * 86_400_000);
    return { week: isoWeekOf(start.getTime() - BEIJING_MS + 12 * 3_600_000).week, monday: start, sunday: new Date(start.getTime() + 6 * 86_400_000) };
  });
}
