import { join } from 'node:path';
import type { Webhook } from '@whistle/contracts';
import type { Clock, EventEnvelope } from '@whistle/kernel';
import type { CatalogueIndex } from '@whistle/catalogue';
import type { Logger } from '@whistle/messaging';
import { WebhookChannel, type NotificationChannel } from './notification-channel';
import { NotificationOutbox } from './notification-outbox';
import type { Recipient } from './notification';
import { afterFailure, type RetryPolicy } from './retry-policy';
import type { WebhookSecrets } from './webhook-secrets';
import { isNear, nearDeadlineDraft, reactTo } from './who-is-notified';

export interface NotifierSettings {
  readonly DATA_DIR: string;
  readonly SCHEDULER_TICK_MS: number;
  readonly NOTIFY_NEAR_DEADLINE_PERCENT: number;
  readonly NOTIFY_RETRY_ATTEMPTS: number;
  readonly NOTIFY_RETRY_INITIAL_MS: number;
  readonly NOTIFY_RETRY_MAX_MS: number;
  readonly NOTIFY_TIMEOUT_MS: number;
}

export interface NotifierOptions {
  readonly catalogue: CatalogueIndex;
  readonly secrets: WebhookSecrets;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly random?: () => number;
}

/** The outbox's file under DATA_DIR; the notifier's processed log shares it. */
export const outboxFileIn = (dataDir: string): string => join(dataDir, 'notifications.db');

/** How many due notifications one pass sends at most, so a backlog never starves the timer. */
const BATCH = 20;

/**
 * The notifier (通知): fed every event by its consumer, it records who is to be told in the outbox;
 * its timer, ticking like the deadline scheduler (SCHEDULER_TICK_MS), records the reminders of
 * report-in deadlines that come near and sends what is due, one try at a time per notification,
 * retried with backoff and jitter, and dead-lettered after the last try. A restart loses nothing:
 * what was recorded is sent, and what was not yet handled the consumer delivers again.
 */
export class Notifier {
  readonly outbox: NotificationOutbox;
  readonly policy: RetryPolicy;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closed = false;
  private readonly attemptListeners: ((outcome: 'delivered' | 'failed' | 'dead') => void)[] = [];
  /** The problems of reaching a recipient already logged, so a failing webhook warns once, not at each try. */
  private readonly warned = new Set<string>();

  constructor(
    readonly settings: NotifierSettings,
    private readonly options: NotifierOptions,
  ) {
    this.outbox = new NotificationOutbox(outboxFileIn(settings.DATA_DIR), options.clock.now());
    this.policy = { attempts: settings.NOTIFY_RETRY_ATTEMPTS, initialDelayMs: settings.NOTIFY_RETRY_INITIAL_MS, maxDelayMs: settings.NOTIFY_RETRY_MAX_MS };
  }

  get file(): string {
    return outboxFileIn(this.settings.DATA_DIR);
  }

  /**
   * The consumer's handler: bears being called again for the same event (ids are derived, inserts
   * ignored). A new consumer group reads its topics from the beginning: events recorded before this
   * outbox first opened (a notifier added to a running system) teach it the cases' stations and
   * deadlines but notify no one, rather than send years of stale summonses at once.
   */
  readonly handle = (event: EventEnvelope): Promise<void> => this.handleBatch([event]);

  /** The consumer's batch handler: what a batch's events ask for, recorded in one transaction. */
  readonly handleBatch = async (events: readonly EventEnvelope[]): Promise<void> => {
    if (this.outbox.atOnce(() => events.reduce((added, event) => added + this.record(event), 0)) > 0) this.kick();
  };

  /** Records what one event asks for; answers how many notifications were new. */
  private record(event: EventEnvelope): number {
    const reacted = reactTo(event, (caseId) => this.outbox.stationOf(caseId));
    const reaction = event.recordedAt < this.outbox.openedFirstAt ? { ...reacted, notify: [] } : reacted;
    return this.outbox.apply(reaction, this.options.clock.now(), (r) => this.webhookOf(r) !== undefined);
  }

  /**
   * The webhook the catalogue in force names for a recipient. A notification is addressed to its
   * unit or station, not to a URL: each try reaches it by the webhook in force then, so a URL the
   * administrator corrects (目录变更) is used from the next try, and a dead one is not retried.
   */
  webhookOf(recipient: Recipient): Webhook | undefined {
    const { catalogue } = this.options;
    return recipient.kind === 'unit' ? catalogue.unit(recipient.id)?.webhook : catalogue.station(recipient.id)?.webhook;
  }

  /**
   * The channel that reaches a recipient now, or why it cannot: a webhook whose secret is not in
   * WEBHOOK_SECRETS_FILE (one the catalogue gained after the start). Undefined when the catalogue
   * names no webhook. Only webhooks are built.
   */
  channelFor(recipient: Recipient): { readonly channel: NotificationChannel } | { readonly problem: string } | undefined {
    const webhook = this.webhookOf(recipient);
    if (!webhook) return undefined;
    const found = this.options.secrets.secretOf(webhook.secretRef);
    if ('problem' in found) return { problem: `the webhook of ${recipient.kind} ${recipient.id} cannot be signed: ${found.problem}` };
    return { channel: new WebhookChannel(webhook, found.secret, { timeoutMs: this.settings.NOTIFY_TIMEOUT_MS, nowSeconds: () => Math.floor(Date.parse(this.options.clock.now()) / 1000) }) };
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.settings.SCHEDULER_TICK_MS);
    this.kick();
  }

  /** One pass now, unless one is under way (which picks up what was just recorded when it looks next). */
  kick(): void {
    if (this.closed || this.running) return;
    this.running = this.pass()
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'notification pass failed; the next tick tries again'))
      .finally(() => {
        this.running = null;
      });
  }

  /** Records the reminders that came due, then sends what is due, until nothing is due now. */
  async pass(): Promise<void> {
    const now = this.options.clock.now();
    for (const watch of this.outbox.watches()) {
      if (Date.parse(now) >= Date.parse(watch.dueAt)) this.outbox.unwatch(watch);
      else if (isNear(watch, now, this.settings.NOTIFY_NEAR_DEADLINE_PERCENT)) {
        this.outbox.add([nearDeadlineDraft(watch)], now, (r) => this.webhookOf(r) !== undefined);
        this.outbox.unwatch(watch);
      }
    }
    for (;;) {
      if (this.closed) return;
      const due = this.outbox.due(this.options.clock.now(), BATCH);
      if (due.length === 0) return;
      await Promise.all(due.map((n) => this.tryOnce(n.id, n.recipient, n.body)));
    }
  }

  private async tryOnce(id: string, recipient: Recipient, body: string): Promise<void> {
    const reach = this.channelFor(recipient);
    const at = this.options.clock.now();
    if (!reach) {
      // The catalogue no longer names a way to reach it: its round ends as a dead letter, to be seen.
      this.outbox.recordAttempt(id, { at, channel: 'none', outcome: 'failed', httpStatus: null, error: 'the recipient has no webhook in the catalogue' }, { status: 'dead' });
      this.told('dead');
      return;
    }
    if ('problem' in reach) {
      // A failed try like any other, retried (the secret may be added meanwhile) and dead-lettered after the last.
      if (!this.warned.has(reach.problem)) this.options.logger.warn({ notificationId: id, recipient }, reach.problem);
      this.warned.add(reach.problem);
      return this.failed(id, recipient, { at, channel: 'webhook', httpStatus: null, error: reach.problem });
    }
    const outcome = await reach.channel.send({ id, body });
    const attempt = { at, channel: reach.channel.name, httpStatus: outcome.httpStatus ?? null, error: outcome.error ?? null };
    if (outcome.delivered) {
      this.outbox.recordAttempt(id, { ...attempt, outcome: 'delivered' }, { status: 'delivered' });
      this.told('delivered');
      return;
    }
    this.failed(id, recipient, attempt);
  }

  /** A failed try: another after the backoff, or the dead letter after the last. */
  private failed(id: string, recipient: Recipient, attempt: { readonly at: string; readonly channel: string; readonly httpStatus: number | null; readonly error: string | null }): void {
    const next = afterFailure(this.outbox.roundAttempts(id) + 1, this.policy, this.options.random ?? Math.random);
    if (next.dead) {
      this.outbox.recordAttempt(id, { ...attempt, outcome: 'failed' }, { status: 'dead' });
      this.told('dead');
      this.options.logger.warn({ notificationId: id, recipient, error: attempt.error }, 'notification dead-lettered after its last try');
    } else {
      const nextAttemptAt = new Date(Date.parse(this.options.clock.now()) + next.delayMs).toISOString();
      this.outbox.recordAttempt(id, { ...attempt, outcome: 'failed' }, { status: 'retrying', nextAttemptAt });
      this.told('failed');
    }
  }

  /** Told the outcome of each try: `dead` for a failed one that was the last of its round. */
  onAttempt(listener: (outcome: 'delivered' | 'failed' | 'dead') => void): void {
    this.attemptListeners.push(listener);
  }

  private told(outcome: 'delivered' | 'failed' | 'dead'): void {
    for (const listener of this.attemptListeners) listener(outcome);
  }

  /** Starts a dead notification's new round of tries at once. */
  retry(id: string): boolean {
    const revived = this.outbox.revive(id, this.options.clock.now());
    if (revived) this.kick();
    return revived;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    this.outbox.close();
  }
}
