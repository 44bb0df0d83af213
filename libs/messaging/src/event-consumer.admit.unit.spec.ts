import type { EventEnvelope } from '@whistle/kernel';
import { createEventConsumer, type EventConsumerOptions, type ReceivedEvent } from './event-consumer';
import { InProcessBus } from './in-process/in-process-bus';
import { InMemoryProcessedLog } from './processed-log/in-memory-processed-log';
import { envelope, recordingLogger, TOPIC } from './test-support';

const fastRetry = { attempts: 3, initialDelayMs: 1, maxDelayMs: 4 };

/** An envelope whose data says it is not the genuine one: the admit below holds such back. */
const forged = (n: number): EventEnvelope => ({ ...envelope('c-1', n), data: { forged: true } });
const isForged = ({ event }: ReceivedEvent) => (event.data as { forged?: boolean }).forged === true;

describe.each([
  ['one message at a time', false],
  ['batches', true],
])('event consumer with admit, %s', (_, batches) => {
  let bus: InProcessBus;
  let processed: InMemoryProcessedLog;
  let handled: string[];
  let looked: string[];

  beforeEach(async () => {
    bus = new InProcessBus();
    await bus.createTopics([TOPIC]);
    processed = new InMemoryProcessedLog();
    handled = [];
    looked = [];
  });

  afterEach(() => bus.close());

  const consume = (admit: NonNullable<EventConsumerOptions['admit']>, logger = recordingLogger()) =>
    createEventConsumer({
      bus,
      groupId: 'audit',
      topics: [TOPIC],
      processed,
      retry: fastRetry,
      logger,
      handle: async (event) => void handled.push(event.eventId),
      ...(batches ? { handleBatch: async (events: readonly EventEnvelope[]) => void handled.push(...events.map((e) => e.eventId)) } : {}),
      admit,
    });
  const publish = (...values: unknown[]) => bus.publish(TOPIC, values.map((value) => ({ key: 'c-1', value })));
  const holdingBackForged = async (received: readonly ReceivedEvent[]) => {
    looked.push(...received.map(({ event, message }) => `${event.eventId}@${message.offset}`));
    return received.filter((one) => !isForged(one));
  };

  it('sees every well-formed message, duplicates included, and hands on only what it admits; one held back is not recorded, so the genuine event still counts', async () => {
    await consume(holdingBackForged);
    await publish(envelope('c-1', 0), forged(1), { not: 'an envelope' });
    await publish(envelope('c-1', 0), envelope('c-1', 1));

    expect(looked).toEqual(['evt-c-1-0@0', 'evt-c-1-1@1', 'evt-c-1-0@3', 'evt-c-1-1@4']);
    expect(handled).toEqual(['evt-c-1-0', 'evt-c-1-1']);
    expect(await processed.processedOf('audit', ['evt-c-1-0', 'evt-c-1-1'])).toEqual(new Set(['evt-c-1-0', 'evt-c-1-1']));
    // The malformed value went to the DLQ as before; the forged one did not: it was dealt with by admit.
    expect(bus.dlqMessages(TOPIC).map((m) => m.headers['dlq-source-offset'])).toEqual(['2']);
  });

  it('tries a failing admit again with backoff; failing every attempt, the messages go back to the bus unhandled', async () => {
    const logger = recordingLogger();
    let outage = 2;
    await consume(async (received) => {
      if (outage > 0) {
        outage -= 1;
        throw new Error('the store is away');
      }
      return received;
    }, logger);
    await publish(envelope('c-1', 0));
    expect(handled).toEqual(['evt-c-1-0']);
    expect(logger.lines.filter((l) => l.msg === 'admitting messages failed: Error: the store is away; retrying').map((l) => l.obj['attempt'])).toEqual([1, 2]);

    outage = fastRetry.attempts;
    await expect(publish(envelope('c-1', 1))).rejects.toThrow('the store is away');
    expect(handled).toEqual(['evt-c-1-0']);
    expect(await processed.processedOf('audit', ['evt-c-1-1'])).toEqual(new Set());
    expect(bus.dlqMessages(TOPIC)).toEqual([]);
  });
});
