import type {
  AppendStreamRequest,
  CurrentStreamState,
  KurrentDBClient,
  ReadPosition,
  ReadStreamOptions as KurrentReadStreamOptions,
  RecordedEvent,
} from '@kurrent/kurrentdb-client';
import { kurrent } from './kurrent-driver';
import { sealBatch, systemClock, verifyStream, type ChainVerification, type Clock, type EventEnvelope, type EventToAppend } from '@whistle/kernel';
import { appendOrReplay, checkExpected, resultOf, type AppendHistory } from '../append-rules';
import { DuplicateEventId, EventStoreClosed, IdempotencyKeyTaken, WrongExpectedRevision } from '../errors';
import {
  START,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type GlobalPosition,
  type IdempotencyMark,
  type KeyedAppend,
  type PositionedEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { assertReadAll, streamWindow } from '../read-window';
import { AppendSignal } from '../subscription/append-signal';
import { Subscriptions } from '../subscription/subscriptions';
import {
  CLAIM_PREFIX,
  checkpointStream,
  claimData,
  claimStream,
  idempotencyStream,
  isVisible,
  keyData,
  toClaim,
  toEnvelope,
  toEventData,
  toKeyRecord,
  type Claim,
} from './kurrentdb-records';

export interface KurrentDbEventStoreOptions {
  readonly clock?: Clock;
  /** How often subscriptions poll `$all` for appends made by other clients. */
  readonly pollIntervalMs?: number;
}

/** Times an `any` append re-reads the tail after another writer got in between. */
const ANY_ATTEMPTS = 5;
/** The most records one readAll page asks the server for. */
const MAX_PAGE = 4096;

/**
 * The production store, through the official client. Each append reads the stream's last event
 * (the chain needs its hash) and then writes, in one multi-stream transaction (KurrentDB 25.1 or
 * later), the events with the revision it read as the expected state plus one claim stream per
 * event id with `no_stream`: that is what makes ids unique across streams, which KurrentDB itself
 * does not check. Positions are `$all` commit positions; subscriptions poll readAll.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly clock: Clock;
  private readonly appends = new AppendSignal();
  private readonly subscriptions: Subscriptions;
  private readonly trimmedCheckpoints = new Set<string>();
  private closed = false;

  static async connect(connectionString: string, options: KurrentDbEventStoreOptions = {}): Promise<KurrentDbEventStore> {
    return new KurrentDbEventStore(kurrent().KurrentDBClient.connectionString(connectionString), options);
  }

  private constructor(
    private readonly client: KurrentDBClient,
    options: KurrentDbEventStoreOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.subscriptions = new Subscriptions(
      {
        readAll: (o) => this.readAll(o),
        headPosition: () => this.headPosition(),
        loadCheckpoint: (id) => this.loadCheckpoint(id),
        saveCheckpoint: (id, position) => this.saveCheckpoint(id, position),
        appends: this.appends,
      },
      options.pollIntervalMs ?? 250,
    );
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision, options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    return appendOrReplay(streamId, events, expected, this.history, () => this.write(streamId, events, expected, options.idempotency));
  }

  /** Reads the key's own stream: one short stream read by name, not `$all`. */
  async appendsOfKey(scope: string, key: string): Promise<KeyedAppend[]> {
    this.assertOpen();
    const records = (await this.readRecorded(idempotencyStream(scope, key), { maxCount: 1_000 })).map(toKeyRecord);
    const found = await Promise.all(
      records.map(async (record) => ({
        streamId: record.streamId,
        result: resultOf(await this.readPositioned(record.streamId, record.firstRevision, record.count)),
      })),
    );
    return found.sort((a, b) => (a.result.position < b.result.position ? -1 : 1));
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<EventEnvelope[]> {
    this.assertOpen();
    const { fromRevision, maxCount } = streamWindow(options);
    return (await this.readRecorded(streamId, { fromRevision: BigInt(fromRevision), maxCount })).map(ownEnvelope);
  }

  async readAll(options: ReadAllOptions): Promise<PositionedEvent[]> {
    this.assertOpen();
    assertReadAll(options);
    const found: PositionedEvent[] = [];
    const page = Math.min(MAX_PAGE, options.maxCount * 2 + 16);
    let after = options.from;
    while (found.length < options.maxCount) {
      let records = 0;
      const fromPosition: ReadPosition = after < 0n ? kurrent().START : { commit: after, prepare: after };
      for await (const { event } of this.client.readAll({ fromPosition, maxCount: page, direction: kurrent().FORWARDS })) {
        records += 1;
        // The read starts at `fromPosition` itself, which the caller has already seen.
        if (!event || event.position.commit <= after) continue;
        after = event.position.commit;
        const envelope = isVisible(event) ? toEnvelope(event) : null;
        if (envelope) found.push({ position: event.position.commit, event: envelope });
        if (found.length === options.maxCount) break;
      }
      if (records < page) break;
    }
    return found;
  }

  async verifyStream(streamId: string): Promise<ChainVerification> {
    return verifyStream(streamId, await this.readStream(streamId));
  }

  /** KurrentDB indexes streams and event types, not a member of the data: this reads `$all`, page by page. */
  async streamsOfCase(caseId: string): Promise<string[]> {
    const found = new Set<string>();
    for (let from = START; ; ) {
      const page = await this.readAll({ from, maxCount: MAX_PAGE });
      const last = page.at(-1);
      if (!last) break;
      for (const { event } of page) if (event.caseId === caseId) found.add(event.streamId);
      from = last.position;
    }
    return [...found].sort();
  }

  async readStreams(streamIds: readonly string[]): Promise<PositionedEvent[]> {
    const streams = await Promise.all([...new Set(streamIds)].map((id) => this.readPositioned(id, 0, Number.MAX_SAFE_INTEGER)));
    return streams.flat().sort((a, b) => (a.position < b.position ? -1 : 1));
  }

  async headPosition(): Promise<GlobalPosition> {
    this.assertOpen();
    let before: GlobalPosition | null = null;
    for (;;) {
      let records = 0;
      const fromPosition: ReadPosition = before === null ? kurrent().END : { commit: before, prepare: before };
      for await (const { event } of this.client.readAll({ fromPosition, maxCount: 256, direction: kurrent().BACKWARDS })) {
        records += 1;
        if (!event || (before !== null && event.position.commit >= before)) continue;
        before = event.position.commit;
        if (isVisible(event) && toEnvelope(event)) return event.position.commit;
      }
      if (records < 256) return START;
    }
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    return this.subscriptions.start(options);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.subscriptions.stopAll();
    this.closed = true;
    await this.client.dispose();
  }

  private readonly history: AppendHistory = {
    locate: (eventId) => this.locate(eventId),
    readPositioned: (streamId, fromRevision, maxCount) => this.readPositioned(streamId, fromRevision, maxCount),
  };

  private async write(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision, mark: IdempotencyMark | undefined): Promise<AppendResult> {
    for (let attempt = 1; ; attempt += 1) {
      const tail = await this.tail(streamId);
      checkExpected(streamId, expected, tail ? tail.revision : 'no_stream');
      const sealed = sealBatch(streamId, events, tail, this.clock.now());
      const keyStream = mark && idempotencyStream(mark.scope, mark.key);
      // Read after the tail: a batch under this key committed since would have moved the tail, and the append below fails on it.
      if (mark && (await this.appendsOfKey(mark.scope, mark.key)).some((found) => found.streamId === streamId)) {
        throw new IdempotencyKeyTaken(mark.scope, mark.key, streamId);
      }
      try {
        await this.client.multiStreamAppend([
          { streamName: streamId, events: sealed.map((e) => toEventData(e, mark)), expectedState: tail ? BigInt(tail.revision) : kurrent().NO_STREAM },
          ...sealed.map((e): AppendStreamRequest => ({
            streamName: claimStream(e.eventId),
            events: [claimData({ streamId, revision: e.revision })],
            expectedState: kurrent().NO_STREAM,
          })),
          ...(mark && keyStream
            ? [
                {
                  streamName: keyStream,
                  events: [keyData({ scope: mark.scope, key: mark.key, streamId, firstRevision: tail ? tail.revision + 1 : 0, count: sealed.length })],
                  // Several streams may take a batch under one key; the batch's own stream's expected state keeps each to one.
                  expectedState: kurrent().ANY,
                } satisfies AppendStreamRequest,
              ]
            : []),
        ]);
      } catch (error) {
        if (!(error instanceof kurrent().WrongExpectedVersionError)) throw error;
        if (error.streamName !== streamId) throw await this.taken(streamId, error.streamName.slice(CLAIM_PREFIX.length));
        // `any` asked for no check: the revision sent was only there to keep the chain whole.
        if (expected === 'any' && attempt < ANY_ATTEMPTS) continue;
        throw new WrongExpectedRevision(streamId, expected, stateOf(error.actualState));
      }
      this.appends.notify();
      // Read back for the positions: the append's answer gives one for the whole transaction.
      return resultOf(await this.readPositioned(streamId, tail ? tail.revision + 1 : 0, sealed.length));
    }
  }

  private async taken(streamId: string, eventId: string): Promise<DuplicateEventId> {
    return new DuplicateEventId(eventId, streamId, await this.locate(eventId));
  }

  private async tail(streamId: string): Promise<{ revision: number; hash: string } | null> {
    const [last] = await this.readRecorded(streamId, { direction: kurrent().BACKWARDS, fromRevision: kurrent().END, maxCount: 1 });
    return last ? { revision: Number(last.revision), hash: ownEnvelope(last).hash } : null;
  }

  private async locate(eventId: string): Promise<Claim | null> {
    const [claim] = await this.readRecorded(claimStream(eventId), { maxCount: 1 });
    return claim ? toClaim(claim) : null;
  }

  private async readPositioned(streamId: string, fromRevision: number, maxCount: number): Promise<PositionedEvent[]> {
    const recorded = await this.readRecorded(streamId, { fromRevision: BigInt(fromRevision), maxCount });
    return recorded.map((r) => {
      if (!r.position) throw new Error(`${streamId}@${r.revision} came without its position: KurrentDB 22.6 or later is needed`);
      return { position: r.position.commit, event: ownEnvelope(r) };
    });
  }

  /** The stream's events as the client gives them; [] for a stream that does not exist. */
  private async readRecorded(streamId: string, options: KurrentReadStreamOptions): Promise<RecordedEvent[]> {
    if (options.maxCount === 0) return [];
    const recorded: RecordedEvent[] = [];
    try {
      for await (const { event } of this.client.readStream(streamId, options)) if (event) recorded.push(event);
    } catch (error) {
      if (error instanceof kurrent().StreamNotFoundError) return [];
      throw error;
    }
    return recorded;
  }

  private async loadCheckpoint(subscriptionId: string): Promise<GlobalPosition | null> {
    const stream = checkpointStream(subscriptionId);
    const [last] = await this.readRecorded(stream, { direction: kurrent().BACKWARDS, fromRevision: kurrent().END, maxCount: 1 });
    if (!last) return null;
    const { position } = last.data as { position?: unknown };
    if (typeof position !== 'string') throw new Error(`${stream}@${last.revision} holds no checkpoint position`);
    return BigInt(position);
  }

  private async saveCheckpoint(subscriptionId: string, position: GlobalPosition): Promise<void> {
    const stream = checkpointStream(subscriptionId);
    if (!this.trimmedCheckpoints.has(stream)) {
      // Only the latest checkpoint matters; the server may scavenge the rest.
      await this.client.setStreamMetadata(stream, { maxCount: 1 });
      this.trimmedCheckpoints.add(stream);
    }
    const saved = { position: position.toString(), savedAt: this.clock.now() };
    await this.client.appendToStream(stream, kurrent().jsonEvent({ type: 'event-store.CheckpointSaved', data: saved }));
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosed();
  }
}

function ownEnvelope(recorded: RecordedEvent): EventEnvelope {
  const envelope = toEnvelope(recorded);
  if (!envelope) throw new Error(`${recorded.streamId}@${recorded.revision} is not an event this store wrote`);
  return envelope;
}

function stateOf(state: CurrentStreamState): number | 'no_stream' {
  return state === kurrent().NO_STREAM ? kurrent().NO_STREAM : Number(state);
}
