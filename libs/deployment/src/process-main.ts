import { ConfigError } from '@whistle/config';

/** How to stop what a program started; resolved once everything is closed. */
export type StopProgram = () => Promise<void>;

/** A failure as an operator should read it: a configuration error by its message alone, anything else with its stack. */
function failureText(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * Runs a command-line program (a service, the embedded system, the launcher, the rebuild). A
 * failure to start, run or stop is written plainly to stderr, outside any JSON logs, as
 * `name: why`, and exits 1. A program that keeps running returns how to stop it: the first SIGTERM or SIGINT
 * calls that once and exits 0, or 1 if stopping failed; later signals wait for the first.
 */
export function runMain(name: string, main: () => Promise<StopProgram | void>): void {
  const fail = (error: unknown, doing: string) => {
    process.stderr.write(`${name}: ${doing}${failureText(error)}\n`);
    process.exit(1);
  };
  main().then(
    (stop) => {
      if (!stop) return;
      let stopping = false;
      const onSignal = () => {
        if (stopping) return;
        stopping = true;
        stop().then(
          () => process.exit(0),
          (error: unknown) => fail(error, 'stopping failed: '),
        );
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
    },
    (error: unknown) => fail(error, ''),
  );
}
