import type { DomainEvent, EventEnvelope } from '@whistle/kernel';
import type { ContextAggregate, StateView, StreamKind } from '@whistle/contracts';
import { START, type EventStore, type Subscription } from '@whistle/event-store';

/** What the index needs of an aggregate: the streams it owns and its fold. */
export type IndexedAggregate = Pick<ContextAggregate<never, DomainEvent, unknown>, 'stream' | 'decider'>;

/**
 * The current state of every stream of a service's own aggregates, in memory, folded from the
 * service's own store at each start. Look-ups that a decision depends on (the open tasks of a
 * case, the next scheduled meeting, the open cases of a compound) read it after `settled()`, so
 * they see every event the service itself has recorded so far.
 */
export class StateIndex implements StateView {
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
        const aggregate = this.aggregates.find((a) => a.stream.owns(event.streamId));
        if (!aggregate) return;
        const { decider } = aggregate;
        this.states.set(event.streamId, decider.evolve(this.states.get(event.streamId) ?? decider.initialState, event));
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

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }
}
