import type { ChainVerification, EventEnvelope, EventToAppend } from '@whistle/kernel';

/**
 * A place in the store's global order. SQLite uses the row's `position` (its rowid), memory a
 * counter, KurrentDB the event's commit position in `$all` (its prepare position differs only
 * inside explicit transactions, which the gRPC API cannot make). A bigint carries all three
 * exactly and compares with `<`; write it as a string where JSON must hold it. Positions only
 * grow, with gaps.
 */
export type GlobalPosition = bigint;

/** Before every event: reading or subscribing from here starts with the first event. */
export const START: GlobalPosition = -1n;

/**
 * What the caller believes the stream's last revision is (revisions start at 0): a number,
 * `no_stream` for a stream that must not exist yet, or `any` to skip the check.
 */
export type ExpectedRevision = number | 'no_stream' | 'any';

export interface AppendResult {
  /** The events exactly as stored: revision, record time and hash chain filled in. */
  readonly events: EventEnvelope[];
  /** The revision of the stream's last event now: pass it as `expected` next time. */
  readonly nextExpectedRevision: number;
  /** The global position of the batch's last event. */
  readonly position: GlobalPosition;
}

/**
 * An HTTP command's Idempotency-Key, kept with the events it recorded: written in the same
 * transaction as them, so no crash can leave the events without the key (and a retry with the
 * key running the command a second time). `scope` is the caller the key belongs to. Nothing of
 * the request's body is kept with it: the events are kept for ever, and even a keyed hash of a
 * body (an erasure's phone number) could be guessed back by whoever holds the hash's secret too.
 */
export interface IdempotencyMark {
  readonly scope: string;
  readonly key: string;
}

export interface AppendOptions {
  readonly idempotency?: IdempotencyMark;
}

/** What a store holds of an append that carried an Idempotency-Key. */
export interface KeyedAppend {
  readonly streamId: string;
  /** The append's result as it was first given: its events exactly as sealed, its revision and position. */
  readonly result: AppendResult;
}

export interface ReadStreamOptions {
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: the first event returned is the one after this position. */
  readonly from: GlobalPosition;
  readonly maxCount: number;
}

export interface PositionedEvent {
  readonly position: GlobalPosition;
  readonly event: EventEnvelope;
}

export type SubscriptionHandler = (event: EventEnvelope, position: GlobalPosition) => Promise<void>;

/**
 * Takes a page of events in global order (at most a few hundred) at once: one publish, one
 * projection write, and one checkpoint after it for the whole page. A failure retries the whole
 * page, so the handler must bear seeing events again that it had already dealt with.
 */
export type SubscriptionBatchHandler = (events: readonly PositionedEvent[]) => Promise<void>;

/** Exactly one of the two: each event on its own, or the pages as they are read. */
export type SubscriptionHandling =
  | { readonly handler: SubscriptionHandler; readonly handleBatch?: never }
  | { readonly handleBatch: SubscriptionBatchHandler; readonly handler?: never };

export type SubscribeOptions = SubscribeSettings & SubscriptionHandling;

export interface SubscribeSettings {
  /** Names the checkpoint: subscribing again with the same id resumes after it. */
  readonly subscriptionId: string;
  /** Where a subscription with no saved checkpoint starts (exclusive); START when left out. */
  readonly from?: GlobalPosition;
  /**
   * Keeps the position in memory only: every subscribe starts at `from`. For in-memory indexes
   * and read models that are rebuilt at each start anyway; nothing is written to the store.
   */
  readonly inMemory?: boolean;
  /** How often to look for appends made by other processes; appends through this instance wake it at once. */
  readonly pollIntervalMs?: number;
  /** Backoff between attempts after a handler (or the store) fails: doubles from initial up to max. */
  readonly retry?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
  /** Told about every failed attempt; the default writes it to stderr so a stuck subscription is seen. */
  readonly onError?: (error: unknown, context: SubscriptionErrorContext) => void;
}

export interface SubscriptionErrorContext {
  readonly subscriptionId: string;
  /** The event whose handler failed, or null when reading or checkpointing failed. */
  readonly event: EventEnvelope | null;
  readonly position: GlobalPosition | null;
  /** 1 for the first failure of this event (or operation), counting up while it keeps failing. */
  readonly attempt: number;
}

/**
 * A checkpointed catch-up subscription to every event in global order. A handler that throws does
 * not advance the checkpoint: the same event is retried with backoff until it succeeds or the
 * subscription is stopped, so one event never gets skipped and later events never overtake it.
 */
export interface Subscription {
  readonly subscriptionId: string;
  /** The position of the last event handled and checkpointed (the saved checkpoint at start). */
  readonly position: GlobalPosition;
  /** Resolves once every event up to `position` is handled; rejects if the subscription stops first. */
  waitFor(position: GlobalPosition): Promise<void>;
  /** Resolves once every event that was in the store when this was called is handled. */
  caughtUp(): Promise<void>;
  /** Lets a running handler finish (and checkpoints it), then ends the subscription. */
  stop(): Promise<void>;
}

export interface EventStore {
  /**
   * Appends a batch atomically after checking the stream's revision against `expected`. The store
   * gives each event its revision, record time and hash chain. Retrying a batch whose event ids
   * are already the stream's events at exactly those revisions returns the first result and
   * writes nothing.
   * With `options.idempotency`, the key is written in the same transaction as the events; a key
   * its caller (scope) already used for another batch of the same stream refuses the batch (one
   * request may append to several streams under its key, once each).
   * @throws WrongExpectedRevision, DuplicateEventId, InvalidAppend, IdempotencyKeyTaken
   */
  append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision, options?: AppendOptions): Promise<AppendResult>;
  /**
   * The appends that carried this caller's Idempotency-Key, in global order; [] when none did.
   * Found by the key (an index, or KurrentDB's stream named after it), never by reading the record.
   */
  appendsOfKey(scope: string, key: string): Promise<KeyedAppend[]>;
  /** The stream's events in revision order, exactly as sealed; [] for an unknown stream. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<EventEnvelope[]>;
  /**
   * Recomputes the stream's hash chain from what the store holds, as it holds it, and names every
   * break. A store that keeps the sealed bodies checks their text first and reads the events only
   * to name what is broken.
   */
  verifyStream(streamId: string): Promise<ChainVerification>;
  /** Every event of every stream in global order after `from`; never the store's own bookkeeping. */
  readAll(options: ReadAllOptions): Promise<PositionedEvent[]>;
  /**
   * The ids of the streams holding at least one event filed under the case (its envelope's
   * `caseId`), sorted; [] when none. SQLite and PostgreSQL answer from an index on that column,
   * so the answer costs the case's own events, not the store's; KurrentDB keeps no such index
   * and reads `$all` for it.
   */
  streamsOfCase(caseId: string): Promise<string[]>;
  /** Every event of the given streams with its position, in global order, exactly as sealed; a stream the store does not hold adds nothing. */
  readStreams(streamIds: readonly string[]): Promise<PositionedEvent[]>;
  /** The position of the last event readAll would return, or START for an empty store. */
  headPosition(): Promise<GlobalPosition>;
  subscribe(options: SubscribeOptions): Subscription;
  /** Stops this instance's subscriptions and releases the connection or file. */
  close(): Promise<void>;
}
