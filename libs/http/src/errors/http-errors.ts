// A type, not an interface, so that it is an ErrorDetail (a record) as it is.
export type FieldError = {
  readonly field: string;
  readonly message: string;
};

/** The request body or parameters fail validation (400); every bad field is named. */
export class InvalidRequest extends Error {
  override readonly name = 'InvalidRequest';
  constructor(readonly details: readonly FieldError[]) {
    super(details.map((detail) => detail.message).join('; '));
  }
}

/** The caller went over its request rate (429); it may try again after `retryAfterSeconds`. */
export class TooManyRequests extends Error {
  override readonly name = 'TooManyRequests';
  constructor(readonly retryAfterSeconds: number) {
    super(`too many requests; try again in ${retryAfterSeconds} s`);
  }
}

/** The path exists, but none of its routes takes the method (405); `allowed` goes into `Allow`. */
export class MethodNotAllowed extends Error {
  override readonly name = 'MethodNotAllowed';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly allowed: readonly string[],
  ) {
    super(`${method} is not a method of ${path}; it takes ${allowed.join(', ')}`);
  }
}
