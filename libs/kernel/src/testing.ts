/**
 * Given/when/then for deciders and workflows, with no mocks: given recorded events, when a
 * command (or input) arrives, then these events, or a refusal with its code and reason.
 */
import { CommandRefused, InvalidCommand } from './errors';
import { fold, type Decider } from './decider';

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
