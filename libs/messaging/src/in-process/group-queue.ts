import { AsyncLocalStorage } from 'node:async_hooks';
import type { ConsumeHandling, IncomingMessage } from '../message-bus.port';

/** Which group's handler, on which topic, the current async call chain is running inside. */
export const handlerScope = new AsyncLocalStorage<{ readonly groupId: string; readonly topic: string }>();

/**
 * One consumer group's place on one topic, like a Kafka partition's single active member: it runs
 * the handler for one delivery at a time, in the order deliveries were queued.
 */
export class GroupQueue {
  private tail: Promise<void> = Promise.resolve();
  private stopped = false;
  private unfinished = 0;

  constructor(
    readonly groupId: string,
    readonly topic: string,
    private readonly handling: ConsumeHandling,
  ) {}

  /**
   * Resolves or rejects with the handler, after every delivery queued before it. A batch handler
   * gets the messages at once; a message handler gets them one by one and stops at the first that
   * fails, as a Kafka consumer re-reads from the failed offset.
   */
  deliver(messages: readonly IncomingMessage[]): Promise<void> {
    this.unfinished += messages.length;
    const run = this.tail
      .then(() => {
        // A group that stopped is gone, like a group that never subscribed: it skips what is left.
        if (this.stopped) return;
        return handlerScope.run({ groupId: this.groupId, topic: this.topic }, () => this.handleAll(messages));
      })
      .finally(() => (this.unfinished -= messages.length));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Messages queued or being handled. A delivery that failed is not counted: its publisher sends it again. */
  get backlog(): number {
    return this.unfinished;
  }

  /** Skips the deliveries still queued and waits for the running handler to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.tail;
  }

  private async handleAll(messages: readonly IncomingMessage[]): Promise<void> {
    const { handle, handleBatch } = this.handling;
    if (handleBatch) return handleBatch(messages);
    for (const message of messages) {
      if (this.stopped) return;
      await handle(message);
    }
  }
}
