/** The case's current state forbids the command; the message says why (HTTP 409). */
export class CommandRefused extends Error {
  override readonly name = 'CommandRefused';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The command is malformed in the domain's terms: an unknown unit, a missing reason (HTTP 400). */
export class InvalidCommand extends Error {
  override readonly name = 'InvalidCommand';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function refuse(code: string, message: string): never {
  throw new CommandRefused(code, message);
}

export function invalid(field: string, message: string): never {
  throw new InvalidCommand(field, message);
}
