import type { IncomingMessage } from '../message-bus.port';
import { collect, envelope, settle, TOPIC } from '../test-support';
import { InProcessBus } from './in-process-bus';

const OTHER = 'whistle.escalation.v1';

describe('InProcessBus', () => {
  let bus: InProcessBus;

  beforeEach(async () => {
    bus = new InProcessBus();
    await bus.createTopics([TOPIC, OTHER]);
  });

  afterEach(() => bus.close());

  it('delivers a batch in order with growing offsets on partition 0', async () => {
    const { messages } = await collect(bus, 'query', [TOPIC]);
    await bus.publish(TOPIC, [0, 1, 2].map((n) => ({ key: 'c-1', value: envelope('c-1', n), headers: { n: String(n) } })));
    await bus.publish(TOPIC, [{ key: 'c-2', value: envelope('c-2', 0) }]);

    expect(messages.map(({ topic, partition, offset, key, headers }) => ({ topic, partition, offset, key, headers }))).toEqual([
      { topic: TOPIC, partition: 0, offset: '0', key: 'c-1', headers: { n: '0' } },
      { topic: TOPIC, partition: 0, offset: '1', key: 'c-1', headers: { n: '1' } },
      { topic: TOPIC, partition: 0, offset: '2', key: 'c-1', headers: { n: '2' } },
      { topic: TOPIC, partition: 0, offset: '3', key: 'c-2', headers: {} },
    ]);
    expect(messages.map((m) => m.value)).toEqual([envelope('c-1', 0), envelope('c-1', 1), envelope('c-1', 2), envelope('c-2', 0)]);
  });

  it('gives every group every message of the topics it consumes, and nothing else', async () => {
    const query = await collect(bus, 'query', [TOPIC, OTHER]);
    const escalation = await collect(bus, 'escalation', [TOPIC]);
    await bus.publish(TOPIC, [{ key: 'c-1', value: envelope('c-1', 0) }]);
    await bus.publish(OTHER, [{ key: 'c-9', value: envelope('c-9', 0) }]);
    await bus.publish(TOPIC, [{ key: 'c-1', value: envelope('c-1', 1) }]);

    expect(query.messages.map((m) => `${m.topic}@${m.offset}:${m.key}`)).toEqual([
      `${TOPIC}@0:c-1`,
      `${OTHER}@0:c-9`,
      `${TOPIC}@1:c-1`,
    ]);
    expect(escalation.messages.map((m) => `${m.topic}@${m.offset}:${m.key}`)).toEqual([`${TOPIC}@0:c-1`, `${TOPIC}@1:c-1`]);
  });

  it('resolves publish only after every group has finished with the message', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const finished: string[] = [];
    await bus.consume({
      groupId: 'slow',
      topics: [TOPIC],
      handle: async () => {
        await gate;
        finished.push('slow');
      },
    });
    await bus.consume({ groupId: 'fast', topics: [TOPIC], handle: async () => void finished.push('fast') });

    let published = false;
    const publishing = bus.publish(TOPIC, [{ key: 'c-1', value: envelope('c-1', 0) }]).then(() => (published = true));
    await settle();
    expect(finished).toEqual(['fast']);
    expect(published).toBe(false);

    release();
    await publishing;
    expect(finished).toEqual(['fast', 'slow']);
  });

  it('counts as a group’s backlog what it has been given and not finished, per group and topic', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await bus.consume({ groupId: 'slow', topics: [TOPIC, OTHER], handle: () => gate });
    await collect(bus, 'fast', [TOPIC]);
    expect(await bus.backlog('slow', [TOPIC, OTHER])).toBe(0);

    const publishing = bus.publish(TOPIC, [0, 1].map((n) => ({ key: 'c-1', value: envelope('c-1', n) })));
    await settle();
    expect(await bus.backlog('slow', [TOPIC, OTHER])).toBe(2);
    expect(await bus.backlog('slow', [OTHER])).toBe(0);
    expect(await bus.backlog('fast', [TOPIC])).toBe(0);
    expect(await bus.backlog('nobody', [TOPIC])).toBe(0);

    release();
    await publishing;
    expect(await bus.backlog('slow', [TOPIC, OTHER])).toBe(0);
  });

  it('hands one group one message at a time, in offset order, even from concurrent publishers', async () => {
    const seen: string[] = [];
    let running = 0;
    let mostAtOnce = 0;
    await bus.consume({
      groupId: 'query',
      topics: [TOPIC],
      handle: async (message) => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        await settle();
        seen.push(`${message.offset}:${message.key}`);
        running -= 1;
      },
    });
    const batch = (caseId: string) => [0, 1].map((n) => ({ key: caseId, value: envelope(caseId, n) }));
    await Promise.all([bus.publish(TOPIC, batch('a')), bus.publish(TOPIC, batch('b'))]);

    expect(mostAtOnce).toBe(1);
    expect(seen).toEqual(['0:a', '1:a', '2:b', '3:b']);
  });

  it('copies values through JSON, so no consumer shares objects with the producer or another group', async () => {
    const produced = envelope('c-1', 0);
    const received: IncomingMessage[] = [];
    await bus.consume({
      groupId: 'mutator',
      topics: [TOPIC],
      handle: async (message) => {
        (message.value as { data: { n: number } }).data.n = 99;
        received.push(message);
      },
    });
    const bystander = await collect(bus, 'bystander', [TOPIC]);
    await bus.publish(TOPIC, [{ key: 'c-1', value: produced }]);

    expect(received[0]?.value).not.toBe(produced);
    expect((received[0]?.value as { data: { n: number } }).data.n).toBe(99);
    expect(produced.data).toEqual({ n: 0, note: 'event 0' });
    expect(bystander.messages[0]?.value).toEqual(envelope('c-1', 0));
  });

  it('refuses unknown topics by name, for publishing and consuming', async () => {
    await expect(bus.publish('whistle.nowhere.v1', [{ key: 'k', value: envelope('k', 0) }])).rejects.toThrow(
      'unknown topic whistle.nowhere.v1',
    );
    await expect(bus.consume({ groupId: 'g', topics: ['whistle.nowhere.v1'], handle: async () => undefined })).rejects.toThrow(
      'unknown topic whistle.nowhere.v1',
    );
  });

  it('creates each topic with its .dlq, which works like any topic and stays readable', async () => {
    const watcher = await collect(bus, 'dlq-watcher', [`${TOPIC}.dlq`]);
    await bus.publish(`${TOPIC}.dlq`, [{ key: 'c-1', value: { broken: true }, headers: { 'dlq-error': 'boom' } }]);

    expect(watcher.messages.map((m) => m.value)).toEqual([{ broken: true }]);
    expect(bus.dlqMessages(TOPIC)).toEqual([
      { topic: `${TOPIC}.dlq`, partition: 0, offset: '0', key: 'c-1', value: { broken: true }, headers: { 'dlq-error': 'boom' } },
    ]);
    expect(bus.dlqMessages(OTHER)).toEqual([]);
  });

  it('does not replay earlier messages to a group that subscribes later', async () => {
    await bus.publish(TOPIC, [{ key: 'c-1', value: envelope('c-1', 0) }]);
    const late = await collect(bus, 'late', [TOPIC]);
    await bus.publish(TOPIC, [{ key: 'c-1', value: envelope('c-1', 1) }]);

    expect(late.messages.map((m) => m.offset)).toEqual(['1']);
  });

  it('rejects publish when a handler fails and holds back the rest of the batch from that group only', async () => {
    const healthy = await collect(bus, 'healthy', [TOPIC]);
    const tried: string[] = [];
    await bus.consume({ groupId: 'broken', topics: [TOPIC], handle: async (m) => (tried.push(m.offset), Promise.reject(new Error('disk full'))) });

    await expect(
      bus.publish(TOPIC, [0, 1].map((n) => ({ key: 'c-1', value: envelope('c-1', n) }))),
    ).rejects.toThrow('disk full');
    expect(tried).toEqual(['0']);
    expect(healthy.messages.map((m) => m.offset)).toEqual(['0', '1']);
  });

  it('hands a batch-handling group each published batch at once, one batch at a time, in offset order', async () => {
    const batches: string[][] = [];
    let running = 0;
    let mostAtOnce = 0;
    await bus.consume({
      groupId: 'query',
      topics: [TOPIC],
      handleBatch: async (messages) => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        await settle();
        batches.push(messages.map((m) => `${m.offset}:${m.key}`));
        running -= 1;
      },
    });
    const batch = (caseId: string, size: number) => Array.from({ length: size }, (_, n) => ({ key: caseId, value: envelope(caseId, n) }));
    await Promise.all([bus.publish(TOPIC, batch('a', 3)), bus.publish(TOPIC, batch('b', 1))]);

    expect(mostAtOnce).toBe(1);
    expect(batches).toEqual([['0:a', '1:a', '2:a'], ['3:b']]);
  });

  it('rejects publish when a batch handler fails', async () => {
    await bus.consume({ groupId: 'broken', topics: [TOPIC], handleBatch: async () => Promise.reject(new Error('read models down')) });
    await expect(bus.publish(TOPIC, [{ key: 'c-1', value: envelope('c-1', 0) }])).rejects.toThrow('read models down');
  });

  it('refuses a value that is not JSON before delivering any of the batch', async () => {
    const group = await collect(bus, 'query', [TOPIC]);
    await expect(
      bus.publish(TOPIC, [
        { key: 'c-1', value: envelope('c-1', 0) },
        { key: 'c-1', value: undefined },
      ]),
    ).rejects.toThrow('the message keyed c-1 has no JSON value');
    expect(group.messages).toEqual([]);
  });

  it('turns a publish to a topic from its own group handler into an error instead of a deadlock', async () => {
    const failures: unknown[] = [];
    await bus.consume({
      groupId: 'echo',
      topics: [TOPIC],
      handle: async (message) => {
        if (message.offset !== '0') return;
        await bus.publish(TOPIC, [{ key: 'c-1', value: envelope('c-1', 1) }]).catch((error: unknown) => failures.push(error));
      },
    });
    await bus.publish(TOPIC, [{ key: 'c-1', value: envelope('c-1', 0) }]);

    expect(failures).toEqual([
      new Error(`group echo published to ${TOPIC} from its own handler of ${TOPIC}: in process that publish would wait for itself`),
    ]);
  });

  it('allows one running consumer per group and topic, and none after stop or close', async () => {
    const first = await collect(bus, 'query', [TOPIC]);
    await expect(collect(bus, 'query', [TOPIC])).rejects.toThrow(`group query already consumes ${TOPIC} on this bus`);

    await first.consumer.stop();
    await bus.publish(TOPIC, [{ key: 'c-1', value: envelope('c-1', 0) }]);
    const second = await collect(bus, 'query', [TOPIC]);
    await bus.publish(TOPIC, [{ key: 'c-1', value: envelope('c-1', 1) }]);
    expect(first.messages).toEqual([]);
    expect(second.messages.map((m) => m.offset)).toEqual(['1']);

    await bus.close();
    await expect(bus.publish(TOPIC, [{ key: 'c-1', value: envelope('c-1', 2) }])).rejects.toThrow('the in-process bus is closed');
    expect(second.messages.map((m) => m.offset)).toEqual(['1']);
  });
});
