import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage } from '../message-bus.port';

/** Which group's handler, on which topic, the current async call chain is running inside. */
export const handlerScope = new AsyncLocalStorage<{ readonly groupId: string; readonly topic: string }>();

/**
 * One consumer group's place on one topic, like a Kafka partition's single active member: it runs
 * the handler for one message at a time, in the order messages were queued.
 */
export class GroupQueue {
  private tail: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    readonly groupId: string,
    readonly topic: string,
    private readonly handle: (message: IncomingMessage) => Promise<void>,
  ) {}

  /** Resolves or rejects with the handler, after every message queued before it. */
  deliver(message: IncomingMessage): Promise<void> {
    const run = this.tail.then(() => {
      // A group that stopped is gone, like a group that never subscribed: it skips what is left.
      if (this.stopped) return;
      return handlerScope.run({ groupId: this.groupId, topic: this.topic }, () => this.handle(message));
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Skips the messages still queued and waits for the running handler to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.tail;
  }
}
