/**
 * The distributed read side's three paths against the raw library doing the same writes on the
 * same servers, in the same run: the batched projection against raw bulkWrites of the documents
 * it wrote, the rebuild against raw bulk inserts of the final documents, the relay against raw
 * kafkajs produces of the same messages in the same pages.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { ManualClock, type EventEnvelope } from '@whistle/kernel';
import { messageKeyOf } from '@whistle/contracts';
import { InMemoryEventStore, SqliteEventStore, START } from '@whistle/event-store';
import { KafkaBus, startRelay } from '@whistle/messaging';
import {
  CASE_VIEWS,
  DocumentCache,
  MEETING_VIEWS,
  MongoReadModelStore,
  WRITE_CHUNK,
  caseViewProjector,
  meetingViewProjector,
  rebuild,
  type ReadModelDocument,
  type ReadModelStore,
  type VersionedWrite,
} from '@whistle/read-models';
import { T0, Town, requireInfra } from '@whistle/testing';
import { formatRate, formatRatio, printTable, rate, timed, type BenchSection } from './report';

const SIZES = { cases: 150, projectionBatch: 256, relayEvents: 10_000, relayPage: 256 } as const;
const PROJECTORS = [caseViewProjector, meetingViewProjector];
const COMPOUNDS = ['compound-xinghua-1', 'compound-anju-1', 'compound-wanghu-1'];

interface Measured {
  readonly operation: string;
  readonly unit: string;
  readonly count: number;
  readonly ours: number;
  readonly raw: number;
}

/** Cases through the real deciders and reactions: reported, whistled, worked, called back. */
async function townEvents(cases: number): Promise<EventEnvelope[]> {
  const clock = new ManualClock(T0);
  const store = () => new InMemoryEventStore({ clock });
  const town = new Town({ intake: store(), escalation: store(), adjudication: store(), enforcement: store(), supervision: store() }, clock);
  for (let n = 0; n < cases; n += 1) {
    const caseId = `bench-${n}`;
    await town.report(caseId, COMPOUNDS[n % COMPOUNDS.length]!, n % 2 === 0 ? 'fire_lane_blocked' : 'uncivil_dog_keeping');
    await town.whistle(caseId);
    if (n % 3 !== 0) await town.work(caseId);
    if (n % 3 === 1) await town.callback(caseId, 'satisfied');
  }
  return town.recorded;
}

/** Every batch write the projection makes, kept so the raw side can make the same ones. */
function recordingWrites(store: MongoReadModelStore): { store: ReadModelStore; writes: { collection: string; batch: VersionedWrite<ReadModelDocument>[] }[] } {
  const writes: { collection: string; batch: VersionedWrite<ReadModelDocument>[] }[] = [];
  return {
    writes,
    store: {
      collection: <D extends ReadModelDocument>(name: string) => {
        const collection = store.collection<D>(name);
        return Object.assign(Object.create(collection) as typeof collection, {
          putMany: async (batch: readonly VersionedWrite<D>[]) => {
            writes.push({ collection: name, batch: [...batch] });
            return collection.putMany(batch);
          },
        });
      },
    },
  };
}

/** The same statements the adapter sends, through a plain mongoose connection, in the same chunks. */
async function rawBulkWrites(connection: mongoose.Connection, writes: readonly { collection: string; batch: readonly VersionedWrite<ReadModelDocument>[] }[]): Promise<void> {
  for (const { collection, batch } of writes) {
    const operations = batch.map(({ doc: { id, ...rest }, expectedVersion }) =>
      expectedVersion === 0
        ? { insertOne: { document: { _id: id, ...rest } } }
        : { replaceOne: { filter: { _id: id, version: expectedVersion }, replacement: { _id: id, ...rest } } },
    );
    for (let from = 0; from < operations.length; from += WRITE_CHUNK) {
      await connection.collection<{ _id: string }>(collection).bulkWrite(operations.slice(from, from + WRITE_CHUNK) as never, { ordered: false });
    }
  }
}

async function projection(mongoUrl: (db: string) => string, events: readonly EventEnvelope[]): Promise<Measured[]> {
  const ours = await MongoReadModelStore.connect(mongoUrl(`bench_projection_${randomUUID().slice(0, 8)}`));
  const raw = await mongoose.createConnection(mongoUrl(`bench_projection_raw_${randomUUID().slice(0, 8)}`)).asPromise();
  try {
    const recording = recordingWrites(ours);
    const cache = new DocumentCache();
    const projected = await timed(async () => {
      for (let from = 0; from < events.length; from += SIZES.projectionBatch) {
        const batch = events.slice(from, from + SIZES.projectionBatch);
        for (const projector of PROJECTORS) await projector.projectBatch(recording.store, batch, cache);
      }
    });
    const documents = recording.writes.reduce((n, w) => n + w.batch.length, 0);
    const written = await timed(() => rawBulkWrites(raw, recording.writes));

    // The rebuild against inserting its final documents: the least any rebuild must write.
    const rebuilt = await timed(async () => void (await rebuild(ours, events, PROJECTORS)));
    const finals = [
      ...(await ours.collection(CASE_VIEWS).find()).items.map((doc) => ({ collection: CASE_VIEWS, doc })),
      ...(await ours.collection(MEETING_VIEWS).find()).items.map((doc) => ({ collection: MEETING_VIEWS, doc })),
    ];
    await raw.dropDatabase();
    const inserted = await timed(async () => {
      for (const name of [CASE_VIEWS, MEETING_VIEWS]) {
        const docs = finals.filter((f) => f.collection === name).map(({ doc: { id, ...rest } }) => ({ _id: id, ...rest }));
        for (let from = 0; from < docs.length; from += WRITE_CHUNK) await raw.collection<{ _id: string }>(name).insertMany(docs.slice(from, from + WRITE_CHUNK));
      }
    });
    console.log(`projection: ${events.length} events of ${SIZES.cases} cases in batches of ${SIZES.projectionBatch}, ${documents} document writes; rebuild: ${finals.length} final documents; chunks of ${WRITE_CHUNK}`);
    return [
      { operation: 'projection: batches applied vs raw bulkWrite of the same writes', unit: 'events/s', count: events.length, ours: projected, raw: written },
      { operation: 'rebuild (npm run rebuild’s path) vs raw bulk inserts of the final views', unit: 'events/s', count: events.length, ours: rebuilt, raw: inserted },
    ];
  } finally {
    await raw.dropDatabase().catch(() => undefined);
    await raw.close();
    await ours.close();
  }
}

/** The relay draining a store of `SIZES.relayEvents` events against kafkajs producing them in the same pages. */
async function relay(brokers: readonly string[]): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-bench-'));
  const store = new SqliteEventStore({ file: join(dir, 'intake.db') });
  const namespace = `bench-relay-${randomUUID().slice(0, 8)}.`;
  const bus = new KafkaBus({ brokers, clientId: 'bench-relay', partitions: 3, namespace });
  const kafka = new Kafka({ clientId: 'bench-relay-raw', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  try {
    const perStream = 10;
    for (let s = 0; s < SIZES.relayEvents / perStream; s += 1) {
      await store.append(`case-r${s}`, Array.from({ length: perStream }, (_, n) => ({
        eventId: `evt-r${s}-${n}`,
        type: 'intake.CaseReported.v1',
        data: { n, description: 'x'.repeat(400) },
        caseId: `r${s}`,
        occurredAt: T0,
        actor: { id: 'bench', role: 'system' as const },
        correlationId: `corr-r${s}`,
        causationId: null,
      })), 'no_stream');
    }
    await bus.createTopics(['bench.relay', 'bench.raw']);
    // Both producers connected and the topics' metadata known before the clocks start.
    await bus.publish('bench.relay', [{ key: 'warm-up', value: { warmUp: true } }]);
    await producer.connect();
    await producer.send({ topic: `${namespace}bench.raw`, acks: -1, messages: [{ key: 'warm-up', value: '{}' }] });
    const relayed = await timed(async () => {
      const running = startRelay({ store, bus, topic: 'bench.relay' });
      await running.caughtUp();
      await running.stop();
    });
    const events = (await store.readAll({ from: START, maxCount: SIZES.relayEvents })).map((p) => p.event);
    const produced = await timed(async () => {
      for (let from = 0; from < events.length; from += SIZES.relayPage) {
        await producer.send({
          topic: `${namespace}bench.raw`,
          acks: -1,
          messages: events.slice(from, from + SIZES.relayPage).map((e) => ({
            key: messageKeyOf(e),
            value: JSON.stringify(e),
            headers: { 'event-type': e.type, 'event-id': e.eventId, 'correlation-id': e.correlationId },
          })),
        });
      }
    });
    return { operation: `relay: SQLite store → Kafka vs kafkajs batched produce (pages of ${SIZES.relayPage})`, unit: 'events/s', count: events.length, ours: relayed, raw: produced };
  } finally {
    await producer.disconnect().catch(() => undefined);
    await bus.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const readSideBench: BenchSection = {
  name: 'distributed read side: batched projection, rebuild and relay against raw mongoose and kafkajs (deploy/local)',
  async run() {
    const infra = requireInfra();
    const events = await townEvents(SIZES.cases);
    const results = [...(await projection(infra.mongoUrl, events)), await relay(infra.kafkaBrokers)];
    printTable(
      'read side vs the raw libraries on the same FerretDB (PostgreSQL backend) and Kafka (higher is faster)',
      ['operation', 'unit', 'work', 'ours', 'raw', 'ours/raw'],
      results.map((r) => [r.operation, r.unit, r.count.toLocaleString('en-US'), formatRate(rate(r.count, r.ours)), formatRate(rate(r.count, r.raw)), formatRatio(r.raw / r.ours)]),
    );
  },
};
