/**
 * The PostgreSQL event store against bare `pg` doing the same work on the same table layout (the
 * store creates both schemas), on the local cluster, in the same run. The raw side checks the
 * expected revision in a transaction and inserts with the same statement, prepared the same way,
 * and parses the body on reads; it takes no append lock and seals nothing: no canonical JSON, no
 * SHA-256 chain. So store/raw is what the port, the lock and the hash chain cost. Commits wait
 * for the WAL to reach the disk, whose latency swings on a shared machine: each figure is the
 * median of ROUNDS rounds on fresh schemas, the store and raw taking turns at going first.
 */
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { EventToAppend } from '@whistle/kernel';
import { PostgresEventStore, ensureDatabase, withAdmin, type GlobalPosition } from '@whistle/event-store';
import { requirePostgres } from '@whistle/event-store/testing';
import { SIZES, measureAgainstRaw, printAgainstRaw, type Measured, type RawSide } from './event-store.bench';
import type { BenchSection } from './report';

const DATABASE = 'whistle_event_store_bench';
const ROUNDS = 3;

export const postgresEventStoreBench: BenchSection = {
  name: 'event store on PostgreSQL (local cluster on 127.0.0.1, synchronous_commit=on)',
  async run() {
    const cluster = requirePostgres();
    await withAdmin(cluster.adminUrl('postgres'), (admin) => ensureDatabase(admin, DATABASE));
    const url = cluster.adminUrl(DATABASE);
    const version = (await withAdmin(url, (admin) => admin.query<{ version: string }>('SELECT version()'))).rows[0]?.version.split(' on ')[0];
    console.log(
      `sizes: ${SIZES.singleStreams} streams × ${SIZES.singleAppendsPerStream} single-event appends; ` +
        `${SIZES.batchStreams} streams × 1 append of ${SIZES.batchSize} events; ` +
        `${SIZES.readRounds} rounds of whole-stream reads of the ${SIZES.batchSize}-event streams; ` +
        `readAll pages of ${SIZES.readAllPage}; median of ${ROUNDS} rounds; ${version}`,
    );
    const rounds: Measured[][] = [];
    for (let round = 0; round < ROUNDS; round += 1) rounds.push(await measureRound(url, round % 2 === 0));
    const results = (rounds[0] ?? []).map((first, i) => ({
      ...first,
      store: median(rounds.map((r) => r[i]?.store ?? NaN)),
      raw: median(rounds.map((r) => r[i]?.raw ?? NaN)),
    }));
    printAgainstRaw('PostgreSQL event store vs raw pg (higher is faster)', results);
  },
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** One round on fresh schemas: the store's, and one the store lays out for raw pg to use. */
async function measureRound(url: string, storeFirst: boolean): Promise<Measured[]> {
  const run = randomUUID().replace(/-/g, '').slice(0, 8);
  const schemas = { store: `bench_store_${run}`, raw: `bench_raw_${run}` };
  const store = await PostgresEventStore.connect({ connectionString: url, schema: schemas.store });
  await (await PostgresEventStore.connect({ connectionString: url, schema: schemas.raw })).close();
  const raw = new RawStore(url, schemas.raw);
  try {
    return await measureAgainstRaw(store, raw, storeFirst);
  } finally {
    await store.close();
    await raw.close();
    await withAdmin(url, (admin) => admin.query(`DROP SCHEMA "${schemas.store}" CASCADE; DROP SCHEMA "${schemas.raw}" CASCADE`));
  }
}

interface RawRow {
  position: string;
  stream_id: string;
  revision: number;
  prev_hash: string;
  body: string;
  hash: string;
}

/** The store's own table layout, written and read with bare, prepared statements through a pool. */
class RawStore implements RawSide {
  private readonly pool: pg.Pool;
  private readonly sql: Record<'tail' | 'insert' | 'stream' | 'all', { name: string; text: string }>;

  constructor(url: string, schema: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 10 });
    const events = `"${schema}".events`;
    this.sql = {
      tail: { name: 'raw-tail', text: `SELECT revision FROM ${events} WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1` },
      insert: {
        name: 'raw-insert',
        text: `INSERT INTO ${events} (stream_id, revision, event_id, type, case_id, prev_hash, body, hash)
               SELECT $1, revision, event_id, type, case_id, prev_hash, body, hash
               FROM unnest($2::integer[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                    AS batch (revision, event_id, type, case_id, prev_hash, body, hash)`,
      },
      stream: { name: 'raw-stream', text: `SELECT * FROM ${events} WHERE stream_id = $1 ORDER BY revision` },
      all: { name: 'raw-all', text: `SELECT * FROM ${events} WHERE position > $1 ORDER BY position LIMIT $2` },
    };
  }

  async append(streamId: string, events: EventToAppend[], expected: number | 'no_stream'): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const actual = (await client.query<{ revision: number }>({ ...this.sql.tail, values: [streamId] })).rows[0]?.revision ?? 'no_stream';
      if (actual !== expected) throw new Error(`stream ${streamId} is at ${actual}, not ${expected}`);
      const first = actual === 'no_stream' ? 0 : actual + 1;
      const noHash = '0'.repeat(64);
      await client.query({
        ...this.sql.insert,
        values: [
          streamId,
          events.map((_, i) => first + i),
          events.map((e) => e.eventId),
          events.map((e) => e.type),
          events.map((e) => e.caseId),
          events.map(() => noHash),
          events.map((e) => JSON.stringify({ ...e, streamId, recordedAt: new Date().toISOString() })),
          events.map(() => noHash),
        ],
      });
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  async readStream(streamId: string): Promise<unknown[]> {
    return (await this.pool.query<RawRow>({ ...this.sql.stream, values: [streamId] })).rows.map((row) => JSON.parse(row.body) as unknown);
  }

  async readAll(from: GlobalPosition, maxCount: number): Promise<Array<{ position: GlobalPosition }>> {
    const rows = (await this.pool.query<RawRow>({ ...this.sql.all, values: [from.toString(), maxCount] })).rows;
    return rows.map((row) => ({ body: JSON.parse(row.body) as unknown, position: BigInt(row.position) }));
  }

  /** SHA-256 of each stored row's text in a stream: the bare work a chain check cannot avoid. */
  async hashRows(streamId: string): Promise<void> {
    for (const row of (await this.pool.query<RawRow>({ ...this.sql.stream, values: [streamId] })).rows) {
      createHash('sha256').update(row.prev_hash + row.body).digest('hex');
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
