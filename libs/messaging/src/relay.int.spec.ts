import { join } from 'node:path';
import { ManualClock } from '@whistle/kernel';
import { SqliteEventStore } from '@whistle/event-store';
import { InProcessBus } from './in-process/in-process-bus';
import { startRelay } from './relay';
import { collect, newEvent, recordingLogger, tempDir, TOPIC } from './test-support';

const clock = new ManualClock('2026-11-21T08:00:00.000Z');
const fast = { pollIntervalMs: 10, retry: { initialDelayMs: 5, maxDelayMs: 20 } };

describe('relay', () => {
  let temp: ReturnType<typeof tempDir>;
  let file: string;
  let bus: InProcessBus;

  beforeEach(async () => {
    temp = tempDir();
    file = join(temp.dir, 'intake.sqlite');
    bus = new InProcessBus();
    await bus.createTopics([TOPIC]);
  });

  afterEach(async () => {
    await bus.close();
    temp.cleanup();
  });

  it('publishes appended events in order, keyed by case, with type, id and correlation headers', async () => {
    const store = new SqliteEventStore({ file, clock });
    const { messages } = await collect(bus, 'query', [TOPIC]);
    const relay = startRelay({ store, bus, topic: TOPIC, ...fast });
    try {
      const first = await store.append('case-c-1', [newEvent('c-1', 0), newEvent('c-1', 1)], 'no_stream');
      const second = await store.append('case-c-2', [newEvent('c-2', 0)], 'no_stream');
      await relay.caughtUp();

      expect(messages.map(({ key, offset, headers }) => ({ key, offset, headers }))).toEqual([
        { key: 'c-1', offset: '0', headers: { 'event-type': 'intake.CaseReported.v1', 'event-id': 'evt-c-1-0', 'correlation-id': 'corr-c-1' } },
        { key: 'c-1', offset: '1', headers: { 'event-type': 'intake.CaseReported.v1', 'event-id': 'evt-c-1-1', 'correlation-id': 'corr-c-1' } },
        { key: 'c-2', offset: '2', headers: { 'event-type': 'intake.CaseReported.v1', 'event-id': 'evt-c-2-0', 'correlation-id': 'corr-c-2' } },
      ]);
      expect(messages.map((m) => m.value)).toEqual([...first.events, ...second.events]);
    } finally {
      await relay.stop();
      await store.close();
    }
  });

  it('publishes what is stored a page per publish, in global order across streams', async () => {
    const store = new SqliteEventStore({ file, clock });
    const { messages } = await collect(bus, 'query', [TOPIC]);
    for (let n = 0; n < 300; n += 1) await store.append(`case-c-${n % 7}`, [newEvent(`c-${n % 7}`, Math.floor(n / 7))], n < 7 ? 'no_stream' : Math.floor(n / 7) - 1);
    const publishes: number[] = [];
    const publish = bus.publish.bind(bus);
    bus.publish = async (topic, batch) => (publishes.push(batch.length), publish(topic, batch));
    const relay = startRelay({ store, bus, topic: TOPIC, ...fast });
    try {
      await relay.caughtUp();
      // The store's subscription hands pages of 256: two publishes, not 300.
      expect(publishes).toEqual([256, 44]);
      const stored = (await store.readAll({ from: -1n, maxCount: 1_000 })).map((p) => p.event.eventId);
      expect(messages.map((m) => m.headers['event-id'])).toEqual(stored);
    } finally {
      await relay.stop();
      await store.close();
    }
  });

  it('resumes after its checkpoint when started again on the reopened store, repeating nothing', async () => {
    const { messages } = await collect(bus, 'query', [TOPIC]);
    const firstStore = new SqliteEventStore({ file, clock });
    const firstRelay = startRelay({ store: firstStore, bus, topic: TOPIC, ...fast });
    await firstStore.append('case-c-1', [newEvent('c-1', 0), newEvent('c-1', 1)], 'no_stream');
    await firstRelay.caughtUp();
    await firstRelay.stop();
    await firstStore.append('case-c-1', [newEvent('c-1', 2)], 1);
    await firstStore.close();

    const store = new SqliteEventStore({ file, clock });
    await store.append('case-c-1', [newEvent('c-1', 3)], 2);
    const relay = startRelay({ store, bus, topic: TOPIC, ...fast });
    try {
      await relay.caughtUp();
      expect(messages.map((m) => m.headers['event-id'])).toEqual(['evt-c-1-0', 'evt-c-1-1', 'evt-c-1-2', 'evt-c-1-3']);
    } finally {
      await relay.stop();
      await store.close();
    }
  });

  it('names its checkpoint relay:<topic> unless told otherwise', async () => {
    const store = new SqliteEventStore({ file, clock });
    const relay = startRelay({ store, bus, topic: TOPIC, ...fast });
    try {
      expect(() => startRelay({ store, bus, topic: TOPIC, ...fast })).toThrow(`subscription relay:${TOPIC} is already running on this store`);
      const other = startRelay({ store, bus, topic: TOPIC, subscriptionId: 'relay:audit-copy', ...fast });
      await other.stop();
    } finally {
      await relay.stop();
      await store.close();
    }
  });

  it('retries a publish that fails, losing and reordering nothing, and logs each failure', async () => {
    const store = new SqliteEventStore({ file, clock });
    const logger = recordingLogger();
    let failuresLeft = 2;
    const flaky: string[] = [];
    await bus.consume({
      groupId: 'flaky',
      topics: [TOPIC],
      handle: async (message) => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('projection offline');
        }
        flaky.push(String(message.headers['event-id']));
      },
    });
    const steady = await collect(bus, 'steady', [TOPIC]);
    await store.append('case-c-1', [newEvent('c-1', 0), newEvent('c-1', 1)], 'no_stream');
    const relay = startRelay({ store, bus, topic: TOPIC, logger, ...fast });
    try {
      await relay.caughtUp();

      expect(flaky).toEqual(['evt-c-1-0', 'evt-c-1-1']);
      // The healthy group sees the retried page again: duplicates are what consumers dedupe.
      expect(steady.messages.map((m) => m.headers['event-id'])).toEqual(['evt-c-1-0', 'evt-c-1-1', 'evt-c-1-0', 'evt-c-1-1', 'evt-c-1-0', 'evt-c-1-1']);
      expect(logger.lines.map(({ level, msg, obj }) => [level, msg, obj['attempt'], obj['eventId'], obj['topic']])).toEqual([
        ['warn', 'relay could not publish; retrying', 1, 'evt-c-1-0', TOPIC],
        ['warn', 'relay could not publish; retrying', 2, 'evt-c-1-0', TOPIC],
      ]);
      expect(logger.lines[0]?.obj['err']).toEqual(new Error('projection offline'));
    } finally {
      await relay.stop();
      await store.close();
    }
  });
});
