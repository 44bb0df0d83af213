import { SubscriptionStopped } from '../errors';
import {
  START,
  type GlobalPosition,
  type PositionedEvent,
  type ReadAllOptions,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionErrorContext,
} from '../event-store.port';
import { delay, type AppendSignal } from './append-signal';

/** What an adapter gives the shared subscription loop. */
export interface SubscriptionSource {
  readAll(options: ReadAllOptions): Promise<PositionedEvent[]>;
  headPosition(): Promise<GlobalPosition>;
  loadCheckpoint(subscriptionId: string): Promise<GlobalPosition | null>;
  saveCheckpoint(subscriptionId: string, position: GlobalPosition): Promise<void>;
  readonly appends: AppendSignal;
}

const PAGE_SIZE = 256;
const DEFAULT_INITIAL_DELAY_MS = 100;
const DEFAULT_MAX_DELAY_MS = 30_000;

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false };

interface Waiter {
  readonly position: GlobalPosition;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * Reads pages from the checkpoint on, hands them to the handler, checkpoints, and when there is
 * nothing left sleeps until this instance appends or the poll interval passes. A checkpoint is
 * written after its handler succeeds (per event, or per page for a batch handler), so a restart
 * redelivers at most what was handled since the last checkpoint.
 */
export class CatchUpSubscription implements Subscription {
  readonly subscriptionId: string;
  private current: GlobalPosition = START;
  private loaded = false;
  private readonly stopping = new AbortController();
  private readonly waiters = new Set<Waiter>();
  private readonly done: Promise<void>;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeOptions,
    private readonly pollIntervalMs: number,
  ) {
    this.subscriptionId = options.subscriptionId;
    this.done = this.run().finally(() => this.rejectWaiters());
  }

  get position(): GlobalPosition {
    return this.current;
  }

  waitFor(position: GlobalPosition): Promise<void> {
    if (this.loaded && this.current >= position) return Promise.resolve();
    if (this.stopping.signal.aborted) return Promise.reject(new SubscriptionStopped(this.subscriptionId));
    return new Promise((resolve, reject) => this.waiters.add({ position, resolve, reject }));
  }

  async caughtUp(): Promise<void> {
    return this.waitFor(await this.source.headPosition());
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.done;
  }

  /** Resolves when the loop has ended, for the store's bookkeeping. */
  get ended(): Promise<void> {
    return this.done;
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private async run(): Promise<void> {
    const id = this.subscriptionId;
    const saved = this.options.inMemory ? { ok: true as const, value: null } : await this.attempt(() => this.source.loadCheckpoint(id), null);
    if (!saved.ok) return;
    this.current = saved.value ?? this.options.from ?? START;
    this.loaded = true;
    this.settle();
    while (!this.stopped) {
      const seen = this.source.appends.count;
      const page = await this.attempt(() => this.source.readAll({ from: this.current, maxCount: PAGE_SIZE }), null);
      if (!page.ok) return;
      if (page.value.length === 0) {
        await this.source.appends.wait(this.pollIntervalMs, seen, this.stopping.signal);
        continue;
      }
      if (this.stopped) return;
      const handled = await this.handle(page.value);
      if (!handled) return;
    }
  }

  /**
   * Hands a page to the handler, event by event with a checkpoint after each, or whole with one
   * checkpoint after it. A checkpoint is tried even when stop() came during the handler: a handled
   * event should not come again.
   */
  private async handle(page: readonly PositionedEvent[]): Promise<boolean> {
    const { handler, handleBatch } = this.options;
    if (handleBatch) {
      const first = page[0];
      const last = page.at(-1);
      if (!first || !last) return true;
      const handled = await this.attempt(() => handleBatch(page), first);
      return handled.ok && (await this.checkpoint(last.position));
    }
    for (const { event, position } of page) {
      if (this.stopped) return false;
      const handled = await this.attempt(() => handler(event, position), { event, position });
      if (!handled.ok || !(await this.checkpoint(position))) return false;
    }
    return true;
  }

  private async checkpoint(position: GlobalPosition): Promise<boolean> {
    if (!this.options.inMemory) {
      const saved = await this.attempt(() => this.source.saveCheckpoint(this.subscriptionId, position), null);
      if (!saved.ok) return false;
    }
    this.current = position;
    this.settle();
    return true;
  }

  /** Runs `operation` until it succeeds, backing off after each failure; gives up only on stop. */
  private async attempt<T>(
    operation: () => Promise<T>,
    on: Pick<SubscriptionErrorContext, 'event' | 'position'> | null,
  ): Promise<Outcome<T>> {
    const initial = this.options.retry?.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS;
    const max = this.options.retry?.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return { ok: true, value: await operation() };
      } catch (error) {
        this.report(error, { subscriptionId: this.subscriptionId, event: on?.event ?? null, position: on?.position ?? null, attempt });
        if (this.stopped) return { ok: false };
        await delay(Math.min(max, initial * 2 ** (attempt - 1)), this.stopping.signal);
        if (this.stopped) return { ok: false };
      }
    }
  }

  private report(error: unknown, context: SubscriptionErrorContext): void {
    if (this.options.onError) {
      this.options.onError(error, context);
      return;
    }
    const what = context.event ? `handling ${context.event.streamId}@${context.event.revision}` : 'reading or checkpointing';
    console.error(`subscription ${context.subscriptionId}: ${what} failed (attempt ${context.attempt}), will retry`, error);
  }

  private settle(): void {
    for (const waiter of this.waiters) {
      if (this.current >= waiter.position) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  private rejectWaiters(): void {
    for (const waiter of this.waiters) waiter.reject(new SubscriptionStopped(this.subscriptionId));
    this.waiters.clear();
  }
}
