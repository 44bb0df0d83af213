import type { DomainEvent, EventEnvelope } from '@whistle/kernel';
import { START, type EventStore, type Subscription } from '@whistle/event-store';

export interface IndexedAggregate {
  readonly prefix: string;
  readonly initialState: unknown;
  evolve(state: unknown, event: DomainEvent): unknown;
}

/**
 * The current state of every stream of a service's own aggregates, in memory, folded from the
 * service's own store at each start. Look-ups that a decision depends on (the open tasks of a
 * case, the next scheduled meeting, the open cases of a compound) read it after `settled()`, so
 * they see every event the service itself has recorded so far.
 */
export class StateIndex {
  private readonly states = new Map<string, unknown>();
  private subscription: Subscription | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly aggregates: readonly IndexedAggregate[],
    private readonly name = 'state-index',
  ) {}

  start(): void {
    this.subscription = this.store.subscribe({
      subscriptionId: this.name,
      inMemory: true,
      from: START,
      handler: async (event: EventEnvelope) => {
        const aggregate = this.aggregates.find((a) => event.streamId.startsWith(a.prefix));
        if (!aggregate) return;
        this.states.set(event.streamId, aggregate.evolve(this.states.get(event.streamId) ?? aggregate.initialState, event));
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

  /** Every indexed stream of one aggregate, with its state. */
  *entries<S>(prefix: string): IterableIterator<[string, S]> {
    for (const [streamId, state] of this.states) {
      if (streamId.startsWith(prefix)) yield [streamId, state as S];
    }
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }
}

/** A decider's streams, for the index: its prefix and its fold. */
export function indexed(prefix: string, decider: { initialState: unknown; evolve(state: never, event: never): unknown }): IndexedAggregate {
  return { prefix, initialState: decider.initialState, evolve: decider.evolve as IndexedAggregate['evolve'] };
}
