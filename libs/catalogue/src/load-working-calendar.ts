import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isCalendarDate } from '@whistle/kernel';
import { CatalogueError } from './catalogue-error';
import { formatProblem, type CatalogueProblem } from './catalogue-problem';
import { readJsonFile } from './read-json-file';
import { childPath, describe, ProblemList } from './json-checks';
import { OfficeCalendar, type ListedDay } from './office-calendar';

/** The setting naming the office's calendar file. */
export const WORKING_CALENDAR_SETTING = 'WORKING_CALENDAR_FILE';

const FILE_KEYS = ['note', 'years', 'days'];
const DAY_KEYS = ['date', 'kind', 'name'];

/** The published schedules (国务院办公厅 notices) as the `chinese-days` package ships them: `date → "English,中文,n"`. */
interface ChineseDays {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

let published: { readonly days: ReadonlyMap<string, ListedDay>; readonly years: ReadonlySet<number> } | undefined;

/** The package's days, read once per process (every simulated world of the tests asks for them). */
function packageDays(): { days: Map<string, ListedDay>; years: Set<number> } {
  published ??= readPackage();
  return { days: new Map(published.days), years: new Set(published.years) };
}

function readPackage(): { days: Map<string, ListedDay>; years: Set<number> } {
  const data = JSON.parse(readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8')) as ChineseDays;
  const days = new Map<string, ListedDay>();
  const years = new Set<number>();
  const nameOf = (text: string) => {
    const [en, zh] = text.split(',');
    return zh ? `${zh} ${en}` : text;
  };
  // A year counts as covered once the package lists its holidays: every published schedule has some.
  for (const [date, text] of Object.entries(data.holidays)) {
    days.set(date, { kind: 'holiday', name: nameOf(text) });
    years.add(Number(date.slice(0, 4)));
  }
  for (const [date, text] of Object.entries(data.workdays)) days.set(date, { kind: 'workday', name: nameOf(text) });
  return { days, years };
}

/**
 * The working calendar: `chinese-days`, with `file` (the `WORKING_CALENDAR_FILE` setting) over it
 * when given. Throws a `CatalogueError` naming the setting and every wrong entry (its index and
 * date), or the line of a JSON syntax error, so that a service refuses to start on a bad file.
 */
export function loadWorkingCalendar(file?: string): OfficeCalendar {
  const { days, years } = packageDays();
  if (!file) return new OfficeCalendar(days, years, 'chinese-days');
  const path = resolve(file);
  const source = `${WORKING_CALENDAR_SETTING}=${file}${path === file ? '' : ` (${path})`}`;
  const fail = (problems: readonly CatalogueProblem[]): never => {
    const lines = problems.map((problem) => `  ${formatProblem(problem)}`).join('\n');
    throw new CatalogueError(path, problems, `${source} is not a valid working calendar:\n${lines}`);
  };

  const read = readJsonFile(path);
  if ('problem' in read) return fail([{ path: '', message: read.problem }]);
  const { value } = read;

  const problems = new ProblemList();
  const root = problems.object(value, '', FILE_KEYS);
  const fileYears = root ? yearsOf(problems, root['years']) : [];
  const fileDays = root ? daysOf(problems, root['days']) : [];
  if (problems.problems.length > 0) return fail(problems.problems);
  for (const year of fileYears) years.add(year);
  for (const [date, day] of fileDays) days.set(date, day);
  return new OfficeCalendar(days, years, `chinese-days and ${source}`);
}

function yearsOf(problems: ProblemList, value: unknown): number[] {
  // A file may only correct a few dates; a year is covered when the file says it gives all of it.
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add('years', `must be an array of the years the file gives every holiday and make-up day of, got ${describe(value)}`);
    return [];
  }
  const years: number[] = [];
  value.forEach((year, index) => {
    if (typeof year === 'number' && Number.isInteger(year) && year >= 1949 && year <= 9999) years.push(year);
    else problems.add(childPath('years', index), `must be a year such as 2027, got ${describe(year)}`);
  });
  return years;
}

function daysOf(problems: ProblemList, value: unknown): [string, ListedDay][] {
  const list = problems.list(value, 'days', 'day');
  const days: [string, ListedDay][] = [];
  const seen = new Map<string, string>();
  (list ?? []).forEach((element, index) => {
    const path = childPath('days', index);
    const entry = problems.object(element, path, DAY_KEYS);
    if (!entry) return;
    const date = entry['date'];
    // The date names the entry in every message, as the office looks it up by date.
    const at = isCalendarDate(date) ? `${path} (${date})` : path;
    if (!problems.present(date, childPath(path, 'date'))) return;
    if (!isCalendarDate(date)) {
      problems.add(childPath(path, 'date'), `must be a date written YYYY-MM-DD, got ${describe(date)}`);
      return;
    }
    const earlier = seen.get(date);
    if (earlier !== undefined) problems.add(at, `${date} is listed twice (also ${earlier})`);
    seen.set(date, path);
    const kind = entry['kind'];
    if (kind !== 'holiday' && kind !== 'workday') {
      problems.add(`${at}.kind`, `must be "holiday" (a day off) or "workday" (a make-up working day, 调休), got ${describe(kind)}`);
    }
    const name = problems.text(entry['name'], `${at}.name`);
    if ((kind === 'holiday' || kind === 'workday') && name !== undefined) days.push([date, { kind, name }]);
  });
  return days;
}
