/**
 * The SQLite event store against plain better-sqlite3 prepared statements doing the same work on
 * the same table layout and pragmas, in the same run. The raw side checks the expected revision
 * in an IMMEDIATE transaction, writes the event as plain JSON and parses it on reads, but seals
 * nothing: no canonical JSON, no SHA-256 chain, no promises. So store/raw is what the port and
 * the hash chain cost. The raw side of "read + verify" reads each row and hashes its text: the
 * bare work a chain check cannot avoid, without parsing it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventToAppend } from '@whistle/kernel';
import { SqliteEventStore, START, type EventStore, type GlobalPosition } from '@whistle/event-store';
import { formatRate, formatRatio, printTable, rate, timed, type BenchSection } from './report';

/** The work every event store section measures, so their figures compare. */
export const SIZES = {
  singleStreams: 300,
  singleAppendsPerStream: 10,
  batchStreams: 200,
  batchSize: 100,
  readRounds: 10,
  readAllPage: 1000,
} as const;

export const eventStoreBench: BenchSection = {
  name: 'event store (SQLite file, WAL, synchronous=FULL)',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'event-store-bench-'));
    const store = new SqliteEventStore({ file: join(dir, 'store.sqlite') });
    const raw = await openRaw(join(dir, 'raw.sqlite'));
    try {
      console.log(
        `sizes: ${SIZES.singleStreams} streams × ${SIZES.singleAppendsPerStream} single-event appends; ` +
          `${SIZES.batchStreams} streams × 1 append of ${SIZES.batchSize} events; ` +
          `${SIZES.readRounds} rounds of whole-stream reads of the ${SIZES.batchSize}-event streams; ` +
          `readAll pages of ${SIZES.readAllPage}; SQLite ${raw.sqliteVersion}`,
      );
      printAgainstRaw('SQLite event store vs raw better-sqlite3 (higher is faster)', await measureAgainstRaw(store, raw));
    } finally {
      await store.close();
      raw.db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export interface Measured {
  readonly operation: string;
  readonly unit: string;
  readonly count: number;
  /** seconds */
  readonly store: number;
  readonly raw: number;
}

/** The raw side of a store bench: the same work on the same table layout with the bare driver. */
export interface RawSide {
  append(streamId: string, events: EventToAppend[], expected: number | 'no_stream'): Promise<void> | void;
  readStream(streamId: string): Promise<unknown[]> | unknown[];
  readAll(from: GlobalPosition, maxCount: number): Promise<Array<{ position: GlobalPosition }>> | Array<{ position: GlobalPosition }>;
  /** SHA-256 of each stored row's text in a stream: the bare work a chain check cannot avoid. */
  hashRows(streamId: string): Promise<void> | void;
}

export function printAgainstRaw(title: string, results: readonly Measured[]): void {
  printTable(
    title,
    ['operation', 'unit', 'work', 'store', 'raw', 'store/raw'],
    results.map((r) => [
      r.operation,
      r.unit,
      r.count.toLocaleString('en-US'),
      formatRate(rate(r.count, r.store)),
      formatRate(rate(r.count, r.raw)),
      formatRatio(r.raw / r.store),
    ]),
  );
}

/**
 * Every operation timed on the store and on the raw side, on fresh streams; `storeFirst` says
 * which side goes first in each (a bench taking several rounds alternates it).
 */
export async function measureAgainstRaw(store: EventStore, raw: RawSide, storeFirst = true): Promise<Measured[]> {
  const both = async (onStore: () => Promise<void>, onRaw: () => Promise<void>) => {
    if (storeFirst) {
      const storeSeconds = await timed(onStore);
      return { store: storeSeconds, raw: await timed(onRaw) };
    }
    const rawSeconds = await timed(onRaw);
    return { store: await timed(onStore), raw: rawSeconds };
  };
  const singles = Array.from({ length: SIZES.singleStreams }, (_, i) => `case-single-${i}`);
  const batched = Array.from({ length: SIZES.batchStreams }, (_, i) => `case-batch-${i}`);
  const single = SIZES.singleStreams * SIZES.singleAppendsPerStream;
  const batchEvents = SIZES.batchStreams * SIZES.batchSize;
  const reads = SIZES.batchStreams * SIZES.readRounds;
  const total = single + batchEvents;

  // One event per append, round-robin over the streams so each append has a real expected revision.
  const appendSingles = async (append: (streamId: string, e: EventToAppend, expected: number | 'no_stream') => Promise<void>) => {
    for (let round = 0; round < SIZES.singleAppendsPerStream; round += 1) {
      for (const s of singles) await append(s, sample(round), round === 0 ? 'no_stream' : round - 1);
    }
  };
  const appendBatches = async (append: (streamId: string, events: EventToAppend[]) => Promise<void>) => {
    for (const s of batched) await append(s, Array.from({ length: SIZES.batchSize }, (_, n) => sample(n)));
  };
  // Each side verifies every stream once unmeasured, then `readRounds` times measured: an
  // auditor's service verifies with warm code, and one cold pass over 20,000 events measured
  // mostly the compiler (from 0.27 to 0.45 million events/s, run to run).
  const verifyRounds = async (verify: (streamId: string) => Promise<void>, rounds: number) => {
    for (let round = 0; round < rounds; round += 1) for (const s of batched) await verify(s);
  };
  const verifyOnStore = async (s: string) => {
    if (!(await store.verifyStream(s)).ok) throw new Error(`${s} does not verify`);
  };
  const hashOnRaw = async (s: string) => void (await raw.hashRows(s));
  const readStreams = async (read: (streamId: string) => Promise<unknown[]>) => {
    for (let round = 0; round < SIZES.readRounds; round += 1) {
      for (const s of batched) if ((await read(s)).length !== SIZES.batchSize) throw new Error(`short read of ${s}`);
    }
  };

  const appended = {
    single: await both(
      () => appendSingles(async (s, e, expected) => void (await store.append(s, [e], expected))),
      () => appendSingles(async (s, e, expected) => raw.append(s, [e], expected)),
    ),
    batched: await both(
      () => appendBatches(async (s, events) => void (await store.append(s, events, 'no_stream'))),
      () => appendBatches(async (s, events) => raw.append(s, events, 'no_stream')),
    ),
  };
  const wholeReads = await both(
    () => readStreams((s) => store.readStream(s)),
    () => readStreams(async (s) => raw.readStream(s)),
  );
  await verifyRounds(verifyOnStore, 1);
  await verifyRounds(hashOnRaw, 1);
  const verified = await both(
    () => verifyRounds(verifyOnStore, SIZES.readRounds),
    () => verifyRounds(hashOnRaw, SIZES.readRounds),
  );
  return [
    { operation: 'append, 1 event each, expected revision', unit: 'appends/s', count: single, ...appended.single },
    { operation: `append, ${SIZES.batchSize} events each`, unit: 'events/s', count: batchEvents, ...appended.batched },
    { operation: `read whole stream (${SIZES.batchSize} events)`, unit: 'reads/s', count: reads, ...wholeReads },
    { operation: '  the same reads, in events', unit: 'events/s', count: reads * SIZES.batchSize, ...wholeReads },
    {
      operation: `readAll, pages of ${SIZES.readAllPage}`,
      unit: 'events/s',
      count: total,
      ...(await both(
        async () => expectCount(total, await readEverything((from) => store.readAll({ from, maxCount: SIZES.readAllPage }))),
        async () => expectCount(total, await readEverything(async (from) => raw.readAll(from, SIZES.readAllPage))),
      )),
    },
    {
      operation: 'read + verify hash chain per stream',
      unit: 'events/s',
      count: batchEvents * SIZES.readRounds,
      ...verified,
    },
  ];
}

async function readEverything(page: (from: GlobalPosition) => Promise<Array<{ position: GlobalPosition }>>): Promise<number> {
  let count = 0;
  let from = START;
  for (;;) {
    const events = await page(from);
    const last = events.at(-1);
    if (!last) return count;
    count += events.length;
    from = last.position;
  }
}

export function expectCount(expected: number, actual: number): void {
  if (actual !== expected) throw new Error(`readAll gave ${actual} events, expected ${expected}`);
}

export function sample(n: number): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'escalation.LevelRaised.v1',
    data: { level: (n % 4) + 1, reason: '物业未在时限内报到，升级吹哨', units: ['street-office', 'housing-bureau'], round: n },
    caseId: 'case-bench',
    occurredAt: '2026-11-21T08:00:00.000Z',
    actor: { id: 'officer-7', role: 'station', stationId: 'station-3' },
    correlationId: 'correlation-bench',
    causationId: null,
  };
}

interface RawStore extends RawSide {
  readonly db: Database.Database;
  readonly sqliteVersion: string;
}

interface RawRow {
  position: number;
  stream_id: string;
  revision: number;
  body: string;
  hash: string;
}

/** The store's own file layout (it creates the schema), written and read with bare statements. */
async function openRaw(file: string): Promise<RawStore> {
  await new SqliteEventStore({ file }).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const tail = db.prepare<[string], { revision: number }>('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1');
  const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, case_id, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const columns = 'position, stream_id, revision, body, hash';
  const stream = db.prepare<[string], RawRow>(`SELECT ${columns} FROM events WHERE stream_id = ? ORDER BY revision`);
  const all = db.prepare<[bigint, number], RawRow>(`SELECT ${columns} FROM events WHERE position > ? ORDER BY position LIMIT CAST(? AS INTEGER)`);
  const noHash = '0'.repeat(64);
  const append = db.transaction((streamId: string, events: EventToAppend[], expected: number | 'no_stream') => {
    const actual = tail.get(streamId)?.revision ?? 'no_stream';
    if (actual !== expected) throw new Error(`stream ${streamId} is at ${actual}, not ${expected}`);
    const recordedAt = new Date().toISOString();
    events.forEach((e, i) => {
      const revision = (actual === 'no_stream' ? -1 : actual) + 1 + i;
      const body = JSON.stringify({ ...e, streamId, revision, recordedAt, prevHash: noHash });
      insert.run(streamId, revision, e.eventId, e.type, e.caseId, body, noHash);
    });
  });
  const parsed = (row: RawRow) => ({ ...(JSON.parse(row.body) as object), hash: row.hash });
  return {
    db,
    sqliteVersion: db.prepare<[], { v: string }>('SELECT sqlite_version() AS v').get()?.v ?? '?',
    append: (streamId, events, expected) => append.immediate(streamId, events, expected),
    readStream: (streamId) => stream.all(streamId).map(parsed),
    readAll: (from, maxCount) => all.all(from, maxCount).map((row) => ({ ...parsed(row), position: BigInt(row.position) })),
    hashRows: (streamId) => {
      for (const row of stream.all(streamId)) createHash('sha256').update(noHash + row.body).digest('hex');
    },
  };
}
