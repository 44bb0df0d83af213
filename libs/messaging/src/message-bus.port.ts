import type { EventEnvelope } from '@whistle/kernel';

/**
 * A message on its way between services: on a topic, keyed by case id so a case stays in order.
 * On a service topic the value is an event; on a `.dlq` topic it is whatever value failed, as it
 * arrived, which may not be an envelope at all.
 */
export interface OutgoingMessage<Value = EventEnvelope> {
  readonly key: string;
  readonly value: Value;
  /** The exact bytes to send instead of `value` as JSON: a dead letter keeps what arrived, unchanged. */
  readonly rawValue?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface IncomingMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  /** the raw value: a consumer must not trust it to be a valid envelope (a poison message) */
  readonly value: unknown;
  /** the value's text exactly as it arrived, where the bus has one */
  readonly rawValue?: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface ConsumeSettings {
  /** one consumer group per service: every group sees every message of its topics */
  readonly groupId: string;
  readonly topics: readonly string[];
}

/** Exactly one of the two: each message on its own, or the messages as they arrive together. */
export type ConsumeHandling =
  | {
      /**
       * Called for each message in order per key. Resolving commits it; rejecting is the caller's
       * problem only after the consumer wrapper (`createEventConsumer`) has retried and sent it to the DLQ.
       */
      readonly handle: (message: IncomingMessage) => Promise<void>;
      readonly handleBatch?: never;
    }
  | {
      /**
       * Called with consecutive messages of one partition (Kafka's fetched batch, or what the
       * in-process bus has queued), in offset order. Resolving commits them all; rejecting commits
       * none, so the bus delivers them all again.
       */
      readonly handleBatch: (messages: readonly IncomingMessage[]) => Promise<void>;
      readonly handle?: never;
    };

export type ConsumeOptions = ConsumeSettings & ConsumeHandling;

export interface RunningConsumer {
  stop(): Promise<void>;
}

/**
 * The bus between services. In embedded mode it is in-process; in distributed mode Kafka. The
 * relay, the consumer's idempotency, retry and dead-letter path are the same code on both.
 */
export interface MessageBus {
  /** Ensures the topics (and their `.dlq`) exist. */
  createTopics(topics: readonly string[]): Promise<void>;
  /**
   * Resolves once the messages are durably accepted by the bus. Takes any JSON value because the
   * dead-letter path republishes poison messages unchanged.
   */
  publish(topic: string, messages: readonly OutgoingMessage<unknown>[]): Promise<void>;
  consume(options: ConsumeOptions): Promise<RunningConsumer>;
  /**
   * How many messages of `topics` the group has not finished with: what the bus holds past the
   * group's committed offsets, the ones being handled included. What a producer has not published
   * yet is not counted: a relay's lag is its own store's business.
   */
  backlog(groupId: string, topics: readonly string[]): Promise<number>;
  close(): Promise<void>;
}
