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
    super(`${streamId} moved on: revision ${actual}, not ${expected}`);
  }
}

/**
 * The request's After-Position is not reflected yet, and its wait is over (HTTP 503 with
 * Retry-After): not a stale answer, a clear "not yet".
 */
export class PositionNotReached extends Error {
  override readonly name = 'PositionNotReached';
  constructor(
    /** who has not caught up: a writing service, or the read side */
    readonly side: string,
    readonly waitedMs: number,
  ) {
    super(`${side} has not caught up with the After-Position yet (waited ${waitedMs} ms); try again shortly`);
  }
}

/**
 * The id names nothing the service knows yet, and it may simply not have heard: what it learns
 * from other services' events has not all arrived (HTTP 503 with Retry-After). A 404 is kept for
 * ids it still does not know once it has heard everything.
 */
export class NotYetKnown extends Error {
  override readonly name = 'NotYetKnown';
  constructor(
    readonly service: string,
    readonly resource: string,
    readonly id: string,
  ) {
    super(`the ${service} service has not learned of ${resource} ${id} yet: it is still catching up with what other services recorded; try again shortly, or send the After-Position of the command that created it`);
  }
}
