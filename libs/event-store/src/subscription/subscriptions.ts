import type { SubscribeOptions, Subscription } from '../event-store.port';
import { CatchUpSubscription, type SubscriptionSource } from './catch-up-subscription';

/**
 * The subscriptions one store instance runs. Two loops on one checkpoint would each deliver every
 * event, so a second subscribe with a running id is refused.
 */
export class Subscriptions {
  private readonly running = new Map<string, CatchUpSubscription>();

  constructor(
    private readonly source: SubscriptionSource,
    private readonly defaultPollIntervalMs: number,
  ) {}

  start(options: SubscribeOptions): Subscription {
    const id = options.subscriptionId;
    if (id === '') throw new Error('a subscription needs a non-empty subscriptionId');
    if (this.running.has(id)) throw new Error(`subscription ${id} is already running on this store`);
    const subscription = new CatchUpSubscription(this.source, options, options.pollIntervalMs ?? this.defaultPollIntervalMs);
    this.running.set(id, subscription);
    void subscription.ended.finally(() => {
      if (this.running.get(id) === subscription) this.running.delete(id);
    });
    return subscription;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.values()].map((subscription) => subscription.stop()));
  }
}
