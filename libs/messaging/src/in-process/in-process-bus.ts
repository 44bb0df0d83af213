import { dlqOf } from '@whistle/contracts';
import type { ConsumeOptions, IncomingMessage, MessageBus, OutgoingMessage, RunningConsumer } from '../message-bus.port';
import { GroupQueue, handlerScope } from './group-queue';

interface Topic {
  nextOffset: number;
  readonly groups: Map<string, GroupQueue>;
  /** Only `.dlq` topics keep their messages: nothing else is ever read back. */
  readonly retained: IncomingMessage[] | null;
}

interface Encoded {
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The embedded mode's bus: topics with one partition, delivered in the publishing call; a group
 * that handles batches gets each published batch at once.
 *
 * `publish` resolves only once every subscribed group's handler has finished with every message,
 * and rejects if one failed. So the relay, which checkpoints after publishing, never runs ahead of
 * what the consumers have handled: if the process dies, the relay sends the rest again. Nothing is
 * kept for a group that was not subscribed when a message came: the relay's checkpoint and the
 * read-model rebuilds cover history, so subscribe consumers before starting relays.
 */
export class InProcessBus implements MessageBus {
  private readonly topics = new Map<string, Topic>();
  private readonly consumers = new Set<RunningConsumer>();
  private closed = false;

  async createTopics(topics: readonly string[]): Promise<void> {
    this.assertOpen();
    for (const topic of topics) {
      this.ensureTopic(topic);
      if (!isDlq(topic)) this.ensureTopic(dlqOf(topic));
    }
  }

  async publish(topic: string, messages: readonly OutgoingMessage<unknown>[]): Promise<void> {
    this.assertOpen();
    const log = this.topic(topic);
    const scope = handlerScope.getStore();
    if (scope && scope.topic === topic && log.groups.has(scope.groupId)) {
      throw new Error(
        `group ${scope.groupId} published to ${topic} from its own handler of ${topic}: in process that publish would wait for itself`,
      );
    }
    // Encode the whole batch first, so a value that is not JSON fails it before any is delivered.
    const encoded = messages.map(encode);
    const first = log.nextOffset;
    log.nextOffset += encoded.length;
    encoded.forEach((message, i) => log.retained?.push(decode(topic, String(first + i), message)));
    const outcomes = await Promise.allSettled(
      [...log.groups.values()].map((group) => group.deliver(encoded.map((message, i) => decode(topic, String(first + i), message)))),
    );
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    // The failing group's rest of the batch waits for the publisher's retry, as a Kafka consumer re-reads from the failed offset.
    if (failed) throw failed.reason;
  }

  async consume(options: ConsumeOptions): Promise<RunningConsumer> {
    this.assertOpen();
    const { groupId } = options;
    const logs = [...new Set(options.topics)].map((topic) => ({ topic, log: this.topic(topic) }));
    for (const { topic, log } of logs) {
      if (log.groups.has(groupId)) throw new Error(`group ${groupId} already consumes ${topic} on this bus`);
    }
    const queues = logs.map(({ topic, log }) => {
      const queue = new GroupQueue(groupId, topic, options);
      log.groups.set(groupId, queue);
      return { log, queue };
    });
    const consumer: RunningConsumer = {
      stop: async () => {
        this.consumers.delete(consumer);
        for (const { log, queue } of queues) if (log.groups.get(groupId) === queue) log.groups.delete(groupId);
        await Promise.all(queues.map(({ queue }) => queue.stop()));
      },
    };
    this.consumers.add(consumer);
    return consumer;
  }

  async backlog(groupId: string, topics: readonly string[]): Promise<number> {
    return [...new Set(topics)].reduce((sum, topic) => sum + (this.topic(topic).groups.get(groupId)?.backlog ?? 0), 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
  }

  /** What was dead-lettered from `sourceTopic` (the messages on its `.dlq`), oldest first, as copies. */
  dlqMessages(sourceTopic: string): IncomingMessage[] {
    const retained = this.topic(dlqOf(sourceTopic)).retained ?? [];
    return retained.map((message) => JSON.parse(JSON.stringify(message)) as IncomingMessage);
  }

  private ensureTopic(topic: string): void {
    if (topic === '') throw new Error('a topic needs a non-empty name');
    if (!this.topics.has(topic)) this.topics.set(topic, { nextOffset: 0, groups: new Map(), retained: isDlq(topic) ? [] : null });
  }

  private topic(topic: string): Topic {
    const log = this.topics.get(topic);
    if (!log) throw new Error(`unknown topic ${topic}: create it with createTopics first`);
    return log;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the in-process bus is closed');
  }
}

// '.dlq', spelled only by the contracts
const DLQ_SUFFIX = dlqOf('');
const isDlq = (topic: string): boolean => topic.endsWith(DLQ_SUFFIX);

/** JSON text, as a broker would carry it, so no consumer ever holds the producer's objects. */
function encode(message: OutgoingMessage<unknown>): Encoded {
  const value = JSON.stringify(message.value);
  if (value === undefined) throw new Error(`the message keyed ${message.key} has no JSON value`);
  return { key: message.key, value, headers: { ...message.headers } };
}

/** A fresh copy per group, so one group cannot change what another receives. */
function decode(topic: string, offset: string, message: Encoded): IncomingMessage {
  return { topic, partition: 0, offset, key: message.key, value: JSON.parse(message.value), headers: { ...message.headers } };
}
