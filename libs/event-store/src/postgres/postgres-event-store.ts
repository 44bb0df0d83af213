import type pg from 'pg';
import { pgDriver } from './pg-driver';
import { sealBatch, sealedBody, systemClock, type ChainVerification, type Clock, type EventEnvelope, type EventToAppend } from '@whistle/kernel';
import { appendOrReplay, checkExpected, resultOf, type AppendHistory } from '../append-rules';
import { DuplicateEventId, EventStoreClosed, EventStoreUnavailable, IdempotencyKeyTaken, WrongExpectedRevision } from '../errors';
import {
  START,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type GlobalPosition,
  type IdempotencyMark,
  type KeyedAppend,
  type PositionedEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { assertReadAll, streamWindow } from '../read-window';
import { verifySealed } from '../verify-stream';
import { AppendSignal } from '../subscription/append-signal';
import { Subscriptions } from '../subscription/subscriptions';
import { AppendListener } from './append-listener';
import { redactedUrl } from './redacted-url';
import { unavailableOr } from './unavailable';
import {
  SCHEMA_VERSION,
  assertRoleName,
  assertSchemaName,
  channelOf,
  envelopeOf,
  positioned,
  readGrantsDdl,
  schemaDdl,
  statementsOf,
  type EventRow,
  type Statements,
} from './postgres-schema';

const CONNECT_TIMEOUT_MS = 10_000;
const STATEMENT_TIMEOUT_MS = 25_000;
const LOCK_TIMEOUT_MS = 20_000;
const IDLE_IN_TRANSACTION_MS = 60_000;

export interface PostgresEventStoreOptions {
  /** postgres://user[:password]@host:port/database: the role the store connects as. */
  readonly connectionString: string;
  /** The schema the store's tables live in, created when missing: the service's name. */
  readonly schema: string;
  readonly clock?: Clock;
  /** How often subscriptions look for appends when no notification came (LISTEN wakes them at once). */
  readonly pollIntervalMs?: number;
  /**
   * Another service's store, without the right to change it (the read sides' view): no schema
   * set-up, appends and checkpointed subscriptions refused, and every session read only. The
   * role in the URL should have SELECT only (`readRoles`), so the database itself refuses writes.
   */
  readonly readOnly?: boolean;
  /** Roles granted read access (USAGE on the schema, SELECT on the record) at each start. */
  readonly readRoles?: readonly string[];
  /** The pool's largest number of connections. */
  readonly maxConnections?: number;
}

/**
 * The store on PostgreSQL, through `pg`. Each append is one transaction: take the store's append
 * lock, read the stream's tail, check `expected`, seal the batch with the kernel and insert it.
 *
 * The lock is what keeps subscriptions from skipping events. Positions come from an identity
 * sequence, and sequence values are handed out at insert time, not at commit: without the lock
 * a transaction holding position 9 could commit after one holding 10, and a reader that saw 10
 * would move its checkpoint past 9 for good. Under a transaction-scoped advisory lock, appends
 * to one store run one at a time, a transaction's commit is visible before its lock is released,
 * and so every position a reader can see has all lower positions visible too. The price is that
 * appends to one store do not overlap; each holds the lock for a few round trips on a fast link.
 */
export class PostgresEventStore implements EventStore {
  private readonly sql: Statements;
  private readonly clock: Clock;
  private readonly appends = new AppendSignal();
  private readonly subscriptions: Subscriptions;
  private readonly listener: AppendListener;
  private readonly readOnly: boolean;
  /** BEGIN and the lock in one round trip: a simple query, so the key and channel are literals. */
  private readonly beginLocked: string;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresEventStoreOptions,
    clientConfig: pg.ClientConfig,
  ) {
    this.sql = statementsOf(options.schema);
    this.clock = options.clock ?? systemClock;
    this.readOnly = options.readOnly ?? false;
    const channel = channelOf(options.schema);
    // READ COMMITTED named: under a stricter default the snapshot would be taken before the lock
    // wait, and the tail read after it would be stale.
    this.beginLocked = `BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(hashtextextended('event_store.${options.schema}', 0)), pg_notify('${channel}', '')`;
    this.listener = new AppendListener(clientConfig, channel, this.appends);
    this.subscriptions = new Subscriptions(
      {
        readAll: (o) => this.readAll(o),
        headPosition: () => this.headPosition(),
        loadCheckpoint: async (id) => {
          const row = (await this.query<{ position: string }>(this.sql.checkpoint, [id]))[0];
          return row ? BigInt(row.position) : null;
        },
        saveCheckpoint: async (id, position) => {
          await this.query(this.sql.saveCheckpoint, [id, position.toString(), this.clock.now()]);
        },
        appends: this.appends,
      },
      options.pollIntervalMs ?? 500,
    );
  }

  /**
   * Connects, and for a writer creates the schema and grants what is missing. A read-only store
   * whose schema does not exist yet is refused, named, as SQLite refuses a missing file.
   */
  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    assertSchemaName(options.schema);
    for (const role of options.readRoles ?? []) assertRoleName(role);
    const clientConfig: pg.ClientConfig = {
      connectionString: withSessionSettings(options.connectionString, options.readOnly === true),
      application_name: `event-store ${options.schema}${options.readOnly ? ' (read only)' : ''}`,
      // Nothing waits on the server for ever. The server ends a statement after 25 s (waiting for
      // the append lock after 20 s) and a transaction left idle after a minute (withSessionSettings),
      // so nothing of a gone client lingers there holding a connection; the client gives up on a connection not
      // made in 10 s (or not free in the pool by then) and on a query unanswered for 35 s (a socket
      // left half-open by a restart or a network fault): it is discarded and the caller's retry
      // takes a fresh one. Keep-alive probes find a silently dead peer of an idle connection.
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: STATEMENT_TIMEOUT_MS + 10_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    };
    const pool = new (pgDriver().Pool)({ ...clientConfig, max: options.maxConnections ?? 10 });
    // An idle connection the server drops (a restart) is reported here; the next query opens another.
    pool.on('error', () => undefined);
    // The pool listens to a connection only while it is idle. A restart's FATAL that reaches one
    // checked out between two statements of an append would otherwise be an unhandled 'error' event,
    // which ends the process; heard here, it fails that append's next statement instead.
    pool.on('connect', (client) => client.on('error', () => undefined));
    try {
      if (options.readOnly) await assertExists(pool, options.schema);
      else await createSchema(pool, options.schema, options.readRoles ?? []);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw describeConnectError(error, options);
    }
    return new PostgresEventStore(pool, options, clientConfig);
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision, options: AppendOptions = {}): Promise<AppendResult> {
    if (this.readOnly) throw new Error(`this connection to the event store is read only: cannot append to ${streamId}`);
    try {
      return await appendOrReplay(streamId, events, expected, this.history, () => this.write(streamId, events, expected, options.idempotency));
    } catch (error) {
      throw unavailableOr(error);
    }
  }

  async appendsOfKey(scope: string, key: string): Promise<KeyedAppend[]> {
    const rows = await this.query<{ stream_id: string; first_revision: number; event_count: number }>(this.sql.keyed, [scope, key]);
    const found = await Promise.all(
      rows.map(async (row) => ({
        streamId: row.stream_id,
        result: resultOf((await this.query<EventRow>(this.sql.stream, [row.stream_id, row.first_revision, row.event_count])).map(positioned)),
      })),
    );
    return found.sort((a, b) => (a.result.position < b.result.position ? -1 : 1));
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<EventEnvelope[]> {
    const { fromRevision, maxCount } = streamWindow(options);
    return (await this.query<EventRow>(this.sql.stream, [streamId, fromRevision, maxCount])).map(envelopeOf);
  }

  async verifyStream(streamId: string): Promise<ChainVerification> {
    const sealed = await this.query<[string, string]>(this.sql.sealed, [streamId]);
    return verifySealed(streamId, sealed, () => this.readStream(streamId));
  }

  async readAll(options: ReadAllOptions): Promise<PositionedEvent[]> {
    assertReadAll(options);
    return (await this.query<EventRow>(this.sql.all, [options.from.toString(), options.maxCount])).map(positioned);
  }

  async streamsOfCase(caseId: string): Promise<string[]> {
    return (await this.query<[string]>(this.sql.caseStreams, [caseId])).map(([streamId]) => streamId);
  }

  async readStreams(streamIds: readonly string[]): Promise<PositionedEvent[]> {
    if (streamIds.length === 0) return [];
    return (await this.query<EventRow>(this.sql.streams, [streamIds])).map(positioned);
  }

  async headPosition(): Promise<GlobalPosition> {
    const row = (await this.query<{ position: string | null }>(this.sql.head, []))[0];
    return row?.position ? BigInt(row.position) : START;
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    if (this.readOnly && !options.inMemory) throw new Error(`a read-only store keeps no checkpoints: subscribe to ${options.subscriptionId} in memory`);
    this.listener.start();
    return this.subscriptions.start(options);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.stopAll();
    await this.listener.stop();
    await this.pool.end();
  }

  private readonly history: AppendHistory = {
    locate: async (eventId) => {
      const row = (await this.query<{ stream_id: string; revision: number }>(this.sql.locate, [eventId]))[0];
      return row ? { streamId: row.stream_id, revision: row.revision } : null;
    },
    readPositioned: async (streamId, fromRevision, maxCount) =>
      (await this.query<EventRow>(this.sql.stream, [streamId, fromRevision, maxCount])).map(positioned),
  };

  private async write(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision, mark: IdempotencyMark | undefined): Promise<AppendResult> {
    this.assertOpen();
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(this.beginLocked);
      const tail = (await client.query<{ revision: number; hash: string }>({ ...this.sql.tail, values: [streamId] })).rows[0];
      checkExpected(streamId, expected, tail ? tail.revision : 'no_stream');
      const sealed = sealBatch(streamId, events, tail ?? null, this.clock.now());
      const inserted = await client.query<{ position: string; revision: number }>({
        ...this.sql.insert,
        values: [
          streamId,
          sealed.map((e) => e.revision),
          sealed.map((e) => e.eventId),
          sealed.map((e) => e.type),
          sealed.map((e) => e.caseId),
          sealed.map((e) => e.prevHash),
          sealed.map((e) => sealedBody(e)),
          sealed.map((e) => e.hash),
        ],
      });
      const first = sealed[0];
      if (mark && first) {
        await client.query({ ...this.sql.insertKey, values: [mark.scope, mark.key, streamId, first.revision, sealed.length] });
      }
      await client.query('COMMIT');
      const positions = new Map(inserted.rows.map((r) => [r.revision, BigInt(r.position)]));
      const result = resultOf(sealed.map((event) => ({ position: positionOf(positions, event.revision), event })));
      this.appends.notify();
      return result;
    } catch (error) {
      broken = await rollback(client, error);
      if (isUniqueViolation(error, 'events_event_id')) throw (await this.duplicateIn(streamId, events)) ?? error;
      if (isUniqueViolation(error, 'events_stream_revision')) throw await this.movedOn(streamId, expected, error);
      if (mark && isUniqueViolation(error, 'idempotency_keys_scope_key')) throw new IdempotencyKeyTaken(mark.scope, mark.key, streamId);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** The UNIQUE index found a taken id and the transaction rolled back: name the event and where it is. */
  private async duplicateIn(streamId: string, events: readonly EventToAppend[]): Promise<DuplicateEventId | null> {
    const rows = await this.query<{ event_id: string; stream_id: string; revision: number }>(this.sql.locateAny, [events.map((e) => e.eventId)]);
    const first = events.find((e) => rows.some((r) => r.event_id === e.eventId));
    const row = rows.find((r) => r.event_id === first?.eventId);
    return first && row ? new DuplicateEventId(first.eventId, streamId, { streamId: row.stream_id, revision: row.revision }) : null;
  }

  /**
   * Only a writer that bypassed the append lock (an older version, a hand-made insert) can take a
   * revision between our tail read and insert; it is the stream moving on like any other.
   */
  private async movedOn(streamId: string, expected: ExpectedRevision, error: unknown): Promise<unknown> {
    const tail = (await this.query<{ revision: number }>(this.sql.tail, [streamId]))[0];
    return tail ? new WrongExpectedRevision(streamId, expected, tail.revision) : error;
  }

  private async query<R extends object>(statement: { name: string; text: string; rowMode?: 'array' }, values: unknown[]): Promise<R[]> {
    this.assertOpen();
    try {
      return (await this.pool.query<R>({ ...statement, values })).rows;
    } catch (error) {
      throw unavailableOr(error);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosed();
  }
}

function positionOf(positions: ReadonlyMap<number, GlobalPosition>, revision: number): GlobalPosition {
  const position = positions.get(revision);
  if (position === undefined) throw new Error(`the insert returned no position for revision ${revision}`);
  return position;
}

/**
 * Rolls back; answers the error to discard the connection with when even that failed. A connection
 * that failed as unavailable (dead, or a query timed out and may still run) is discarded at once:
 * a ROLLBACK would only queue behind it, and the server ends the transaction with the connection.
 */
async function rollback(client: pg.PoolClient, cause: unknown): Promise<Error | undefined> {
  const unavailable = unavailableOr(cause);
  if (unavailable instanceof EventStoreUnavailable) return unavailable;
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch {
    return cause instanceof Error ? cause : new Error(String(cause));
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const { code, constraint: violated } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23505' && violated === constraint;
}

/** Two stores starting at once must not both create the schema: the set-up runs under its own lock. */
async function createSchema(pool: pg.Pool, schema: string, readRoles: readonly string[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(hashtextextended('event_store.setup.${schema}', 0))`);
    await client.query(schemaDdl(schema));
    const version = (await client.query<{ version: number }>(`SELECT max(version) AS version FROM "${schema}".store_version`)).rows[0]?.version;
    if (version !== undefined && version > SCHEMA_VERSION) {
      throw new Error(`the event store in schema ${schema} has layout version ${version}; this program knows up to ${SCHEMA_VERSION}`);
    }
    for (const role of readRoles) await client.query(readGrantsDdl(schema, role));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function assertExists(pool: pg.Pool, schema: string): Promise<void> {
  const found = await pool.query<{ events: string | null }>(`SELECT to_regclass('"${schema}".events')::text AS events`);
  if (!found.rows[0]?.events) throw new Error(`no event store in schema ${schema}: its service has not created it yet`);
}

/** A connection failure names the server (without the password) and how to start the local one. */
function describeConnectError(error: unknown, options: PostgresEventStoreOptions): Error {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const where = redactedUrl(options.connectionString);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') {
    return new Error(`cannot reach PostgreSQL for the ${options.schema} event store at ${where} (${message}); on this machine: bash deploy/local/postgres.sh up`, { cause: error });
  }
  return new Error(`the ${options.schema} event store at ${where}: ${message}`, { cause: error });
}

/**
 * The URL with the session settings every connection starts with, in its `options` (pg lets the
 * URL's `options` replace a separate one): server-side timeouts, so that nothing of a client that
 * gave up lingers on the server, and for a read-only store `default_transaction_read_only`, so the
 * database itself refuses its writes before any statement of ours runs. Options the URL already
 * carries come after ours and win (a deployment's own `statement_timeout`), but never undo
 * read-only.
 */
function withSessionSettings(connectionString: string, readOnly: boolean): string {
  const url = new URL(connectionString);
  const given = url.searchParams.get('options');
  const ours = [`-c statement_timeout=${STATEMENT_TIMEOUT_MS}`, `-c lock_timeout=${LOCK_TIMEOUT_MS}`, `-c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_MS}`];
  url.searchParams.set('options', [...ours, given, readOnly ? '-c default_transaction_read_only=on' : null].filter(Boolean).join(' '));
  return url.toString();
}
