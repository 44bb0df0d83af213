import { join } from 'node:path';
import type { Clock, Deadline, EventEnvelope, IdSource } from '@whistle/kernel';
import { TOPICS, type WriteService } from '@whistle/contracts';
import { SqliteEventStore, type EventStore, type Subscription } from '@whistle/event-store';
import {
  SqliteProcessedLog,
  createEventConsumer,
  startRelay,
  type EventConsumerOptions,
  type IncomingMessage,
  type Logger,
  type MessageBus,
  type Relay,
  type RunningConsumer,
} from '@whistle/messaging';
import { runWithCorrelationId } from '@whistle/http';
import { CommandLoop } from './command-loop';
import { DeadlineScheduler, trackDeadlines, type DeadlineSource } from './deadline-scheduler';
import { SqliteDeadlineTable, type TrackedDeadline } from './deadline-table';
import { StateIndex, type IndexedAggregate } from './state-index';

export interface ServiceRuntimeOptions {
  readonly service: WriteService;
  /** the service's SQLite file holds its events (unless `store` is given) and every table of its own */
  readonly dataDir: string;
  /** the service's event store when it is not the SQLite file (KurrentDB in production) */
  readonly store?: EventStore;
  readonly bus: MessageBus;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly logger: Logger;
  readonly aggregates: readonly IndexedAggregate[];
  readonly deadlineSources?: readonly DeadlineSource[];
  readonly schedulerTickMs?: number;
  readonly pollIntervalMs?: number;
  /** How long a failing reaction is retried before its message goes to the DLQ (the consumer's defaults when left out). */
  readonly consumerRetry?: EventConsumerOptions['retry'];
}

/**
 * One writing service's infrastructure: its event store, the command loop over it, the index of
 * its own aggregates' states, the events it has consumed,
 * its pending deadlines and their scheduler, the relay of what it records, and its consumer.
 * Start order matters on an in-process bus: every consumer must subscribe before any relay
 * publishes, so the host calls `open`, then `consume` on all, then `relay` on all.
 */
export class ServiceRuntime {
  readonly store: EventStore;
  readonly file: string;
  readonly loop: CommandLoop;
  readonly index: StateIndex;
  readonly topic: string;
  private readonly processed: SqliteProcessedLog;
  private readonly deadlines: SqliteDeadlineTable;
  private consumer: RunningConsumer | null = null;
  private relayRunning: Relay | null = null;
  private tracking: Subscription | null = null;
  private scheduler: DeadlineScheduler | null = null;

  constructor(readonly options: ServiceRuntimeOptions) {
    this.file = join(options.dataDir, `${options.service}.db`);
    this.topic = TOPICS[options.service];
    this.store = options.store ?? new SqliteEventStore({ file: this.file, clock: options.clock, ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}) });
    this.loop = new CommandLoop({ store: this.store, ids: options.ids });
    this.index = new StateIndex(this.store, options.aggregates, `${options.service}:state-index`);
    this.processed = new SqliteProcessedLog({ file: this.file, clock: options.clock });
    this.deadlines = new SqliteDeadlineTable({ file: this.file });
  }

  /** Folds the service's own aggregates and makes its topic exist. */
  async open(): Promise<void> {
    this.index.start();
    await this.index.settled();
    await this.options.bus.createTopics([this.topic]);
  }

  /** Consumes other services' topics; `handle` runs once per event in effect (dedupe, retry, DLQ). */
  async consume(topics: readonly string[], handle: (event: EventEnvelope, message: IncomingMessage) => Promise<void>): Promise<void> {
    await this.options.bus.createTopics(topics);
    this.consumer = await createEventConsumer({
      bus: this.options.bus,
      groupId: this.options.service,
      topics,
      processed: this.processed,
      // Whatever the reaction logs carries the correlation id of the case's request that caused it.
      handle: (event, message) => runWithCorrelationId(event.correlationId, () => handle(event, message)),
      logger: this.options.logger,
      ...(this.options.consumerRetry ? { retry: this.options.consumerRetry } : {}),
    });
  }

  /** Publishes what the service records, and starts its deadlines. */
  relay(fire?: (deadline: TrackedDeadline & Deadline) => Promise<void>): void {
    this.relayRunning = startRelay({ store: this.store, bus: this.options.bus, topic: this.topic, logger: this.options.logger });
    const sources = this.options.deadlineSources ?? [];
    if (sources.length > 0 && fire) {
      // The table lives in the service's SQLite file: with another store its checkpoint could outlive it.
      this.tracking = trackDeadlines({ store: this.store, table: this.deadlines, sources, inMemory: this.options.store !== undefined });
      this.scheduler = new DeadlineScheduler({
        table: this.deadlines,
        clock: this.options.clock,
        fire,
        logger: this.options.logger,
        ...(this.options.schedulerTickMs ? { tickMs: this.options.schedulerTickMs } : {}),
      });
      this.scheduler.start();
    }
  }

  /** Resolves when the relay and the deadline tracking have caught up with the store. */
  async caughtUp(): Promise<void> {
    await this.relayRunning?.caughtUp();
    await this.tracking?.caughtUp();
  }

  pendingDeadlines(): TrackedDeadline[] {
    return this.deadlines.all();
  }

  async close(): Promise<void> {
    await this.scheduler?.stop();
    await this.tracking?.stop();
    await this.relayRunning?.stop();
    await this.consumer?.stop();
    await this.index.stop();
    await this.store.close();
    this.deadlines.close();
    this.processed.close();
  }
}
