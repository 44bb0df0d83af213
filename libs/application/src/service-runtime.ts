import { join } from 'node:path';
import type { Clock, DomainEvent, EventEnvelope, IdSource, WorkingCalendar } from '@whistle/kernel';
import { TOPICS, aggregateOwning, aggregatesOf, eventOf, messageKeyOf, systemActor, type BoundedContext, type Catalogue, type ContextAggregate, type ContextEnvironment } from '@whistle/contracts';
import { SqliteEventStore, type EventStore, type Subscription } from '@whistle/event-store';
import {
  ChangeSignal,
  SqliteProcessedLog,
  createEventConsumer,
  startRelay,
  type EventConsumerOptions,
  type Logger,
  type MessageBus,
  type Relay,
  type RunningConsumer,
} from '@whistle/messaging';
import { CommandLoop, type CommandContext, type Handled } from './command-loop';
import { runWithCorrelationId } from './correlation';
import { DeadlineScheduler, deadlineSourcesOf, trackDeadlines } from './deadline-scheduler';
import { SqliteDeadlineTable, type TrackedDeadline } from './deadline-table';
import type { Position } from './positions';
import { noteReplayed } from './idempotency';
import { carryOut } from './reactions';
import { StateIndex } from './state-index';

export interface ServiceRuntimeOptions {
  /** the bounded context the service writes: its aggregates, the topics it consumes, its reactions and timeouts */
  readonly context: BoundedContext;
  /** the catalogue in force, read at each reaction and timeout (it changes while the system runs) */
  readonly catalogue: { readonly catalogue: Catalogue };
  /** counts the catalogue's deadlines in working days for its reactions and timeouts */
  readonly calendar: WorkingCalendar;
  /** the service's SQLite file holds its events (unless `store` is given) and every table of its own */
  readonly dataDir: string;
  /** the service's event store when it is not the SQLite file (KurrentDB in production) */
  readonly store?: EventStore;
  readonly bus: MessageBus;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly logger: Logger;
  readonly schedulerTickMs?: number;
  readonly pollIntervalMs?: number;
  /** How long a failing reaction is retried before its message goes to the DLQ (the consumer's defaults when left out). */
  readonly consumerRetry?: EventConsumerOptions['retry'];
}

/**
 * One writing service's infrastructure, built from its context's definition: its event store,
 * the command loop over it, the index of its own aggregates' states, the events it has consumed,
 * its pending deadlines and their scheduler, the relay of what it records, and its consumer.
 * Start order matters on an in-process bus: every consumer must subscribe before any relay
 * publishes, so the host calls `open`, then `consume` on all, then `relay` on all.
 */
export class ServiceRuntime {
  readonly service: BoundedContext['service'];
  readonly store: EventStore;
  readonly file: string;
  readonly loop: CommandLoop;
  readonly index: StateIndex;
  readonly topic: string;
  private readonly processed: SqliteProcessedLog;
  private readonly deadlines: SqliteDeadlineTable;
  /** Fires whenever the service's consumer has recorded more events as dealt with. */
  readonly consumed = new ChangeSignal();
  private consumer: RunningConsumer | null = null;
  private relayRunning: Relay | null = null;
  private tracking: Subscription | null = null;
  private scheduler: DeadlineScheduler | null = null;
  private readonly noters: ((event: EventEnvelope) => void)[] = [];

  constructor(readonly options: ServiceRuntimeOptions) {
    this.service = options.context.service;
    this.file = join(options.dataDir, `${this.service}.db`);
    this.topic = TOPICS[this.service];
    this.store = options.store ?? new SqliteEventStore({ file: this.file, clock: options.clock, ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}) });
    this.loop = new CommandLoop({ store: this.store, ids: options.ids });
    this.index = new StateIndex(this.store, aggregatesOf(options.context), `${this.service}:state-index`, Object.values(options.context.indexes ?? {}));
    this.processed = new SqliteProcessedLog({ file: this.file, clock: options.clock });
    this.deadlines = new SqliteDeadlineTable({ file: this.file });
  }

  /** Runs a command on the stream `id` of one of the service's own aggregates, typed by that aggregate. */
  async run<C, E extends DomainEvent, S>(aggregate: ContextAggregate<C, E, S>, id: string, command: NoInfer<C>, context: CommandContext): Promise<Handled> {
    const handled = await this.loop.run(this.own(aggregate).decider, aggregate.stream(id), command, context);
    if (handled.replayed) noteReplayed();
    return handled;
  }

  /** A stream's state and revision, read and folded from the store. */
  async load<C, E extends DomainEvent, S>(aggregate: ContextAggregate<C, E, S>, id: string): Promise<{ state: S; revision: number }> {
    return this.loop.load(this.own(aggregate).decider, aggregate.stream(id));
  }

  /** Folds the service's own aggregates and makes its topic exist. */
  async open(): Promise<void> {
    this.index.start();
    await this.index.settled();
    await this.options.bus.createTopics([this.topic]);
  }

  /** Consumes the topics the context names; each event's reactions run once in effect (dedupe, retry, DLQ). */
  async consume(): Promise<void> {
    const topics = this.sourceTopics;
    await this.options.bus.createTopics(topics);
    this.consumer = await createEventConsumer({
      bus: this.options.bus,
      groupId: this.service,
      topics,
      processed: this.processed,
      // Whatever the reaction logs carries the correlation id of the case's request that caused it.
      handle: (event) => runWithCorrelationId(event.correlationId, () => this.react(event)),
      handleBatch: (events) => this.reactToBatch(events),
      logger: this.options.logger,
      onRecorded: () => this.consumed.notify(),
      ...(this.options.consumerRetry ? { retry: this.options.consumerRetry } : {}),
    });
  }

  /**
   * Has `note` told of every event the consumer hands on, before its reactions run (and again when
   * it is redelivered, so it must be idempotent): for what a service keeps of other services'
   * events beside its own aggregates (intake, the units summoned to a case). A throw fails the
   * event's handling like a failed reaction: it is retried.
   */
  noteConsumed(note: (event: EventEnvelope) => void): void {
    this.noters.push(note);
  }

  /** The topics of the services whose events this one consumes. */
  private get sourceTopics(): string[] {
    return this.options.context.consumes.map((service) => TOPICS[service]);
  }

  /**
   * Whether the service has dealt with the event `position` names (its reactions carried out, or
   * the event dead-lettered), as its processed log says. A position of a service it does not
   * consume concerns it not: nothing of that service ever reaches its consumer, so there is
   * nothing to wait for (its own commands' events, for all but adjudication, which reacts to its
   * own topic, are in its state once appended, which `index.settled()` sees to).
   */
  async hasConsumed(position: Position): Promise<boolean> {
    if (!this.options.context.consumes.includes(position.service)) return true;
    return this.processed.has(this.service, position.eventId);
  }

  /** Waits until `hasConsumed(position)` or Date.now() passes `deadline`; tells which came first. */
  async waitUntilConsumed(position: Position, deadline: number): Promise<boolean> {
    for (;;) {
      // Taken before looking, so a recording in between wakes it; looked at again each second anyway.
      const more = this.consumed.next(Math.min(1_000, deadline - Date.now()));
      if (await this.hasConsumed(position)) return true;
      if (Date.now() >= deadline) return false;
      await more;
    }
  }

  /** How many messages of its sources' topics its consumer has not finished with (what the bus holds, not what the sources have yet to relay). */
  backlog(): Promise<number> {
    return this.options.bus.backlog(this.service, this.sourceTopics);
  }

  /** Publishes what the service records, and wakes its workflows' deadlines. */
  relay(): void {
    this.relayRunning = startRelay({ store: this.store, bus: this.options.bus, topic: this.topic, logger: this.options.logger });
    const sources = deadlineSourcesOf(aggregatesOf(this.options.context));
    if (sources.length === 0) return;
    // The table lives in the service's SQLite file: with another store its checkpoint could outlive it.
    this.tracking = trackDeadlines({ store: this.store, table: this.deadlines, sources, inMemory: this.options.store !== undefined });
    this.scheduler = new DeadlineScheduler({
      table: this.deadlines,
      clock: this.options.clock,
      fire: (deadline) => this.fire(deadline),
      logger: this.options.logger,
      ...(this.options.schedulerTickMs ? { tickMs: this.options.schedulerTickMs } : {}),
    });
    this.scheduler.start();
  }

  /** Resolves when the relay and the deadline tracking have caught up with the store. */
  async caughtUp(): Promise<void> {
    await this.relayRunning?.caughtUp();
    await this.tracking?.caughtUp();
  }

  /** Ready means the store answers and the service's own index has caught up with it. */
  readiness(): Record<string, () => Promise<void>> {
    return {
      [`${this.service}-store`]: async () => {
        await this.store.headPosition();
        await this.index.settled();
      },
    };
  }

  pendingDeadlines(): TrackedDeadline[] {
    return this.deadlines.all();
  }

  /**
   * Stops publishing what the service records (the relay) and firing deadlines; it goes on taking
   * commands and consuming. What it records from now on is published by the next start's relay,
   * from its checkpoint: a host stops this first so that what it feeds from the bus (the embedded
   * read models) has seen everything the relays' checkpoints say was published.
   */
  async stopPublishing(): Promise<void> {
    await this.scheduler?.stop();
    this.scheduler = null;
    await this.tracking?.stop();
    this.tracking = null;
    await this.relayRunning?.stop();
    this.relayRunning = null;
  }

  async close(): Promise<void> {
    await this.stopPublishing();
    await this.consumer?.stop();
    await this.index.stop();
    await this.store.close();
    this.deadlines.close();
    this.processed.close();
  }

  /** An aggregate of this service's context: another context's cannot be written here. */
  private own<C, E extends DomainEvent, S>(aggregate: ContextAggregate<C, E, S>): ContextAggregate<C, E, S> {
    if (!(aggregatesOf(this.options.context) as readonly object[]).includes(aggregate)) throw new Error(`the ${this.service} service does not own ${aggregate.stream.prefix}* streams`);
    return aggregate;
  }

  private environment(): ContextEnvironment {
    return { catalogue: this.options.catalogue.catalogue, calendar: this.options.calendar, now: this.options.clock.now() };
  }

  /**
   * A batch's reactions, case by case in order, the cases side by side: their appends then share
   * the store's group commits instead of taking a turn of the event loop each. A case's events keep
   * their order, as the bus keeps it per case key. Every case is let finish before a failure is
   * passed on, so the consumer's one-at-a-time retry never runs beside a reaction still under way.
   */
  private async reactToBatch(events: readonly EventEnvelope[]): Promise<void> {
    const byCase = new Map<string, EventEnvelope[]>();
    for (const event of events) {
      const key = messageKeyOf(event);
      const group = byCase.get(key);
      if (group) group.push(event);
      else byCase.set(key, [event]);
    }
    const outcomes = await Promise.allSettled(
      [...byCase.values()].map(async (caseEvents) => {
        for (const event of caseEvents) await runWithCorrelationId(event.correlationId, () => this.react(event));
      }),
    );
    const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Carries out what the context's reactions call for, with look-ups caught up with everything the service recorded. */
  private async react(event: EventEnvelope): Promise<void> {
    for (const note of this.noters) note(event);
    await this.index.settled();
    const env = this.environment();
    const reactions = this.options.context.reactions(eventOf(event), this.index, env).map((reaction) => ({
      ...reaction,
      aggregate: aggregateOwning(this.options.context, reaction.streamId).decider,
    }));
    await carryOut(this.loop, event, reactions, { actor: systemActor(this.service), now: env.now });
  }

  /**
   * Hands a due deadline to the workflow that owns its stream as its timeout input, as the
   * system. The event ids derive from the deadline, so a deadline fired twice records once.
   */
  private async fire(deadline: TrackedDeadline): Promise<void> {
    const { decider, timeout } = aggregateOwning(this.options.context, deadline.streamId);
    if (!timeout) throw new Error(`${deadline.streamId} has a deadline but its aggregate takes no timeout`);
    const env = this.environment();
    await this.loop.run(decider, deadline.streamId, timeout(deadline.id, env), {
      actor: systemActor(this.service),
      correlationId: `deadline:${deadline.streamId}:${deadline.id}`,
      causationId: null,
      derivationKey: `deadline:${deadline.streamId}:${deadline.id}:${deadline.dueAt}`,
      now: env.now,
    });
  }
}
