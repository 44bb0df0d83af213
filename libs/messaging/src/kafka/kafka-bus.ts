import type { Admin, Consumer, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { dlqOf } from '@whistle/contracts';
import { kafkajsDriver } from './kafkajs-driver';
import { silentLogger, type Logger } from '../logger';
import type { ConsumeOptions, IncomingMessage, MessageBus, OutgoingMessage, RunningConsumer } from '../message-bus.port';

/** The most messages a batch handler gets at once: bounds the work lost when a batch has to be redone. */
const MAX_HANDLED_BATCH = 500;
/** How long a handler may run on messages before the log says so (and again each time as long). */
const SLOW_HANDLER_LOG_MS = 60_000;

export interface KafkaBusOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** partitions of each topic the services create; a case's events share one (keyed by case) */
  readonly partitions: number;
  readonly replicationFactor?: number;
  /**
   * Put before every topic and consumer group name, so several systems (an acceptance run, a
   * staging copy) can share one cluster without reading each other's events. Empty by default.
   */
  readonly namespace?: string;
  /** How long the group coordinator waits for a silent consumer before giving its partitions to others (kafkajs: 30 s). */
  readonly sessionTimeoutMs?: number;
  readonly logger?: Logger;
}

/**
 * The bus on Apache Kafka: one topic per writing service, keyed by case so a case's events stay
 * in order; an idempotent producer that waits for every in-sync replica; one consumer group per
 * service that commits a message's offset only after its handler finished with it.
 */
export class KafkaBus implements MessageBus {
  private readonly kafka: Kafka;
  // The promise, not the producer: two first publishes at once must share one connection.
  private producer: Promise<Producer> | null = null;
  private admin: Promise<Admin> | null = null;
  private readonly consumers = new Set<Consumer>();
  private readonly logger: Logger;
  private readonly namespace: string;

  constructor(private readonly options: KafkaBusOptions) {
    this.logger = options.logger ?? silentLogger;
    this.namespace = options.namespace ?? '';
    const { Kafka, logLevel } = kafkajsDriver();
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      logLevel: logLevel.WARN,
      logCreator: () => ({ level, log }) => {
        const { message, ...extra } = log;
        if (level <= logLevel.ERROR) this.logger.error({ kafka: extra }, String(message));
        else this.logger.warn({ kafka: extra }, String(message));
      },
      retry: { initialRetryTime: 300, retries: 10 },
    });
  }

  async createTopics(topics: readonly string[]): Promise<void> {
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const all = [...new Set(topics.flatMap((t) => (t.endsWith('.dlq') ? [t] : [t, dlqOf(t)])))].map((t) => this.named(t));
      const existing = new Set(await admin.listTopics());
      const wanted = all.filter((t) => !existing.has(t));
      if (wanted.length > 0) {
        try {
          await admin.createTopics({
            waitForLeaders: true,
            topics: wanted.map((topic) => ({ topic, numPartitions: this.options.partitions, replicationFactor: this.options.replicationFactor ?? 1 })),
          });
        } catch (error) {
          // Services start together: another one may have created the same topic in between, or
          // the new topic's metadata is not there yet (retriable): the wait below settles both.
          if (!onlyAlreadyExists(error) && (error as { retriable?: boolean }).retriable !== true) throw error;
        }
      }
      await this.untilLeadersKnown(admin, all);
    } finally {
      await admin.disconnect();
    }
  }

  /** A topic another process just created may not have its leaders in this broker's metadata yet. */
  private async untilLeadersKnown(admin: Admin, topics: readonly string[]): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const { topics: described } = await admin.fetchTopicMetadata({ topics: [...topics] });
        if (described.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`the partitions of ${topics.join(', ')} have no leader after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async publish(topic: string, messages: readonly OutgoingMessage<unknown>[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connectedProducer();
    await producer.send({
      topic: this.named(topic),
      acks: -1,
      messages: messages.map((m) => ({ key: m.key, value: m.rawValue ?? JSON.stringify(m.value), headers: { ...(m.headers ?? {}) } })),
    });
  }

  async consume(options: ConsumeOptions): Promise<RunningConsumer> {
    let stopped = false;
    // kafkajs gives up on a consumer after some errors (a broker gone longer than its retries, a
    // non-retriable answer): a fresh member takes its place, or the service would stop consuming
    // for good. `current` is read only once a member has crashed, so after it is first set.
    const replace = async (): Promise<void> => {
      for (let delay = 1_000; !stopped; delay = Math.min(delay * 2, 30_000)) {
        try {
          const previous = current;
          this.consumers.delete(previous);
          await previous.disconnect().catch(() => undefined);
          if (stopped) return;
          current = await this.startMember(options, replace);
          return;
        } catch (error) {
          this.logger.error({ err: error, groupId: options.groupId, delayMs: delay }, 'could not start a new consumer yet; trying again');
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
    };
    let current = await this.startMember(options, replace);
    return {
      stop: async () => {
        stopped = true;
        this.consumers.delete(current);
        await current.disconnect();
      },
    };
  }

  /** One consumer group member, connected, subscribed and running `options.handle`. */
  private async startMember(options: ConsumeOptions, onGivenUp: () => Promise<void>): Promise<Consumer> {
    const consumer = this.kafka.consumer({
      groupId: this.named(options.groupId),
      allowAutoTopicCreation: false,
      retry: { retries: 10 },
      ...(this.options.sessionTimeoutMs ? { sessionTimeout: this.options.sessionTimeoutMs, heartbeatInterval: this.heartbeatIntervalMs } : {}),
    });
    this.consumers.add(consumer);
    consumer.on(consumer.events.CRASH, (event) => {
      if (!event.payload.restart) {
        this.logger.error({ err: event.payload.error, groupId: options.groupId }, 'the Kafka consumer crashed and will not restart itself: starting a new one');
        void onGivenUp();
      }
    });
    await consumer.connect();
    await this.subscribe(consumer, options.topics.map((t) => this.named(t)));
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        const incoming = (message: KafkaMessage): IncomingMessage => ({
          topic: batch.topic.slice(this.namespace.length),
          partition: batch.partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? '',
          value: parse(message.value),
          ...(message.value === null ? {} : { rawValue: message.value.toString('utf8') }),
          headers: textHeaders(message.headers),
        });
        // A batch handler takes a fetched batch in slices; a message handler takes slices of one.
        const sliceSize = options.handleBatch ? MAX_HANDLED_BATCH : 1;
        for (let from = 0; from < batch.messages.length; from += sliceSize) {
          if (!isRunning() || isStale()) return;
          const slice = batch.messages.slice(from, from + sliceSize);
          const last = slice.at(-1);
          if (!last) return;
          // The consumer wrapper retries and dead-letters; a rejection here means "not handled":
          // the offsets stay uncommitted and Kafka delivers the messages again.
          // A handler may retry for minutes while a store restarts: keep the member alive meanwhile,
          // or the group would hand its partitions to another member mid-message.
          // A handler that runs on long is said so in the log, once a minute, so a stuck partition is seen.
          const began = Date.now();
          let said = began;
          const beat = setInterval(() => {
            void heartbeat().catch(() => undefined);
            if (Date.now() - said < SLOW_HANDLER_LOG_MS) return;
            said = Date.now();
            const where = { groupId: options.groupId, topic: batch.topic, partition: batch.partition, offset: slice[0]?.offset, messages: slice.length };
            this.logger.warn({ ...where, seconds: Math.round((said - began) / 1_000) }, 'a handler is still at work on these messages');
          }, this.heartbeatIntervalMs);
          try {
            if (options.handleBatch) await options.handleBatch(slice.map(incoming));
            else for (const message of slice) await options.handle(incoming(message));
          } finally {
            clearInterval(beat);
          }
          resolveOffset(last.offset);
          await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: nextOffset(last.offset) }] }] });
          await heartbeat();
        }
      },
    });
    return consumer;
  }

  /**
   * Per partition, the end of the log less the group's committed offset (the whole log before its
   * first commit), summed. Two admin requests: meant for the rare question "could it be that I
   * have not heard yet?", not for every message.
   */
  async backlog(groupId: string, topics: readonly string[]): Promise<number> {
    const admin = await this.backlogAdmin();
    try {
      const named = [...new Set(topics)].map((t) => this.named(t));
      const committed = await admin.fetchOffsets({ groupId: this.named(groupId), topics: named });
      let behind = 0;
      for (const topic of named) {
        const mine = committed.find((c) => c.topic === topic)?.partitions ?? [];
        for (const end of await admin.fetchTopicOffsets(topic)) {
          const at = BigInt(mine.find((p) => p.partition === end.partition)?.offset ?? '-1');
          const from = at < 0n ? BigInt(end.low) : at;
          const left = BigInt(end.high) - from;
          if (left > 0n) behind += Number(left);
        }
      }
      return behind;
    } catch (error) {
      // A broken connection (a broker restart) is dropped, and the next question connects afresh.
      this.admin = null;
      await admin.disconnect().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Every message a (small) topic holds now, from its first to its current end, read as an
   * outside reader would: a consumer group of its own, made for this read and deleted after, so
   * nothing is committed anywhere. [] for a topic that does not exist yet. For the audit's start,
   * which reads back the checkpoints it published (a copy kept off its own disk).
   */
  async readTopic(topic: string, timeoutMs = 30_000): Promise<{ key: string | null; value: string }[]> {
    const named = this.named(topic);
    const admin = this.kafka.admin();
    await admin.connect();
    const groupId = `${this.namespace}read-${topic}-${Math.random().toString(36).slice(2, 10)}`;
    try {
      if (!(await admin.listTopics()).includes(named)) return [];
      const ends = (await admin.fetchTopicOffsets(named)).filter((p) => BigInt(p.high) > BigInt(p.low));
      if (ends.length === 0) return [];
      const remaining = new Map(ends.map((p) => [p.partition, BigInt(p.high)]));
      const read: { key: string | null; value: string }[] = [];
      const consumer = this.kafka.consumer({ groupId });
      await consumer.connect();
      try {
        await consumer.subscribe({ topic: named, fromBeginning: true });
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`reading ${named} did not reach its end within ${timeoutMs} ms`)), timeoutMs);
          consumer
            .run({
              autoCommit: false,
              eachMessage: async ({ partition, message }) => {
                read.push({ key: message.key?.toString('utf8') ?? null, value: message.value?.toString('utf8') ?? '' });
                const end = remaining.get(partition);
                if (end !== undefined && BigInt(message.offset) + 1n >= end) remaining.delete(partition);
                if (remaining.size === 0) {
                  clearTimeout(timer);
                  resolve();
                }
              },
            })
            .catch(reject);
        });
      } finally {
        await consumer.disconnect().catch(() => undefined);
      }
      return read;
    } finally {
      await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** One admin connection for the backlog questions, opened at the first and kept until close(): a waiting command asks every 500 ms. */
  private backlogAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      this.admin = admin.connect().then(
        () => admin,
        (error: unknown) => {
          this.admin = null;
          throw error;
        },
      );
    }
    return this.admin;
  }

  async close(): Promise<void> {
    for (const consumer of this.consumers) await consumer.disconnect();
    this.consumers.clear();
    const producer = this.producer;
    this.producer = null;
    if (producer) await (await producer).disconnect();
    const admin = this.admin;
    this.admin = null;
    if (admin) await (await admin.catch(() => null))?.disconnect();
  }

  /**
   * Services start together: a topic another one has just created can be briefly unknown to the
   * metadata the consumer asks for, so a retriable answer is asked again, with backoff, for 30 s.
   */
  private async subscribe(consumer: Consumer, topics: string[]): Promise<void> {
    for (let attempt = 1, delay = 200; ; attempt += 1, delay = Math.min(delay * 2, 3_000)) {
      try {
        await consumer.subscribe({ topics, fromBeginning: true });
        return;
      } catch (error) {
        if ((error as { retriable?: boolean }).retriable !== true || attempt >= 10) throw error;
        this.logger.warn({ err: error, attempt, topics }, 'subscribing again: the broker does not know the topics yet');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** kafkajs's default (3 s), or a sixth of a configured session timeout. */
  private get heartbeatIntervalMs(): number {
    return this.options.sessionTimeoutMs ? Math.max(100, Math.floor(this.options.sessionTimeoutMs / 6)) : 3_000;
  }

  private named(name: string): string {
    return `${this.namespace}${name}`;
  }

  private connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      this.producer = producer.connect().then(() => producer);
      // A failed connection is not kept: the next publish tries again.
      this.producer.catch(() => (this.producer = null));
    }
    return this.producer;
  }
}

/** A message's value as JSON when it parses, else the raw text, so a poison message still reaches the dead-letter path. */
function parse(value: Buffer | null): unknown {
  if (value === null) return null;
  const text = value.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map((v) => v.toString()).join(',') : value.toString();
  }
  return out;
}

function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

function onlyAlreadyExists(error: unknown): boolean {
  const errors = (error as { errors?: readonly { type?: string }[] } | null)?.errors;
  return Array.isArray(errors) && errors.length > 0 && errors.every((e) => e?.type === 'TOPIC_ALREADY_EXISTS');
}
