import { shanghaiDate, workingCalendar, type CalendarDayKind, type WorkingCalendar } from '@whistle/kernel';

/** How far ahead the calendar must know the year: past the longest working-day deadline a catalogue may set (MAX_WORKING_DAYS) with its holidays. */
export const COVERAGE_HORIZON_DAYS = 90;

/**
 * The longest deadline the catalogue may count in working days: 45 of them are 9 weeks, and with
 * the longest run of holidays in any 90 days (Spring Festival's, about 9 days) they still end
 * within the horizon the coverage check looks ahead, so no deadline ends in a year it did not check.
 */
export const MAX_WORKING_DAYS = 45;

/** A day the office calendar lists, with the holiday or make-up day it belongs to. */
export interface ListedDay {
  readonly kind: CalendarDayKind;
  readonly name: string;
}

/**
 * The working calendar the services pass to the deciders: the statutory holidays and make-up days
 * of the `chinese-days` package with the office's calendar file laid over them (the file wins on a
 * date both list), and the years either covers. A date of a year neither covers counts weekends
 * only, and `uncoveredYears` makes that visible (a warning at start, attention on /api/ready).
 */
export class OfficeCalendar implements WorkingCalendar {
  private calendar: WorkingCalendar;

  constructor(
    private days: ReadonlyMap<string, ListedDay>,
    private years: ReadonlySet<number>,
    /** where the calendar came from, for messages */
    private from: string,
  ) {
    this.calendar = workingCalendar(new Map([...days].map(([date, day]) => [date, day.kind])));
  }

  get coveredYears(): ReadonlySet<number> {
    return this.years;
  }

  get source(): string {
    return this.from;
  }

  /**
   * Takes the days of a calendar read again (SIGHUP) in one step. A decider reads the calendar
   * within one synchronous call, and the due times it set are in its events, never recomputed:
   * a new calendar applies to deadlines set from now on.
   */
  replaceWith(other: OfficeCalendar): void {
    this.days = other.days;
    this.years = other.years;
    this.from = other.from;
    this.calendar = other.calendar;
  }

  isWorkingDay(date: string): boolean {
    return this.calendar.isWorkingDay(date);
  }

  /** The holiday or make-up day a date is, when the calendar lists it. */
  day(date: string): ListedDay | undefined {
    return this.days.get(date);
  }

  /** The years from `now` to the horizon (dates in Asia/Shanghai) the calendar does not cover. */
  uncoveredYears(now: string, horizonDays = COVERAGE_HORIZON_DAYS): number[] {
    const first = Number(shanghaiDate(now).slice(0, 4));
    const last = Number(shanghaiDate(new Date(Date.parse(now) + horizonDays * 86_400_000).toISOString()).slice(0, 4));
    const years: number[] = [];
    for (let year = first; year <= last; year++) if (!this.coveredYears.has(year)) years.push(year);
    return years;
  }

  /** What to tell whoever runs the system when a year ahead is not covered; undefined when all is known. */
  coverageWarning(now: string): string | undefined {
    const years = this.uncoveredYears(now);
    if (years.length === 0) return undefined;
    return (
      `the working calendar (${this.source}) does not cover ${years.join(', ')}: deadlines in working days that end there count ` +
      `weekends only, without that year's holidays and make-up days; add them to WORKING_CALENDAR_FILE`
    );
  }

  /** A readiness check: attention while a year ahead is not covered (the service still works). */
  readiness(now: string): { attention: string } | undefined {
    const warning = this.coverageWarning(now);
    return warning === undefined ? undefined : { attention: warning };
  }
}
