/**
 * The slice of pino's logger the relay and consumers use, in pino's `(obj, msg)` order, so a
 * service passes its pino instance straight in.
 */
export interface Logger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
