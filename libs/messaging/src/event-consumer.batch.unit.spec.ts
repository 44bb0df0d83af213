import type { EventEnvelope } from '@whistle/kernel';
import { createEventConsumer } from './event-consumer';
import { InProcessBus } from './in-process/in-process-bus';
import { InMemoryProcessedLog } from './processed-log/in-memory-processed-log';
import { envelope, recordingLogger, TOPIC } from './test-support';

const fastRetry = { attempts: 3, initialDelayMs: 1, maxDelayMs: 4 };

/** A processed log that counts its look-ups and writes, to show a batch costs one of each. */
class CountingLog extends InMemoryProcessedLog {
  readonly calls: string[] = [];
  override async processedOf(groupId: string, eventIds: readonly string[]): Promise<ReadonlySet<string>> {
    this.calls.push(`processedOf ${eventIds.length}`);
    return super.processedOf(groupId, eventIds);
  }
  override async addAll(groupId: string, eventIds: readonly string[]): Promise<void> {
    this.calls.push(`addAll ${eventIds.length}`);
    return super.addAll(groupId, eventIds);
  }
  override async has(groupId: string, eventId: string): Promise<boolean> {
    this.calls.push('has');
    return super.has(groupId, eventId);
  }
  override async add(groupId: string, eventId: string): Promise<void> {
    this.calls.push('add');
    return super.add(groupId, eventId);
  }
}

describe('event consumer with a batch handler', () => {
  let bus: InProcessBus;
  let processed: CountingLog;

  beforeEach(async () => {
    bus = new InProcessBus();
    await bus.createTopics([TOPIC]);
    processed = new CountingLog();
  });

  afterEach(() => bus.close());

  const publish = (...values: unknown[]) => bus.publish(TOPIC, values.map((value) => ({ key: 'c-1', value })));

  it('hands a delivered batch to handleBatch once, deduped in one look-up and recorded in one write', async () => {
    const batches: string[][] = [];
    const single: string[] = [];
    await createEventConsumer({
      bus,
      groupId: 'query',
      topics: [TOPIC],
      processed,
      retry: fastRetry,
      handle: async (event) => void single.push(event.eventId),
      handleBatch: async (events) => void batches.push(events.map((e) => e.eventId)),
    });
    await publish(envelope('c-1', 0));
    processed.calls.length = 0;
    const page = Array.from({ length: 300 }, (_, n) => envelope('c-1', n));
    // The page repeats an event it already holds and one handled before: each counts once.
    await publish(...page, envelope('c-1', 5));

    expect(batches).toEqual([['evt-c-1-0'], page.slice(1).map((e) => e.eventId)]);
    expect(single).toEqual([]);
    expect(processed.calls).toEqual(['processedOf 301', 'addAll 299']);
    expect(await processed.processedOf('query', page.map((e) => e.eventId))).toEqual(new Set(page.map((e) => e.eventId)));
  });

  it('passes over the events the group is not concerned with: neither deduped, handled nor recorded, in batches and one at a time', async () => {
    const batches: string[][] = [];
    const single: string[] = [];
    const even = (event: EventEnvelope) => event.revision % 2 === 0;
    await createEventConsumer({ bus, groupId: 'notifications', topics: [TOPIC], processed, retry: fastRetry, concerns: even, handle: async (e) => void single.push(e.eventId), handleBatch: async (events) => void batches.push(events.map((e) => e.eventId)) });
    await publish(...Array.from({ length: 6 }, (_, n) => envelope('c-1', n)));
    expect(batches).toEqual([['evt-c-1-0', 'evt-c-1-2', 'evt-c-1-4']]);
    expect(processed.calls).toEqual(['processedOf 3', 'addAll 3']);

    const alone = new InProcessBus();
    await alone.createTopics([TOPIC]);
    const oneLog = new CountingLog();
    await createEventConsumer({ bus: alone, groupId: 'notifications', topics: [TOPIC], processed: oneLog, retry: fastRetry, concerns: even, handle: async (e) => void single.push(e.eventId) });
    await alone.publish(TOPIC, [envelope('c-2', 1), envelope('c-2', 2)].map((value) => ({ key: 'c-2', value })));
    expect(single).toEqual(['evt-c-2-2']);
    expect(oneLog.calls).toEqual(['has', 'add']);
    await alone.close();
  });

  it('tries a failing batch again before taking its events one at a time: a moment’s outage sends nothing to the DLQ', async () => {
    const batches: number[] = [];
    const single: string[] = [];
    let outage = 2;
    await createEventConsumer({
      bus,
      groupId: 'query',
      topics: [TOPIC],
      processed,
      retry: fastRetry,
      handle: async (event) => void single.push(event.eventId),
      handleBatch: async (events) => {
        if (outage > 0) {
          outage -= 1;
          throw new Error('the read-model store is away');
        }
        batches.push(events.length);
      },
    });
    await publish(...[0, 1, 2].map((n) => envelope('c-1', n)));
    expect(batches).toEqual([3]);
    expect(single).toEqual([]);
    expect(bus.dlqMessages(TOPIC)).toEqual([]);
  });

  it('isolates a poison event when the batch fails: the others are handled one at a time, the poison goes to the DLQ', async () => {
    const logger = recordingLogger();
    const handled: string[] = [];
    const poison = envelope('c-1', 2);
    const fails = (event: EventEnvelope) => event.eventId === poison.eventId;
    await createEventConsumer({
      bus,
      groupId: 'query',
      topics: [TOPIC],
      processed,
      retry: fastRetry,
      logger,
      handle: async (event) => {
        if (fails(event)) throw new Error('cannot project this');
        handled.push(event.eventId);
      },
      handleBatch: async (events) => {
        if (events.some(fails)) throw new Error('cannot project this');
        handled.push(...events.map((e) => e.eventId));
      },
    });
    await publish(...[0, 1, 2, 3, 4].map((n) => envelope('c-1', n)), { not: 'an envelope' });
    await publish(envelope('c-1', 5), envelope('c-1', 6));

    expect(handled).toEqual(['evt-c-1-0', 'evt-c-1-1', 'evt-c-1-3', 'evt-c-1-4', 'evt-c-1-5', 'evt-c-1-6']);
    const letters = bus.dlqMessages(TOPIC);
    expect(letters.map((m) => [m.offset, m.headers['dlq-error']?.split(':')[0], m.headers['dlq-attempts']])).toEqual([
      ['0', 'not an event envelope', undefined],
      ['1', 'Error', '3'],
    ]);
    expect(letters[1]?.value).toEqual(poison);
    expect(letters[1]?.headers['dlq-source-offset']).toBe('2');
    // Dead-lettered counts as dealt with: a redelivery of the batch neither retries nor re-letters it.
    await publish(...[0, 1, 2, 3, 4].map((n) => envelope('c-1', n)));
    expect(bus.dlqMessages(TOPIC)).toHaveLength(2);
    expect(handled).toHaveLength(6);
    expect(logger.lines.filter((l) => l.msg.endsWith('retrying the batch')).map((l) => l.obj['attempt'])).toEqual([1, 2]);
    expect(logger.lines.filter((l) => l.msg.endsWith('handling its events one at a time')).map((l) => l.obj['events'])).toEqual([5]);
  });
});
