import type { EventEnvelope } from '@whistle/kernel';
import { createEventConsumer, type EventConsumerOptions } from './event-consumer';
import { InProcessBus } from './in-process/in-process-bus';
import { InMemoryProcessedLog } from './processed-log/in-memory-processed-log';
import { envelope, recordingLogger, TOPIC } from './test-support';

const fastRetry = { attempts: 3, initialDelayMs: 1, maxDelayMs: 4 };

describe('event consumer', () => {
  let bus: InProcessBus;
  let processed: InMemoryProcessedLog;

  beforeEach(async () => {
    bus = new InProcessBus();
    await bus.createTopics([TOPIC]);
    processed = new InMemoryProcessedLog();
  });

  afterEach(() => bus.close());

  const start = (handle: EventConsumerOptions['handle'], extra: Partial<EventConsumerOptions> = {}) =>
    createEventConsumer({ bus, groupId: 'escalation', topics: [TOPIC], processed, handle, retry: fastRetry, ...extra });
  const publish = (...events: EventEnvelope[]) =>
    bus.publish(TOPIC, events.map((value) => ({ key: value.caseId, value })));

  it('handles an event published twice only once, and records it for the group', async () => {
    const handled: string[] = [];
    await start(async (event, message) => void handled.push(`${event.eventId}@${message.offset}`));
    await publish(envelope('c-1', 0));
    await publish(envelope('c-1', 0), envelope('c-1', 1));

    expect(handled).toEqual(['evt-c-1-0@0', 'evt-c-1-1@2']);
    expect(await processed.has('escalation', 'evt-c-1-0')).toBe(true);
    expect(await processed.has('query', 'evt-c-1-0')).toBe(false);
    expect(bus.dlqMessages(TOPIC)).toEqual([]);
  });

  it('tells onRecorded each event id once it is recorded, one at a time and a batch at once, dead letters included', async () => {
    const told: string[][] = [];
    const onRecorded = (ids: readonly string[]) => void told.push([...ids]);
    await start(
      async (event) => {
        if (event.eventId === 'evt-c-2-0') throw new Error('poison');
        // Recorded only after the handler: nothing is told while it runs.
        expect(told.flat()).not.toContain(event.eventId);
      },
      { onRecorded },
    );
    await publish(envelope('c-1', 0));
    await publish(envelope('c-2', 0));
    expect(told).toEqual([['evt-c-1-0'], ['evt-c-2-0']]);

    const batches: string[][] = [];
    const batchBus = new InProcessBus();
    await batchBus.createTopics([TOPIC]);
    await createEventConsumer({
      bus: batchBus,
      groupId: 'query',
      topics: [TOPIC],
      processed,
      handle: async () => undefined,
      handleBatch: async () => undefined,
      onRecorded: (ids) => void batches.push([...ids]),
    });
    await batchBus.publish(TOPIC, [envelope('c-3', 0), envelope('c-3', 1)].map((value) => ({ key: value.caseId, value })));
    expect(batches).toEqual([['evt-c-3-0', 'evt-c-3-1']]);
    await batchBus.close();
  });

  it('retries a failing handler with backoff until it succeeds', async () => {
    const logger = recordingLogger();
    let calls = 0;
    await start(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error(`store busy ${calls}`);
      },
      { logger, retry: { attempts: 5, initialDelayMs: 2, maxDelayMs: 3 } },
    );
    await publish(envelope('c-1', 0));

    expect(calls).toBe(3);
    expect(bus.dlqMessages(TOPIC)).toEqual([]);
    expect(await processed.has('escalation', 'evt-c-1-0')).toBe(true);
    expect(logger.lines.map(({ level, obj, msg }) => [level, obj['attempt'], obj['delayMs'], msg])).toEqual([
      ['warn', 1, 2, 'handler failed: Error: store busy 1; retrying'],
      ['warn', 2, 3, 'handler failed: Error: store busy 2; retrying'],
    ]);
  });

  it('moves an event whose handler keeps failing to the DLQ with the error, and the next one still flows', async () => {
    const logger = recordingLogger();
    const calls: string[] = [];
    await start(
      async (event) => {
        calls.push(event.eventId);
        if (event.eventId === 'evt-c-1-0') throw new TypeError('unit u-9 is not in the catalogue');
      },
      { logger },
    );
    await publish(envelope('c-1', 0), envelope('c-1', 1));
    await publish(envelope('c-1', 0));

    expect(calls).toEqual(['evt-c-1-0', 'evt-c-1-0', 'evt-c-1-0', 'evt-c-1-1']);
    const [letter, ...more] = bus.dlqMessages(TOPIC);
    expect(more).toEqual([]);
    expect(letter?.key).toBe('c-1');
    expect(letter?.value).toEqual(envelope('c-1', 0));
    const { 'dlq-error-stack': stack, ...headers } = letter?.headers ?? {};
    expect(headers).toEqual({
      'dlq-error': 'TypeError: unit u-9 is not in the catalogue',
      'dlq-attempts': '3',
      'dlq-group': 'escalation',
      'dlq-source-topic': TOPIC,
      'dlq-source-partition': '0',
      'dlq-source-offset': '0',
    });
    expect(stack).toMatch(/^TypeError: unit u-9 is not in the catalogue\n\s+at /);
    expect(await processed.has('escalation', 'evt-c-1-0')).toBe(true);
    expect(logger.lines.filter((line) => line.level === 'error').map((line) => line.msg)).toEqual([`moved a message to ${TOPIC}.dlq`]);
  });

  it('sends a value that is not an envelope straight to the DLQ, naming what is wrong, and goes on', async () => {
    const handled: string[] = [];
    await start(async (event) => void handled.push(event.eventId));
    const { revision: _revision, ...noRevision } = envelope('c-1', 0);
    await bus.publish(TOPIC, [
      { key: 'c-1', value: noRevision, headers: { 'event-id': 'evt-c-1-0' } },
      { key: 'c-1', value: 'not json we know' },
      { key: 'c-1', value: envelope('c-1', 1) },
    ]);

    expect(handled).toEqual(['evt-c-1-1']);
    expect(bus.dlqMessages(TOPIC).map((m) => ({ key: m.key, value: m.value, headers: m.headers }))).toEqual([
      {
        key: 'c-1',
        value: noRevision,
        headers: {
          'event-id': 'evt-c-1-0',
          'dlq-error': 'not an event envelope: revision must be an integer >= 0, got nothing',
          'dlq-group': 'escalation',
          'dlq-source-topic': TOPIC,
          'dlq-source-partition': '0',
          'dlq-source-offset': '0',
        },
      },
      {
        key: 'c-1',
        value: 'not json we know',
        headers: {
          'dlq-error': 'not an event envelope: the value is "not json we know", not an object',
          'dlq-group': 'escalation',
          'dlq-source-topic': TOPIC,
          'dlq-source-partition': '0',
          'dlq-source-offset': '1',
        },
      },
    ]);
  });

  it('stops without waiting out a backoff, leaving the message unrecorded for redelivery', async () => {
    let calls = 0;
    const consumer = await start(
      async () => {
        calls += 1;
        throw new Error('down');
      },
      { retry: { attempts: 5, initialDelayMs: 60_000 } },
    );
    const publishing = bus.publish(TOPIC, [{ key: 'c-1', value: envelope('c-1', 0) }]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const stoppedAt = Date.now();
    await consumer.stop();

    expect(Date.now() - stoppedAt).toBeLessThan(1_000);
    await expect(publishing).rejects.toThrow('consumer group escalation stopped before it finished a message');
    expect(calls).toBe(1);
    expect(await processed.has('escalation', 'evt-c-1-0')).toBe(false);
    expect(bus.dlqMessages(TOPIC)).toEqual([]);
  });

  it('refuses a retry policy without a single attempt', async () => {
    await expect(start(async () => undefined, { retry: { attempts: 0 } })).rejects.toThrow(
      'retry.attempts must be an integer >= 1, got 0',
    );
  });
});
