import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, KafkaJSNonRetriableError, logLevel } from 'kafkajs';
import { uuidIds, type EventEnvelope } from '@whistle/kernel';
import { SqliteEventStore } from '@whistle/event-store';
import { requireInfra } from '@whistle/testing';
import { createEventConsumer } from '../event-consumer';
import { InMemoryProcessedLog } from '../processed-log/in-memory-processed-log';
import { startRelay } from '../relay';
import type { IncomingMessage } from '../message-bus.port';
import { KafkaBus } from './kafka-bus';

/** The Kafka adapter against the real broker the project's scripts start (deploy/local). */
jest.setTimeout(120_000);

let brokers: string[];
beforeAll(() => {
  brokers = requireInfra().kafkaBrokers;
}, 20 * 60_000);

const topic = (name: string) => `test.${name}.${randomUUID().slice(0, 8)}`;

async function until(check: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function envelope(caseId: string, n: number): EventEnvelope {
  return {
    eventId: randomUUID(),
    type: 'test.Happened.v1',
    data: { n },
    caseId,
    streamId: `case-${caseId}`,
    revision: n,
    occurredAt: '2026-11-21T08:00:00.000Z',
    recordedAt: '2026-11-21T08:00:00.000Z',
    actor: { id: 'tester', role: 'system' },
    correlationId: 'c',
    causationId: null,
    prevHash: '0'.repeat(64),
    hash: '0'.repeat(64),
  };
}

describe('KafkaBus on a real broker', () => {
  it('creates each topic with its dead-letter topic and the configured partitions', async () => {
    const bus = new KafkaBus({ brokers, clientId: 'test', partitions: 3 });
    const name = topic('create');
    await bus.createTopics([name]);
    await bus.createTopics([name]);
    const admin = new Kafka({ brokers, clientId: 'inspect', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: [name, `${name}.dlq`] });
    await admin.disconnect();
    await bus.close();
    expect(metadata.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual([
      [name, 3],
      [`${name}.dlq`, 3],
    ]);
  });

  it('delivers every message to every group, in order per key, with key and headers', async () => {
    const bus = new KafkaBus({ brokers, clientId: 'test', partitions: 3 });
    const name = topic('order');
    await bus.createTopics([name]);
    const seen: Record<string, IncomingMessage[]> = { a: [], b: [] };
    const consumers = await Promise.all(
      (['a', 'b'] as const).map((group) => bus.consume({ groupId: `${name}-${group}`, topics: [name], handle: async (m) => void seen[group]!.push(m) })),
    );
    const messages = ['c1', 'c2', 'c3'].flatMap((caseId) => [0, 1, 2, 3].map((n) => ({ key: caseId, value: envelope(caseId, n), headers: { 'event-type': 'test.Happened.v1' } })));
    await bus.publish(name, messages);
    await until(() => seen['a']!.length === 12 && seen['b']!.length === 12);
    for (const group of ['a', 'b']) {
      for (const caseId of ['c1', 'c2', 'c3']) {
        const ofCase = seen[group]!.filter((m) => m.key === caseId).map((m) => (m.value as EventEnvelope).revision);
        expect(ofCase).toEqual([0, 1, 2, 3]);
      }
    }
    expect(seen['a']![0]!.headers['event-type']).toBe('test.Happened.v1');
    for (const consumer of consumers) await consumer.stop();
    await bus.close();
  });

  it('commits a message only after its handler finished: a new consumer of the group resumes after the last handled one', async () => {
    const bus = new KafkaBus({ brokers, clientId: 'test', partitions: 1 });
    const name = topic('commit');
    await bus.createTopics([name]);
    const first: number[] = [];
    const consumer = await bus.consume({
      groupId: `${name}-g`,
      topics: [name],
      handle: async (m) => {
        const n = (m.value as EventEnvelope).revision;
        if (n === 3) throw new Error('not handled');
        first.push(n);
      },
    });
    await bus.publish(name, [0, 1, 2, 3, 4].map((n) => ({ key: 'k', value: envelope('k', n) })));
    await until(() => first.length === 3);
    await consumer.stop();
    const second: number[] = [];
    const again = await bus.consume({ groupId: `${name}-g`, topics: [name], handle: async (m) => void second.push((m.value as EventEnvelope).revision) });
    await until(() => second.length >= 2);
    await again.stop();
    await bus.close();
    expect(first).toEqual([0, 1, 2]);
    expect(second).toEqual([3, 4]);
  });

  it('tells a group’s backlog: every message before its first commit, then what is past its committed offsets, over all partitions', async () => {
    const bus = new KafkaBus({ brokers, clientId: 'test', partitions: 3 });
    const name = topic('backlog');
    const group = `${name}-g`;
    await bus.createTopics([name]);
    await bus.publish(name, ['a', 'b', 'c', 'd'].flatMap((key) => [0, 1].map((n) => ({ key, value: envelope(key, n) }))));
    expect(await bus.backlog(group, [name])).toBe(8);

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handled: string[] = [];
    const consumer = await bus.consume({
      groupId: group,
      topics: [name],
      handle: async (m) => {
        // The case `d` waits: its partition stays behind while the others are committed.
        if (m.key === 'd') await gate;
        handled.push(`${m.key}${(m.value as EventEnvelope).revision}`);
      },
    });
    // Whatever does not share d's partition goes through meanwhile.
    await until(() => handled.length >= 2);
    await new Promise((r) => setTimeout(r, 1_000));
    const whileHeld = await bus.backlog(group, [name]);
    // d's two messages at least; another key sharing d's partition may be held behind it too.
    expect(whileHeld).toBeGreaterThanOrEqual(2);
    release();
    await until(() => handled.length === 8);
    // The last commit follows its handler at once; ask until it is in.
    const end = Date.now() + 10_000;
    let after = await bus.backlog(group, [name]);
    while (after !== 0 && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      after = await bus.backlog(group, [name]);
    }
    expect(after).toBe(0);
    await consumer.stop();
    await bus.close();
  });

  it('relays a store to another service’s consumer; a poison message goes to the DLQ and the next one still flows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kafka-relay-'));
    const bus = new KafkaBus({ brokers, clientId: 'test', partitions: 2 });
    const name = topic('relay');
    await bus.createTopics([name]);
    const store = new SqliteEventStore({ file: join(dir, 'a.db'), pollIntervalMs: 20 });
    const handled: string[] = [];
    const consumer = await createEventConsumer({
      bus,
      groupId: `${name}-b`,
      topics: [name],
      processed: new InMemoryProcessedLog(),
      handle: async (event) => void handled.push(event.eventId),
      retry: { attempts: 2, initialDelayMs: 10 },
    });
    const relay = startRelay({ store, bus, topic: name });
    try {
      const appended = await store.append(
        'case-x',
        [0, 1].map(() => ({ eventId: uuidIds.next(), type: 'test.Happened.v1', data: {}, caseId: 'x', occurredAt: '2026-11-21T08:00:00.000Z', actor: { id: 'a', role: 'system' as const }, correlationId: 'c', causationId: null })),
        'no_stream',
      );
      await bus.publish(name, [{ key: 'x', value: null, rawValue: '{not an envelope at all' }]);
      await store.append(
        'case-x',
        [{ eventId: uuidIds.next(), type: 'test.Happened.v1', data: {}, caseId: 'x', occurredAt: '2026-11-21T08:00:00.000Z', actor: { id: 'a', role: 'system' as const }, correlationId: 'c', causationId: null }],
        1,
      );
      await until(() => handled.length === 3);
      expect(handled.slice(0, 2)).toEqual(appended.events.map((e) => e.eventId));

      const dead: IncomingMessage[] = [];
      const dlq = await bus.consume({ groupId: `${name}-dlq-reader`, topics: [`${name}.dlq`], handle: async (m) => void dead.push(m) });
      await until(() => dead.length === 1);
      // The dead letter holds the bytes that arrived, unchanged (not re-encoded as a JSON string).
      expect(dead[0]!.rawValue).toBe('{not an envelope at all');
      expect(dead[0]!.value).toBe('{not an envelope at all');
      expect(dead[0]!.headers['dlq-error']).toMatch(/not an event envelope/);
      await dlq.stop();
    } finally {
      await relay.stop();
      await consumer.stop();
      await bus.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps two systems on one cluster apart by namespace: topics, groups and what consumers see', async () => {
    const name = topic('ns');
    const one = new KafkaBus({ brokers, clientId: 'test', partitions: 1, namespace: 'one.' });
    const two = new KafkaBus({ brokers, clientId: 'test', partitions: 1, namespace: 'two.' });
    const seen: Record<'one' | 'two', IncomingMessage[]> = { one: [], two: [] };
    try {
      await one.createTopics([name]);
      await two.createTopics([name]);
      const admin = new Kafka({ clientId: 'test-admin', brokers, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      const names = await admin.listTopics();
      await admin.disconnect();
      expect(names).toEqual(expect.arrayContaining([`one.${name}`, `one.${name}.dlq`, `two.${name}`, `two.${name}.dlq`]));
      expect(names).not.toContain(name);

      const consumers = [
        await one.consume({ groupId: 'g', topics: [name], handle: async (m) => void seen.one.push(m) }),
        await two.consume({ groupId: 'g', topics: [name], handle: async (m) => void seen.two.push(m) }),
      ];
      await one.publish(name, [{ key: 'k1', value: envelope('k1', 0) }]);
      await two.publish(name, [{ key: 'k2', value: envelope('k2', 0) }, { key: 'k2', value: envelope('k2', 1) }]);
      await until(() => seen.one.length === 1 && seen.two.length === 2);
      expect(seen.one.map((m) => [m.topic, m.key])).toEqual([[name, 'k1']]);
      expect(seen.two.map((m) => [m.topic, m.key])).toEqual([[name, 'k2'], [name, 'k2']]);
      for (const c of consumers) await c.stop();
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('starts a fresh group member when kafkajs gives up on its consumer, and the message comes again', async () => {
    const name = topic('crash');
    const bus = new KafkaBus({ brokers, clientId: 'test', partitions: 1 });
    const seen: number[] = [];
    let failed = false;
    try {
      await bus.createTopics([name]);
      const consumer = await bus.consume({
        groupId: `${name}-g`,
        topics: [name],
        handle: async (m) => {
          const revision = (m.value as EventEnvelope).revision;
          if (revision === 1 && !failed) {
            failed = true;
            // What kafkajs will not restart a consumer after.
            throw new KafkaJSNonRetriableError('the broker said something final');
          }
          seen.push(revision);
        },
      });
      await bus.publish(name, [0, 1, 2].map((n) => ({ key: 'k', value: envelope('k', n) })));
      await until(() => seen.length === 3, 60_000);
      expect(seen).toEqual([0, 1, 2]);
      await consumer.stop();
    } finally {
      await bus.close();
    }
  });

  it('hands a batch handler many messages at once, in order per partition, and commits only a batch that resolved', async () => {
    const bus = new KafkaBus({ brokers, clientId: 'test', partitions: 3 });
    const name = topic('batch');
    await bus.createTopics([name]);
    const messages = Array.from({ length: 600 }, (_, i) => ({ key: `c${i % 5}`, value: envelope(`c${i % 5}`, Math.floor(i / 5)) }));
    await bus.publish(name, messages);
    const batches: IncomingMessage[][] = [];
    let failFirst = true;
    const consumer = await bus.consume({
      groupId: `${name}-g`,
      topics: [name],
      handleBatch: async (batch) => {
        // The first batch fails: nothing of it is committed, and it comes again.
        if (failFirst) {
          failFirst = false;
          throw new Error('read models down');
        }
        batches.push([...batch]);
      },
    });
    await until(() => batches.reduce((n, b) => n + b.length, 0) >= 600);
    await consumer.stop();
    expect(batches.length).toBeLessThan(60);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(500);
    for (const batch of batches) expect(new Set(batch.map((m) => m.partition)).size).toBe(1);
    const seen = batches.flat();
    expect(new Set(seen.map((m) => (m.value as EventEnvelope).eventId)).size).toBe(600);
    for (const caseId of ['c0', 'c1', 'c2', 'c3', 'c4']) {
      const revisions = seen.filter((m) => m.key === caseId).map((m) => (m.value as EventEnvelope).revision);
      expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    }

    // Everything handled was committed: a new member of the group gets only what comes next.
    const later: IncomingMessage[] = [];
    const again = await bus.consume({ groupId: `${name}-g`, topics: [name], handleBatch: async (batch) => void later.push(...batch) });
    await bus.publish(name, [{ key: 'c9', value: envelope('c9', 0) }]);
    await until(() => later.length > 0);
    await again.stop();
    await bus.close();
    expect(later.map((m) => m.key)).toEqual(['c9']);
  });
});
