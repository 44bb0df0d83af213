import type { ExpectedRevision } from './event-store.port';

/** The stream is not where the caller expected: someone else appended first (HTTP 409, retry the command). */
export class WrongExpectedRevision extends Error {
  override readonly name = 'WrongExpectedRevision';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${expected}, but it is at ${actual}`);
  }
}

/** An event id is already taken, by another stream, another place in this stream or this very batch. */
export class DuplicateEventId extends Error {
  override readonly name = 'DuplicateEventId';
  constructor(
    readonly eventId: string,
    readonly streamId: string,
    /** Where the id is already recorded; null when the batch itself repeats it. */
    readonly existing: { readonly streamId: string; readonly revision: number } | null,
  ) {
    super(
      existing
        ? `event id ${eventId} appended to ${streamId} is already ${existing.streamId}@${existing.revision}`
        : `event id ${eventId} appears twice in one batch for ${streamId}`,
    );
  }
}

/** The caller's Idempotency-Key already came with a batch for this stream (recorded by another attempt): nothing of this batch was written. */
export class IdempotencyKeyTaken extends Error {
  override readonly name = 'IdempotencyKeyTaken';
  constructor(
    readonly scope: string,
    readonly key: string,
    readonly streamId: string,
  ) {
    super(`Idempotency-Key ${key} of ${scope} already came with a batch for ${streamId}; nothing more was appended to it`);
  }
}

/** The append can never succeed as asked: an empty batch, a reserved stream name or event type. */
export class InvalidAppend extends Error {
  override readonly name = 'InvalidAppend';
  constructor(
    readonly streamId: string,
    message: string,
  ) {
    super(`append to ${JSON.stringify(streamId)} refused: ${message}`);
  }
}

/** A subscription ended before reaching the position someone waited for. */
export class SubscriptionStopped extends Error {
  override readonly name = 'SubscriptionStopped';
  constructor(readonly subscriptionId: string) {
    super(`subscription ${subscriptionId} stopped`);
  }
}

/** The store was used after close(). */
export class EventStoreClosed extends Error {
  override readonly name = 'EventStoreClosed';
  constructor() {
    super('the event store is closed');
  }
}

/**
 * The store's server cannot be reached or is going away (refused connection, shutdown, connection
 * lost): nothing was recorded, and the same command may be tried again once it is back.
 */
export class EventStoreUnavailable extends Error {
  override readonly name = 'EventStoreUnavailable';
  constructor(readonly reason: string, options?: { cause?: unknown }) {
    super(`the event store is unavailable: ${reason}`, options);
  }
}
