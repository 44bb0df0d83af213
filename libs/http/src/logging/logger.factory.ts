import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';
import { currentCorrelationId } from '@whistle/application';

export interface LoggerOptions {
  readonly service: string;
  readonly level: LevelWithSilent;
  /**
   * Synchronous stdout when left out, so a crash cannot swallow its last lines; tests pass a
   * stream to read the lines back.
   */
  readonly destination?: DestinationStream;
}

/** JSON lines; every line written while a request or message is handled carries its correlationId. */
export function createLogger(options: LoggerOptions): Logger {
  const loggerOptions: pino.LoggerOptions = {
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const correlationId = currentCorrelationId();
      return correlationId === undefined ? {} : { correlationId };
    },
  };
  return options.destination === undefined ? pino(loggerOptions) : pino(loggerOptions, options.destination);
}
