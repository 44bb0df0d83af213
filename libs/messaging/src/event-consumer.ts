import type { EventEnvelope } from '@whistle/kernel';
import { backoffDelay, sleep } from './backoff';
import { deadLetterOf, errorMessage, type DeadLetterCause } from './dead-letter';
import { envelopeProblem } from './envelope-guard';
import { silentLogger, type Logger } from './logger';
import type { IncomingMessage, MessageBus, RunningConsumer } from './message-bus.port';
import type { ProcessedLog } from './processed-log/processed-log.port';

/** A well-formed message and the event it carries. */
export interface ReceivedEvent {
  readonly event: EventEnvelope;
  readonly message: IncomingMessage;
}

export interface EventConsumerOptions {
  readonly bus: MessageBus;
  /** One per service: the dedupe record and the bus's offsets are kept per group. */
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly processed: ProcessedLog;
  /** Must bear being called again for an event it handled, if the process dies before it is recorded. */
  readonly handle: (event: EventEnvelope, message: IncomingMessage) => Promise<void>;
  /**
   * Handles a batch's new events at once (a projection writing each touched document once). When
   * it fails, `handle` takes the same events one at a time, with retries and the DLQ, so a poison
   * event is isolated and the others still go through. Must bear seeing events again, as `handle`.
   */
  readonly handleBatch?: (events: readonly EventEnvelope[]) => Promise<void>;
  /**
   * The events the group reacts to, when not all: any other is passed over, neither deduped,
   * handled nor recorded (the bus still moves past it), so a group that cares for a few types
   * spends nothing on the rest.
   */
  readonly concerns?: (event: EventEnvelope) => boolean;
  /**
   * Sees every well-formed message the group is concerned with before the dedupe, redeliveries and duplicates included, and
   * returns those that may go on (the audit holds the Kafka copy against the stores here). One it
   * holds back is neither handled nor recorded as processed, so the genuine event with the same id
   * still is when it comes. Retried with the handlers' backoff; failing every attempt, it rejects to
   * the bus, which delivers the messages again.
   */
  readonly admit?: (received: readonly ReceivedEvent[]) => Promise<readonly ReceivedEvent[]>;
  /** `attempts` counts the first call: 5 by default, waiting 50 ms, doubling up to `maxDelayMs` (5 s). */
  readonly retry?: { readonly attempts?: number; readonly initialDelayMs?: number; readonly maxDelayMs?: number };
  readonly logger?: Logger;
  /**
   * Told the event ids the group has just recorded as dealt with (handled, or dead-lettered), so
   * that whoever waits for an event to be consumed need not poll the ProcessedLog.
   */
  readonly onRecorded?: (eventIds: readonly string[]) => void;
}

/** Rejects to the bus a message whose retries a stop cut short: it was not dealt with, so it must come again. */
export class ConsumerStopped extends Error {
  override readonly name = 'ConsumerStopped';
  constructor(readonly groupId: string) {
    super(`consumer group ${groupId} stopped before it finished a message`);
  }
}

/**
 * The one way services consume: each event is handled once per group in effect (dedupe by
 * eventId), retried with backoff, and after the last attempt moved to `<topic>.dlq` and recorded,
 * so one bad message never holds up its partition. With `handleBatch`, what the bus delivers
 * together is deduped, handled and recorded at once, and taken one at a time only when that fails. Only a stop, or a failing ProcessedLog or DLQ
 * publish, rejects to the bus, which then delivers the message again.
 */
export async function createEventConsumer(options: EventConsumerOptions): Promise<RunningConsumer> {
  const { bus, groupId, handle } = options;
  const processed = recording(options.processed, options.onRecorded);
  const logger = options.logger ?? silentLogger;
  const attempts = options.retry?.attempts ?? 5;
  const initialDelayMs = options.retry?.initialDelayMs ?? 50;
  const maxDelayMs = options.retry?.maxDelayMs ?? 5_000;
  if (!Number.isInteger(attempts) || attempts < 1) throw new Error(`retry.attempts must be an integer >= 1, got ${attempts}`);
  const stopping = new AbortController();

  const deadLetter = async (message: IncomingMessage, cause: DeadLetterCause): Promise<void> => {
    const letter = deadLetterOf(message, groupId, cause);
    await bus.publish(letter.topic, [letter.message]);
    logger.error({ groupId, ...where(message), ...letter.message.headers }, `moved a message to ${letter.topic}`);
  };

  /** Success, or `run`'s last error once every attempt failed (boxed: anything may be thrown). */
  const withRetries = async (run: () => Promise<void>, context: object, failed: string, retrying: string): Promise<{ readonly error: unknown } | null> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await run();
        return null;
      } catch (error) {
        if (attempt >= attempts) return { error };
        const delayMs = backoffDelay(attempt, initialDelayMs, maxDelayMs);
        logger.warn({ groupId, ...context, attempt, delayMs, err: error }, `${failed} failed: ${errorMessage(error)}; ${retrying}`);
        await sleep(delayMs, stopping.signal);
        if (stopping.signal.aborted) throw new ConsumerStopped(groupId);
      }
    }
  };

  const handleWithRetries = (event: EventEnvelope, message: IncomingMessage) => withRetries(() => handle(event, message), where(message), 'handler', 'retrying');

  /** What `admit` lets through (everything without one); its last error, once every attempt failed, goes to the bus. */
  const admitted = async (received: readonly ReceivedEvent[]): Promise<readonly ReceivedEvent[]> => {
    const { admit } = options;
    if (!admit || received.length === 0) return received;
    let through: readonly ReceivedEvent[] = [];
    const failure = await withRetries(
      async () => void (through = await admit(received)),
      { messages: received.length, ...where(received[0]!.message) },
      'admitting messages',
      'retrying',
    );
    if (failure !== null) throw failure.error;
    return through;
  };

  const consumeOne = async (message: IncomingMessage): Promise<void> => {
    const problem = envelopeProblem(message.value);
    if (problem !== null) {
      await deadLetter(message, { kind: 'malformed', reason: problem });
      return;
    }
    // envelopeProblem has just checked every member the type promises.
    const event = message.value as EventEnvelope;
    if (options.concerns && !options.concerns(event)) return;
    if ((await admitted([{ event, message }])).length === 0) return;
    if (await processed.has(groupId, event.eventId)) return;
    const failure = await handleWithRetries(event, message);
    if (failure !== null) await deadLetter(message, { kind: 'failed', error: failure.error, attempts });
    await processed.add(groupId, event.eventId);
  };

  /** Malformed values to the DLQ, the batch's new events deduped in one look-up, handled at once, recorded in one write. */
  const consumeBatch = async (handleBatch: NonNullable<EventConsumerOptions['handleBatch']>, messages: readonly IncomingMessage[]): Promise<void> => {
    const wellFormed: ReceivedEvent[] = [];
    for (const message of messages) {
      const problem = envelopeProblem(message.value);
      if (problem !== null) await deadLetter(message, { kind: 'malformed', reason: problem });
      else if (!options.concerns || options.concerns(message.value as EventEnvelope)) wellFormed.push({ event: message.value as EventEnvelope, message });
    }
    const valid = await admitted(wellFormed);
    const done = new Set(await processed.processedOf(groupId, valid.map(({ event }) => event.eventId)));
    // A relay that redid a page can put the same event twice in one batch: the first one counts.
    const fresh = valid.filter(({ event }) => !done.has(event.eventId) && done.add(event.eventId));
    if (fresh.length === 0) return;
    const events = fresh.map(({ event }) => event);
    // The whole batch is tried again, with backoff, before its events go one at a time: a store or
    // database away for a moment must not send a whole batch to the DLQ, which no replay could
    // repair once later events of the same streams were applied. A poison event fails every try
    // and is then found on its own.
    const failure = await withRetries(() => handleBatch(events), { events: fresh.length, ...where(fresh[0]!.message) }, 'batch handler', 'retrying the batch');
    if (failure !== null) {
      logger.warn({ groupId, events: fresh.length, ...where(fresh[0]!.message), err: failure.error }, `batch handler failed: ${errorMessage(failure.error)}; handling its events one at a time`);
      for (const { event, message } of fresh) {
        const one = await handleWithRetries(event, message);
        if (one !== null) await deadLetter(message, { kind: 'failed', error: one.error, attempts });
        await processed.add(groupId, event.eventId);
      }
      return;
    }
    await processed.addAll(groupId, fresh.map(({ event }) => event.eventId));
  };

  const { handleBatch } = options;
  const running = await bus.consume(
    handleBatch
      ? { groupId, topics: options.topics, handleBatch: (messages) => consumeBatch(handleBatch, messages) }
      : { groupId, topics: options.topics, handle: consumeOne },
  );
  return {
    stop: async () => {
      stopping.abort();
      await running.stop();
    },
  };
}

/** The log, telling `onRecorded` what each write recorded once it is written. */
function recording(log: ProcessedLog, onRecorded: EventConsumerOptions['onRecorded']): ProcessedLog {
  if (!onRecorded) return log;
  return {
    has: (groupId, eventId) => log.has(groupId, eventId),
    processedOf: (groupId, eventIds) => log.processedOf(groupId, eventIds),
    add: async (groupId, eventId) => {
      await log.add(groupId, eventId);
      onRecorded([eventId]);
    },
    addAll: async (groupId, eventIds) => {
      await log.addAll(groupId, eventIds);
      onRecorded(eventIds);
    },
  };
}

function where(message: IncomingMessage): Record<string, string | number> {
  return { topic: message.topic, partition: message.partition, offset: message.offset, key: message.key };
}
