import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { SERVICES, TOPICS } from '@whistle/contracts';
import { dropDatabase, withAdmin } from '@whistle/event-store';
import { DistributedSystem, REPO_ROOT } from '@whistle/deployment';
import { requireInfra } from '@whistle/testing';
import { ApiClient, roles } from '../e2e/support/api-client';
import { consumeAll } from '../distributed/kcat';
import { cpuBetween, printCpu, processTimes } from './process-cpu';
import { formatRate, printTable, type BenchSection } from './report';

const COMPOUNDS = ['compound-xinghua-1', 'compound-xinghua-2', 'compound-xinghua-3'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const ms = (n: number) => n.toFixed(1);

interface CaseTiming {
  readonly caseId: string;
  readonly totalMs: number;
  /** wall clock (epoch ms) when the tasks were first seen in MongoDB */
  readonly visibleAt: number;
}

let serial = 0;
/** The bench's own requests besides one report and one successful whistle per case: it loads the system too. */
const asked = { lookups: 0, whistlesRefused: 0 };

type Views = mongoose.mongo.Collection<{ _id: string; tasks?: unknown[] }>;

/**
 * Watches MongoDB for the cases in flight: one round of lookups by _id, then 10 ms of rest,
 * whatever the number of clients, so the watching loads FerretDB no more than it must. (FerretDB
 * answers `_id: { $in }` by scanning the collection, so each case is looked up on its own.)
 */
class TaskWatcher {
  private readonly waiting = new Map<string, (visibleAt: number) => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly views: Views) {}

  tasksVisible(caseId: string): Promise<number> {
    return new Promise((resolve) => {
      this.waiting.set(caseId, resolve);
      this.timer ??= setTimeout(() => void this.poll(), 10);
    });
  }

  private async poll(): Promise<void> {
    for (const id of [...this.waiting.keys()]) {
      asked.lookups += 1;
      const view = await this.views.findOne({ _id: id }, { projection: { tasks: 1 } });
      if ((view?.tasks?.length ?? 0) < 2) continue;
      this.waiting.get(id)?.(Date.now());
      this.waiting.delete(id);
    }
    this.timer = this.waiting.size > 0 ? setTimeout(() => void this.poll(), 10) : null;
  }
}

/**
 * One case from the station's report to both summoned units' tasks in the read model: report,
 * whistle at level 2 as soon as escalation knows the case, then wait for MongoDB to show the tasks.
 */
async function oneCase(station: ApiClient, watcher: TaskWatcher): Promise<CaseTiming> {
  serial += 1;
  const started = performance.now();
  const reported = await station.post('/api/intake/cases', {
    compoundId: COMPOUNDS[serial % COMPOUNDS.length],
    category: 'fire_lane_blocked',
    description: `bench case ${serial}`,
    location: `gate ${serial}`,
    channel: 'branch',
  });
  if (reported.status !== 201) throw new Error(`report answered ${reported.status}: ${JSON.stringify(reported.body)}`);
  const { id: caseId, duplicateOf } = reported.body as { id: string; duplicateOf?: string };
  if (duplicateOf) throw new Error(`case ${caseId} was linked as a duplicate of ${duplicateOf}: duplicate linking should be off for the bench`);
  for (;;) {
    const whistled = await station.post(`/api/escalation/cases/${caseId}/whistle`, { level: 2 });
    if (whistled.status === 200) break;
    // 404 or 409 until escalation has consumed the report from Kafka
    if (whistled.status !== 404 && whistled.status !== 409) throw new Error(`whistle answered ${whistled.status}: ${JSON.stringify(whistled.body)}`);
    asked.whistlesRefused += 1;
    await sleep(5);
  }
  const visibleAt = await watcher.tasksVisible(caseId);
  return { caseId, totalMs: performance.now() - started, visibleAt };
}

async function casesWith(clients: number, total: number, station: ApiClient, watcher: TaskWatcher): Promise<{ perSecond: number; timings: CaseTiming[] }> {
  let next = 0;
  const timings: CaseTiming[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        next += 1;
        timings.push(await oneCase(station, watcher));
      }
    }),
  );
  return { perSecond: total / ((performance.now() - started) / 1000), timings };
}

/** Per hop, from the stores' record times, Kafka's message timestamps (read with kcat) and when the bench saw the read model. */
async function hops(system: DistributedSystem, brokers: readonly string[], namespace: string, timings: readonly CaseTiming[]): Promise<string[][]> {
  interface Recorded { readonly eventId: string; readonly type: string; readonly caseId: string; readonly recordedAt: number; readonly causationId: string | null }
  const recorded = new Map<string, Recorded>();
  for (const service of SERVICES) {
    const store = await system.openStore(service);
    for (const { event } of await store.readAll({ from: -1n, maxCount: 10_000_000 })) {
      recorded.set(event.eventId, { eventId: event.eventId, type: event.type, caseId: event.caseId, recordedAt: Date.parse(event.recordedAt), causationId: event.causationId });
    }
    await store.close();
  }
  const onKafka = new Map<string, number>();
  for (const service of SERVICES) {
    for (const message of consumeAll(brokers, `${namespace}${TOPICS[service]}`)) {
      const eventId = (JSON.parse(message.payload ?? '{}') as { eventId?: string }).eventId;
      if (eventId && message.ts !== undefined && !onKafka.has(eventId)) onKafka.set(eventId, message.ts);
    }
  }
  const measured = new Set(timings.map((t) => t.caseId));
  const relay: number[] = [];
  const consumer: number[] = [];
  for (const event of recorded.values()) {
    if (!measured.has(event.caseId)) continue;
    const ts = onKafka.get(event.eventId);
    if (ts !== undefined) relay.push(ts - event.recordedAt);
    const causeTs = event.causationId ? onKafka.get(event.causationId) : undefined;
    if (causeTs !== undefined) consumer.push(event.recordedAt - causeTs);
  }
  const readModel: number[] = [];
  const assigned = new Map<string, number>();
  for (const event of recorded.values()) {
    const ts = onKafka.get(event.eventId);
    if (event.type === 'enforcement.TaskAssigned.v1' && ts !== undefined) assigned.set(event.caseId, Math.max(assigned.get(event.caseId) ?? 0, ts));
  }
  for (const timing of timings) {
    const ts = assigned.get(timing.caseId);
    if (ts !== undefined) readModel.push(timing.visibleAt - ts);
  }
  const row = (hop: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return [hop, String(sorted.length), ms(percentile(sorted, 50)), ms(percentile(sorted, 99))];
  };
  return [
    row('append → on Kafka (relay)', relay),
    row('on Kafka → consumer recorded its reaction', consumer),
    row('on Kafka (last TaskAssigned) → tasks seen in MongoDB', readModel),
  ];
}

/** Which part of the distributed system a process is, by its command line. */
function processKind(commandLine: string, pid: number): string | undefined {
  if (pid === process.pid) return 'the bench (its HTTP clients and its MongoDB watcher)';
  const service = /services\/([a-z-]+)\/src\/main/.exec(commandLine);
  if (service) return `${service[1]} service`;
  if (commandLine.startsWith('java ') && commandLine.includes('kafka')) return 'Kafka broker';
  if (commandLine.includes('/ferretdb ') || commandLine.includes('/ferretdb/')) return 'FerretDB';
  if (/^postgres: \S+ ferretdb /.test(commandLine)) return "PostgreSQL, FerretDB's database";
  if (commandLine.startsWith('postgres') || commandLine.includes('/postgres -D')) return 'PostgreSQL, the event stores (and its own processes)';
  if (commandLine.startsWith('nginx')) return 'nginx';
  return undefined;
}

/** Anchors: the same broker and the same FerretDB without our code in between. */
async function rawKafka(brokers: readonly string[], namespace: string): Promise<string[][]> {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const topic = `${namespace}bench.raw`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }] });
  await admin.disconnect();
  const value = JSON.stringify({ eventId: randomUUID(), type: 'enforcement.TaskAssigned.v1', data: { padding: 'x'.repeat(600) } });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const total = 20_000;
  let started = performance.now();
  for (let i = 0; i < total; i += 100) {
    await producer.send({ topic, acks: -1, messages: Array.from({ length: 100 }, (_, j) => ({ key: `case-${(i + j) % 500}`, value })) });
  }
  const batched = total / ((performance.now() - started) / 1000);
  const singles = 1_000;
  started = performance.now();
  for (let i = 0; i < singles; i += 1) await producer.send({ topic, acks: -1, messages: [{ key: `case-${i % 500}`, value }] });
  const single = singles / ((performance.now() - started) / 1000);
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: `${namespace}bench-raw` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let first = 0;
  let last = 0;
  await consumer.run({
    eachBatch: async ({ batch }) => {
      if (first === 0) first = performance.now();
      seen += batch.messages.length;
      last = performance.now();
    },
  });
  while (seen < total + singles) await sleep(20);
  await consumer.disconnect();
  const consumed = seen / ((last - first) / 1000);
  return [
    ['kafkajs produce, batches of 100, acks=all, idempotent', formatRate(batched)],
    ['kafkajs produce, one message per send, acks=all', formatRate(single)],
    ['kafkajs consume (eachBatch), from the first batch on', formatRate(consumed)],
  ];
}

async function rawMongoose(mongoUrl: string): Promise<string[][]> {
  const connection = await mongoose.createConnection(mongoUrl).asPromise();
  const Doc = connection.model('BenchDoc', new mongoose.Schema({ _id: String, status: String, level: Number, version: Number, tasks: [mongoose.Schema.Types.Mixed] }, { strict: false }), 'bench_docs');
  const upserts = async (total: number, clients: number): Promise<number> => {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < total) {
          next += 1;
          const n = next;
          await Doc.updateOne({ _id: `case-${n % 1000}` }, { $set: { status: 'triaged', level: 2, version: n, tasks: [{ taskId: `t-${n}`, unitId: 'unit-jiaojing' }] } }, { upsert: true });
        }
      }),
    );
    return total / ((performance.now() - started) / 1000);
  };
  const rows = [
    ['mongoose updateOne upsert, 1 client', formatRate(await upserts(500, 1))],
    ['mongoose updateOne upsert, 8 clients', formatRate(await upserts(1_000, 8))],
  ];
  await connection.dropCollection('bench_docs');
  await connection.close();
  return rows;
}

export const distributedBench: BenchSection = {
  name: 'distributed: one process per service over Kafka (deploy/local), read models in FerretDB, nginx in front',
  async run() {
    const infra = requireInfra();
    const run = randomUUID().slice(0, 8);
    const namespace = `bench-${run}.`;
    const mongoUrl = infra.mongoUrl(`bench_${run}`);
    const runDir = mkdtempSync(join(tmpdir(), 'whistle-bench-'));
    const stores = { adminUrl: infra.postgresAdminUrl('postgres'), database: `whistle_bench_${run}` };
    // Every bench case is the same kind of report in a few compounds: with duplicate linking on,
    // all but the first few would be linked to an open case and never summon anyone.
    const catalogue = JSON.parse(readFileSync(join(REPO_ROOT, 'libs', 'catalogue', 'data', 'default-catalogue.json'), 'utf8')) as { deadlines: Record<string, unknown> };
    catalogue.deadlines['duplicateWindow'] = 'PT0M';
    const catalogueFile = join(runDir, 'catalogue.json');
    writeFileSync(catalogueFile, JSON.stringify(catalogue));
    const system = await DistributedSystem.start({
      runDir,
      kafkaBrokers: infra.kafkaBrokers,
      mongoUrl,
      kafkaNamespace: namespace,
      stores: { postgres: stores },
      env: { LOG_LEVEL: 'error', KAFKA_PARTITIONS: '3', CATALOGUE_FILE: catalogueFile },
    });
    const connection = await mongoose.createConnection(mongoUrl).asPromise();
    try {
      const station = new ApiClient(system.baseUrl, roles.station('station-north'));
      const watcher = new TaskWatcher(connection.collection('case_views'));
      await casesWith(4, 20, station, watcher);

      const rows: string[][] = [];
      const measured = new Map<number, CaseTiming[]>();
      let cpuAt32: { used: Map<string, number>; wallSeconds: number; cases: number } | undefined;
      for (const [clients, total] of [[1, 40], [8, 120], [32, 192]] as const) {
        // Every process's CPU is read around the 32-client cases only: a read walks all of /proc.
        const before = clients === 32 ? processTimes() : undefined;
        const started = performance.now();
        asked.lookups = 0;
        asked.whistlesRefused = 0;
        const { perSecond, timings } = await casesWith(clients, total, station, watcher);
        if (before) cpuAt32 = { used: cpuBetween(before, processTimes(), processKind), wallSeconds: (performance.now() - started) / 1000, cases: total };
        const sorted = timings.map((t) => t.totalMs).sort((a, b) => a - b);
        rows.push([String(clients), String(total), perSecond.toFixed(2), ms(percentile(sorted, 50)), ms(percentile(sorted, 99)), (asked.whistlesRefused / total).toFixed(1), (asked.lookups / total).toFixed(1)]);
        measured.set(clients, timings);
      }
      printTable(
        'cases from the report (through nginx) to both tasks visible in MongoDB: report, whistle, tasks; and the bench\'s own extra requests per case (whistles refused until escalation knows the case, asked again after 5 ms; MongoDB look-ups until the tasks show)',
        ['clients', 'cases', 'cases/s', 'p50 ms', 'p99 ms', 'whistles refused/case', 'look-ups/case'],
        rows,
      );
      if (cpuAt32) printCpu('where the CPU went during the 32-client cases (from /proc: every process on the machine that outlived them)', cpuAt32.used, { items: cpuAt32.cases, unit: 'case', wallSeconds: cpuAt32.wallSeconds });
      // The last row is the read side's lag: from the event on Kafka to the view showing it.
      for (const clients of [1, 32]) {
        printTable(`per hop, for the ${clients}-client cases (one machine, one clock; Kafka CreateTime, ms resolution)`, ['hop', 'samples', 'p50 ms', 'p99 ms'], await hops(system, infra.kafkaBrokers, namespace, measured.get(clients) ?? []));
      }
      printTable('anchors on the same broker and FerretDB', ['operation', 'per second'], [...(await rawKafka(infra.kafkaBrokers, namespace)), ...(await rawMongoose(mongoUrl))]);
    } finally {
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
      await system.stop();
      await withAdmin(stores.adminUrl, (admin) => dropDatabase(admin, stores.database));
      rmSync(runDir, { recursive: true, force: true });
    }
  },
};
