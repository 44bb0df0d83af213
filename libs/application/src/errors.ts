/** The id names nothing the service knows (HTTP maps it to 404). */
export class NotFound extends Error {
  override readonly name = 'NotFound';
  constructor(
    readonly resource: string,
    readonly id: string,
  ) {
    super(`${resource} ${id} not found`);
  }
}

/** A conditional command (If-Match) whose condition no longer holds (HTTP maps it to 412). */
export class PreconditionFailed extends Error {
  override readonly name = 'PreconditionFailed';
}

/** The caller's If-Match revision is no longer the stream's. */
export class StaleRevision extends PreconditionFailed {
  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the case moved on: revision ${actual}, not ${expected}`);
  }
}
