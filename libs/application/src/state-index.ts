import type { DomainEvent, EventEnvelope } from '@whistle/kernel';
import type { ContextAggregate, StateIndexDefinition, StateView, StreamKind } from '@whistle/contracts';
import { START, type EventStore, type Subscription } from '@whistle/event-store';

/** What the index needs of an aggregate: the streams it owns and its fold. */
export type IndexedAggregate = Pick<ContextAggregate<never, DomainEvent, unknown>, 'stream' | 'decider'>;

/**
 * The current state of every stream of a service's own aggregates, in memory, folded from the
 * service's own store at each start. Look-ups that a decision depends on (the open tasks of a
 * case, the next scheduled meeting, the open cases of a compound and category) read it after `settled()`, so
 * they see every event the service itself has recorded so far.
 */
export class StateIndex implements StateView {
  private readonly states = new Map<string, unknown>();
  /** per declared index: key → the streams filed under it */
  private readonly filed = new Map<StateIndexDefinition<never>, Map<string, Set<string>>>();
  private subscription: Subscription | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly aggregates: readonly IndexedAggregate[],
    private readonly name = 'state-index',
    indexes: readonly StateIndexDefinition<never>[] = [],
  ) {
    for (const index of indexes) this.filed.set(index, new Map());
  }

  start(): void {
    this.subscription = this.store.subscribe({
      subscriptionId: this.name,
      inMemory: true,
      from: START,
      handler: async (event: EventEnvelope) => {
        const aggregate = this.aggregates.find((a) => a.stream.owns(event.streamId));
        if (!aggregate) return;
        const { decider } = aggregate;
        const before = this.states.get(event.streamId);
        const evolved = decider.evolve(before ?? decider.initialState, event);
        const after = evolved === before ? evolved : kept(evolved);
        this.states.set(event.streamId, after);
        this.refile(event.streamId, before, after);
      },
    });
  }

  /** Resolves once every event recorded so far is in the index. */
  async settled(): Promise<void> {
    if (!this.subscription) throw new Error(`${this.name} was not started`);
    await this.subscription.caughtUp();
  }

  get<S>(streamId: string): S | undefined {
    return this.states.get(streamId) as S | undefined;
  }

  /** Every indexed stream of one kind, with its state. */
  *entries<S>(kind: StreamKind): IterableIterator<[string, S]> {
    for (const [streamId, state] of this.states) {
      if (kind.owns(streamId)) yield [streamId, state as S];
    }
  }

  /** The streams an index files under `key`, with their states. */
  *indexed<S>(index: StateIndexDefinition<S>, key: string): IterableIterator<[string, S]> {
    const byKey = this.filed.get(index as StateIndexDefinition<never>);
    if (!byKey) throw new Error(`${this.name} keeps no such index over ${index.stream.prefix}* streams`);
    for (const streamId of byKey.get(key) ?? []) yield [streamId, this.states.get(streamId) as S];
  }

  /** Moves a stream from the keys its old state was filed under to those of its new state. */
  private refile(streamId: string, before: unknown, after: unknown): void {
    for (const [index, byKey] of this.filed) {
      if (!index.stream.owns(streamId)) continue;
      const keysOf = index.keysOf as (state: unknown) => readonly string[];
      const old = before === undefined ? [] : keysOf(before);
      const now = keysOf(after);
      for (const key of old) if (!now.includes(key)) byKey.get(key)?.delete(streamId);
      for (const key of now) {
        let streams = byKey.get(key);
        if (!streams) byKey.set(key, (streams = new Set()));
        streams.add(streamId);
      }
    }
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }
}

/**
 * A state as the index keeps it, for the life of the process: a plain object is copied member by
 * member, so states of one shape share one hidden class. An evolve that spreads
 * (`{ ...facts(state), status }`) at a site V8 has met many shapes at gives every object it makes a
 * hidden class of its own (Node 20's V8): some 250 bytes per stream, 8 of the index's 22 MB at
 * 30,000 cases. Anything else (an array, a class's instance, a primitive) is kept as it is.
 */
export function kept<S>(state: S): S {
  if (state === null || typeof state !== 'object' || Object.getPrototypeOf(state) !== Object.prototype) return state;
  return Object.assign({}, state);
}
