import { fold, type Clock, type Deadline, type DomainEvent, type EventEnvelope, type Workflow } from '@whistle/kernel';
import type { ContextAggregate, StreamKind } from '@whistle/contracts';
import type { EventStore, Subscription } from '@whistle/event-store';
import type { SqliteDeadlineTable, TrackedDeadline } from './deadline-table';

/** A workflow aggregate and the kind of stream it owns. */
export interface DeadlineSource {
  readonly stream: Pick<StreamKind, 'owns'>;
  readonly workflow: Workflow<never, DomainEvent, unknown>;
}

/** The aggregates that wait for deadlines: the workflows among them. */
export function deadlineSourcesOf(aggregates: readonly Pick<ContextAggregate<never, DomainEvent, unknown>, 'stream' | 'decider'>[]): DeadlineSource[] {
  return aggregates.flatMap(({ stream, decider }) => ('deadlines' in decider ? [{ stream, workflow: decider }] : []));
}

export interface SchedulerLogger {
  warn(object: object, message: string): void;
}

/**
 * Keeps the deadline table equal to what the workflows' states wait for: after every event of a
 * workflow stream, that stream's deadlines are recomputed from its whole history. Being a
 * checkpointed subscription, it catches up after a crash between an append and anything else.
 */
export function trackDeadlines(options: {
  store: EventStore;
  table: SqliteDeadlineTable;
  sources: readonly DeadlineSource[];
  subscriptionId?: string;
  /**
   * Re-derive the table from the whole store at each start instead of resuming from a checkpoint:
   * for a store that is not the table's own file (KurrentDB), where a lost table and a kept
   * checkpoint would leave pending deadlines unfired. Replaying is harmless: each stream's
   * deadlines are replaced by what its whole history says.
   */
  inMemory?: boolean;
}): Subscription {
  return options.store.subscribe({
    subscriptionId: options.subscriptionId ?? 'deadlines',
    ...(options.inMemory ? { inMemory: true } : {}),
    handler: async (event: EventEnvelope) => {
      const source = options.sources.find((s) => s.stream.owns(event.streamId));
      if (!source) return;
      const history = await options.store.readStream(event.streamId, { maxCount: event.revision + 1 });
      const state = fold(source.workflow, history);
      options.table.replace(event.streamId, source.workflow.deadlines(state));
    },
  });
}

/**
 * Wakes due deadlines: each is handed to `fire`, which runs the workflow's timeout input through
 * the command loop. Firing is at least once; the workflow ignores a deadline that is gone or
 * already handled, so it takes effect once. A deadline still pending after its fire waits with
 * a growing back-off instead of spinning.
 */
export class DeadlineScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly options: {
      table: SqliteDeadlineTable;
      clock: Clock;
      fire: (deadline: TrackedDeadline & Deadline) => Promise<void>;
      tickMs?: number;
      logger?: SchedulerLogger;
    },
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Fires everything due now; the loop calls it every tick, tests may call it directly. */
  async fireDue(): Promise<number> {
    const now = this.options.clock.now();
    const due = this.options.table.due(now);
    for (const deadline of due) {
      try {
        await this.options.fire(deadline);
      } catch (error) {
        this.options.logger?.warn({ err: error, streamId: deadline.streamId, deadlineId: deadline.id }, 'a deadline failed to fire; it will be retried');
      }
      const backOffMs = Math.min(60_000, 1000 * 2 ** deadline.attempts);
      this.options.table.backOff(deadline, new Date(Date.parse(now) + backOffMs).toISOString());
    }
    return due.length;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.fireDue()
        .catch((error: unknown) => this.options.logger?.warn({ err: error }, 'the deadline scheduler failed a tick'))
        .then(() => this.schedule(this.options.tickMs ?? 1000));
    }, delayMs);
    this.timer.unref();
  }
}
