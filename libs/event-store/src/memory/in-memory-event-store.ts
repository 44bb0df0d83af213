import { sealBatch, systemClock, verifyStream, type ChainVerification, type Clock, type EventEnvelope, type EventToAppend } from '@whistle/kernel';
import { appendOrReplay, checkExpected, resultOf, type AppendHistory } from '../append-rules';
import { DuplicateEventId, EventStoreClosed, IdempotencyKeyTaken } from '../errors';
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

export interface InMemoryEventStoreOptions {
  readonly clock?: Clock;
  readonly pollIntervalMs?: number;
}

/**
 * The store for unit tests: the same rules as the others, nothing kept after the process. Events
 * are kept as JSON text, as the other stores keep them, so what comes back is a fresh copy that
 * no caller can change in place, and JSON's own realm builds it (structuredClone's objects fail
 * the kernel's plain-object check under Jest).
 */
export class InMemoryEventStore implements EventStore {
  /** Global order; an event's position is its index + 1. */
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly eventIds = new Map<string, { streamId: string; revision: number }>();
  /** The streams holding events of each case id, as the other stores' index on the column. */
  private readonly caseStreams = new Map<string, Set<string>>();
  private readonly checkpoints = new Map<string, GlobalPosition>();
  /** Per caller, Idempotency-Key and stream, the batch it came with. */
  private readonly keys = new Map<string, { streamId: string; firstRevision: number; count: number }>();
  private readonly appends = new AppendSignal();
  private readonly subscriptions: Subscriptions;
  private readonly clock: Clock;
  private closed = false;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.subscriptions = new Subscriptions(
      {
        readAll: (o) => this.readAll(o),
        headPosition: () => this.headPosition(),
        loadCheckpoint: async (id) => this.checkpoints.get(id) ?? null,
        saveCheckpoint: async (id, position) => void this.checkpoints.set(id, position),
        appends: this.appends,
      },
      options.pollIntervalMs ?? 1000,
    );
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision, options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    return appendOrReplay(streamId, events, expected, this.history, async () => this.write(streamId, events, expected, options.idempotency));
  }

  async appendsOfKey(scope: string, key: string): Promise<KeyedAppend[]> {
    this.assertOpen();
    // The slots of this scope and key with any stream: their JSON begins as this pair's does, but for its closing bracket.
    const prefix = `${JSON.stringify([scope, key]).slice(0, -1)},`;
    return [...this.keys.entries()]
      .filter(([keySlot]) => keySlot.startsWith(prefix))
      .map(([, found]) => ({ streamId: found.streamId, result: resultOf(this.positioned(found.streamId, found.firstRevision, found.count)) }))
      .sort((a, b) => (a.result.position < b.result.position ? -1 : 1));
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<EventEnvelope[]> {
    this.assertOpen();
    const { fromRevision, maxCount } = streamWindow(options);
    return this.positioned(streamId, fromRevision, maxCount).map((p) => p.event);
  }

  async readAll(options: ReadAllOptions): Promise<PositionedEvent[]> {
    this.assertOpen();
    assertReadAll(options);
    const first = options.from < 0n ? 0 : Number(options.from);
    return this.log.slice(first, first + options.maxCount).map(revive);
  }

  async verifyStream(streamId: string): Promise<ChainVerification> {
    return verifyStream(streamId, await this.readStream(streamId));
  }

  async streamsOfCase(caseId: string): Promise<string[]> {
    this.assertOpen();
    return [...(this.caseStreams.get(caseId) ?? [])].sort();
  }

  async readStreams(streamIds: readonly string[]): Promise<PositionedEvent[]> {
    this.assertOpen();
    const stored = [...new Set(streamIds)].flatMap((id) => this.streams.get(id) ?? []);
    return stored.sort((a, b) => (a.position < b.position ? -1 : 1)).map(revive);
  }

  async headPosition(): Promise<GlobalPosition> {
    this.assertOpen();
    return this.log.at(-1)?.position ?? START;
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    return this.subscriptions.start(options);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.subscriptions.stopAll();
    this.closed = true;
  }

  private readonly history: AppendHistory = {
    locate: async (eventId) => this.eventIds.get(eventId) ?? null,
    readPositioned: async (streamId, fromRevision, maxCount) => this.positioned(streamId, fromRevision, maxCount),
  };

  private write(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision, mark: IdempotencyMark | undefined): AppendResult {
    const stream = this.streams.get(streamId) ?? [];
    const last = stream.at(-1) ?? null;
    checkExpected(streamId, expected, last ? last.revision : 'no_stream');
    for (const { eventId } of events) {
      const existing = this.eventIds.get(eventId);
      if (existing) throw new DuplicateEventId(eventId, streamId, existing);
    }
    const keySlot = mark && JSON.stringify([mark.scope, mark.key, streamId]);
    if (mark && keySlot && this.keys.has(keySlot)) throw new IdempotencyKeyTaken(mark.scope, mark.key, streamId);
    // Sealing throws on data JSON cannot carry, before anything is recorded.
    const sealed = sealBatch(streamId, events, last, this.clock.now());
    const recorded = sealed.map((event, i) => ({
      position: BigInt(this.log.length + i + 1),
      eventId: event.eventId,
      revision: event.revision,
      hash: event.hash,
      json: JSON.stringify(event),
    }));
    this.log.push(...recorded);
    this.streams.set(streamId, stream.concat(recorded));
    for (const { eventId, revision } of recorded) this.eventIds.set(eventId, { streamId, revision });
    if (mark && keySlot) this.keys.set(keySlot, { streamId, firstRevision: last ? last.revision + 1 : 0, count: recorded.length });
    for (const { caseId } of sealed) {
      const streams = this.caseStreams.get(caseId) ?? new Set<string>();
      this.caseStreams.set(caseId, streams.add(streamId));
    }
    this.appends.notify();
    return resultOf(recorded.map(revive));
  }

  private positioned(streamId: string, fromRevision: number, maxCount: number): PositionedEvent[] {
    const stream = this.streams.get(streamId) ?? [];
    return stream.slice(fromRevision, fromRevision + maxCount).map(revive);
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosed();
  }
}

interface StoredEvent {
  readonly position: GlobalPosition;
  readonly eventId: string;
  readonly revision: number;
  readonly hash: string;
  readonly json: string;
}

function revive(stored: StoredEvent): PositionedEvent {
  return { position: stored.position, event: JSON.parse(stored.json) as EventEnvelope };
}
