/**
 * Given/when/then for deciders and workflows, with no mocks: given recorded events, when a
 * command (or input) arrives, then these events, or a refusal with its code and reason.
 */
import { CommandRefused, InvalidCommand } from './errors';
import { fold, type Decider } from './decider';
import { workingCalendar, type CalendarDayKind, type WorkingCalendar } from './working-days';

export interface DeciderSpec<C, E, S> {
  given(...events: E[]): {
    when(command: C): {
      then(...expected: E[]): void;
      thenNothing(): void;
      thenRefused(code: string, reason?: string | RegExp): void;
      thenInvalid(field: string, reason?: string | RegExp): void;
      events(): E[];
    };
    state(): S;
  };
}

export function specFor<C, E, S>(decider: Decider<C, E, S>): DeciderSpec<C, E, S> {
  return {
    given: (...history: E[]) => {
      const state = () => fold(decider, history);
      const run = (command: C) => decider.decide(command, state());
      return {
        state,
        when: (command: C) => ({
          events: () => run(command),
          then: (...expected: E[]) => expect(run(command)).toEqual(expected),
          thenNothing: () => expect(run(command)).toEqual([]),
          thenRefused: (code: string, reason?: string | RegExp) => {
            const error = caught(() => run(command));
            expect(error).toBeInstanceOf(CommandRefused);
            expect((error as CommandRefused).code).toBe(code);
            if (reason !== undefined) expect((error as CommandRefused).message).toMatch(reason);
          },
          thenInvalid: (field: string, reason?: string | RegExp) => {
            const error = caught(() => run(command));
            expect(error).toBeInstanceOf(InvalidCommand);
            expect((error as InvalidCommand).field).toBe(field);
            if (reason !== undefined) expect((error as InvalidCommand).message).toMatch(reason);
          },
        }),
      };
    },
  };
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the command to be refused, but it was decided');
}

/** Every date from `first` to `last` (YYYY-MM-DD), both included. */
function datesFrom(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let ms = Date.parse(`${first}T00:00:00Z`); ms <= Date.parse(`${last}T00:00:00Z`); ms += 86_400_000) dates.push(new Date(ms).toISOString().slice(0, 10));
  return dates;
}

/**
 * China's 2026 holidays and make-up working days (调休) as the State Council published them and
 * `chinese-days` lists them, for the pure layers' tests (the catalogue's spec checks the two agree).
 */
export const CHINA_2026_DAYS: ReadonlyMap<string, CalendarDayKind> = new Map<string, CalendarDayKind>([
  ...[
    ['2026-01-01', '2026-01-03'], // 元旦
    ['2026-02-15', '2026-02-23'], // 春节
    ['2026-04-04', '2026-04-06'], // 清明
    ['2026-05-01', '2026-05-05'], // 劳动节
    ['2026-06-19', '2026-06-21'], // 端午
    ['2026-09-25', '2026-09-27'], // 中秋
    ['2026-10-01', '2026-10-07'], // 国庆节
  ].flatMap(([first, last]) => datesFrom(first!, last!).map((date) => [date, 'holiday'] as const)),
  ...['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'].map((date) => [date, 'workday'] as const),
]);

export const CHINA_2026: WorkingCalendar = workingCalendar(CHINA_2026_DAYS);
