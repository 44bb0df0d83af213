import { messageKeyOf } from '@whistle/contracts';
import type { EventEnvelope } from '@whistle/kernel';
import type { EventStore, SubscriptionErrorContext } from '@whistle/event-store';
import type { Logger } from './logger';
import type { MessageBus, OutgoingMessage } from './message-bus.port';

export interface RelayOptions {
  /** The service's own store: a relay publishes only what its service recorded. */
  readonly store: EventStore;
  readonly bus: MessageBus;
  readonly topic: string;
  /** Names the checkpoint; `relay:<topic>` by default. */
  readonly subscriptionId?: string;
  /**
   * Told about every failed publish (the event is retried, never skipped). Left out, the event
   * store's own report to stderr applies, so a stuck relay is never silent.
   */
  readonly logger?: Logger;
  readonly pollIntervalMs?: number;
  readonly retry?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
}

export interface Relay {
  /** Resolves once every event in the store when this was called has been published. */
  caughtUp(): Promise<void>;
  /** Lets the publish under way finish (and checkpoints it), then ends. */
  stop(): Promise<void>;
}

/**
 * Publishes every event the store records to the service's topic, a page at a time, from a
 * checkpointed subscription: the checkpoint moves only after the bus accepted the whole page, so a
 * crash publishes it again (consumers dedupe) and nothing is lost; a failed publish holds the
 * subscription on that page, retrying with backoff, so no later event overtakes it.
 */
export function startRelay(options: RelayOptions): Relay {
  const { store, bus, topic, logger } = options;
  const subscriptionId = options.subscriptionId ?? `relay:${topic}`;
  const subscription = store.subscribe({
    subscriptionId,
    pollIntervalMs: options.pollIntervalMs,
    retry: options.retry,
    // One publish per page: kafkajs sends it as one produce request, in the page's (global) order.
    handleBatch: (page) => bus.publish(topic, page.map(({ event }) => messageOf(event))),
    onError: logger && ((error, context) => logger.warn(failureDetails(topic, error, context), 'relay could not publish; retrying')),
  });
  return {
    caughtUp: () => subscription.caughtUp(),
    stop: () => subscription.stop(),
  };
}

/** Keyed by case so one case's events stay in order on a partitioned topic. */
function messageOf(event: EventEnvelope): OutgoingMessage {
  return {
    key: messageKeyOf(event),
    value: event,
    headers: { 'event-type': event.type, 'event-id': event.eventId, 'correlation-id': event.correlationId },
  };
}

function failureDetails(topic: string, error: unknown, context: SubscriptionErrorContext): object {
  return {
    topic,
    subscriptionId: context.subscriptionId,
    attempt: context.attempt,
    eventId: context.event?.eventId ?? null,
    position: context.position === null ? null : String(context.position),
    err: error,
  };
}
