import type Database from 'better-sqlite3';
import { sealBatch, sealedBody, systemClock, type ChainVerification, type Clock, type EventEnvelope, type EventToAppend } from '@whistle/kernel';
import { appendOrReplay, checkExpected, resultOf, type AppendHistory } from '../append-rules';
import { DuplicateEventId, EventStoreClosed, IdempotencyKeyTaken } from '../errors';
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
import { GroupCommit } from './group-commit';
import { SCHEMA, SCHEMA_VERSION, fromRow, migrateToVersion2, type EventTuple } from './sqlite-schema';
import { prepareKeyStatements, prepareStatements, type KeyStatements, type Statements } from './sqlite-statements';
import { openSqlite } from './open-sqlite';

export interface SqliteEventStoreOptions {
  /** The database file; its directory is created when missing. */
  readonly file: string;
  readonly clock?: Clock;
  /** How often subscriptions look for appends made through other connections to the file. */
  readonly pollIntervalMs?: number;
  /**
   * Opens another service's existing file without the right to change it (the read side's and
   * the audit's view of a writing service's store): appends and checkpointed subscriptions refuse.
   */
  readonly readOnly?: boolean;
}

/**
 * The embedded store: one SQLite file in WAL mode, so readers never block the writer.
 *
 * synchronous=FULL: every append is on disk before it returns. NORMAL would be faster, but in WAL
 * mode it may lose the last commits on power failure, after the relay may already have published
 * them: the store would then hand the same revisions to other events, and the audit copy on Kafka
 * would no longer match the record. The bench shows what FULL costs. Appends and checkpoints
 * asked for in the same turn of the event loop share one transaction and one fsync (GroupCommit).
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly readOnly: boolean;
  private readonly sql: Statements;
  private readonly clock: Clock;
  private readonly appends = new AppendSignal();
  private readonly subscriptions: Subscriptions;
  private readonly group: GroupCommit;
  /** Checkpoints handed in since the last group commit: only the latest of each is written. */
  private readonly checkpoints = new Map<string, GlobalPosition>();
  private checkpointsQueued = false;
  private keyStatements: KeyStatements | undefined;

  constructor(options: SqliteEventStoreOptions) {
    this.readOnly = options.readOnly ?? false;
    this.db = openSqlite(options.file, { synchronous: 'FULL', readOnly: this.readOnly, missing: 'event store' });
    if (!this.readOnly) openSchema(this.db, options.file);
    else assertCurrentSchema(this.db, options.file);
    this.sql = prepareStatements(this.db);
    this.clock = options.clock ?? systemClock;
    this.group = new GroupCommit(this.db, () => this.appends.notify());
    this.subscriptions = new Subscriptions(
      {
        readAll: (o) => this.readAll(o),
        headPosition: () => this.headPosition(),
        loadCheckpoint: async (id) => {
          const row = this.open.checkpoint.get(id);
          return row ? BigInt(row.position) : null;
        },
        saveCheckpoint: async (id, position) => this.checkpointSoon(id, position),
        appends: this.appends,
      },
      options.pollIntervalMs ?? 500,
    );
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision, options: AppendOptions = {}): Promise<AppendResult> {
    if (this.readOnly) throw new Error(`this connection to the event store is read only: cannot append to ${streamId}`);
    return appendOrReplay(streamId, events, expected, this.history, () => this.write(streamId, events, expected, options.idempotency));
  }

  async appendsOfKey(scope: string, key: string): Promise<KeyedAppend[]> {
    const found = this.keys.keyed.all(scope, key).map((row) => ({
      streamId: row.stream_id,
      result: resultOf(this.open.stream.all(row.stream_id, row.first_revision, row.event_count).map(positioned)),
    }));
    return found.sort((a, b) => (a.result.position < b.result.position ? -1 : 1));
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<EventEnvelope[]> {
    const { fromRevision, maxCount } = streamWindow(options);
    return this.open.stream.all(streamId, fromRevision, maxCount).map(fromRow);
  }

  async verifyStream(streamId: string): Promise<ChainVerification> {
    return verifySealed(streamId, this.open.sealed.all(streamId), () => this.readStream(streamId));
  }

  async readAll(options: ReadAllOptions): Promise<PositionedEvent[]> {
    assertReadAll(options);
    return this.open.all.all(options.from, options.maxCount).map(positioned);
  }

  async streamsOfCase(caseId: string): Promise<string[]> {
    return this.open.caseStreams.all(caseId).map(([streamId]) => streamId);
  }

  async readStreams(streamIds: readonly string[]): Promise<PositionedEvent[]> {
    if (streamIds.length === 0) return [];
    return this.open.streams.all(JSON.stringify(streamIds)).map(positioned);
  }

  async headPosition(): Promise<GlobalPosition> {
    const row = this.open.head.get();
    return row ? BigInt(row.position) : START;
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    if (this.readOnly && !options.inMemory) throw new Error(`a read-only store keeps no checkpoints: subscribe to ${options.subscriptionId} in memory`);
    return this.subscriptions.start(options);
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    await this.subscriptions.stopAll();
    this.group.flush();
    this.db.close();
  }

  private readonly history: AppendHistory = {
    locate: async (eventId) => {
      const row = this.open.locate.get(eventId);
      return row ? { streamId: row.stream_id, revision: row.revision } : null;
    },
    readPositioned: async (streamId, fromRevision, maxCount) =>
      this.open.stream.all(streamId, fromRevision, maxCount).map(positioned),
  };

  /**
   * Notes a subscription's position and writes it with the next group commit, without waiting
   * for it: a checkpoint only saves work, since a subscription resumes after its last one and
   * its handlers bear redelivery, so losing the last turn's checkpoints to a crash redelivers
   * those events and nothing more. Waiting instead held each subscription to one event per turn
   * of the event loop, which under load put the read side seconds behind. Closing writes them.
   */
  private checkpointSoon(id: string, position: GlobalPosition): void {
    this.assertOpen();
    this.checkpoints.set(id, position);
    if (this.checkpointsQueued) return;
    this.checkpointsQueued = true;
    this.group
      .submit(() => {
        // Taken off only once written: a failed write leaves them for the next checkpoint's commit.
        this.checkpointsQueued = false;
        const at = this.clock.now();
        for (const [subscription, reached] of this.checkpoints) this.sql.saveCheckpoint.run(subscription, reached, at);
        this.checkpoints.clear();
      })
      .catch((error: unknown) => {
        this.checkpointsQueued = false;
        console.error(`event store: could not write the checkpoints of ${[...this.checkpoints.keys()].join(', ')}; the next checkpoint tries again`, error);
      });
  }

  private async write(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision, mark: IdempotencyMark | undefined): Promise<AppendResult> {
    this.assertOpen();
    try {
      return await this.group.submit(() => this.appendNow(streamId, events, expected, mark));
    } catch (error) {
      // The UNIQUE index found the taken id and the savepoint rolled back; name the event.
      if (isTaken(error, 'events.event_id')) throw this.duplicateIn(streamId, events) ?? error;
      if (mark && isTaken(error, 'idempotency_keys.')) throw new IdempotencyKeyTaken(mark.scope, mark.key, streamId);
      throw error;
    }
  }

  /** Inside the shared transaction, which holds the write lock from before the tail is read; the key in the same savepoint as the events. */
  private appendNow(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision, mark: IdempotencyMark | undefined): AppendResult {
    const tail = this.sql.tail.get(streamId);
    checkExpected(streamId, expected, tail ? tail.revision : 'no_stream');
    const sealed = sealBatch(streamId, events, tail ?? null, this.clock.now());
    const { insert } = this.sql;
    const result = resultOf(
      sealed.map((e) => ({
        position: BigInt(insert.run(e.streamId, e.revision, e.eventId, e.type, e.caseId, sealedBody(e), e.hash).lastInsertRowid),
        event: e,
      })),
    );
    const first = sealed[0];
    if (mark && first) this.keys.insertKey.run(mark.scope, mark.key, streamId, first.revision, sealed.length);
    return result;
  }

  private duplicateIn(streamId: string, events: readonly EventToAppend[]): DuplicateEventId | null {
    for (const { eventId } of events) {
      const row = this.sql.locate.get(eventId);
      if (row) return new DuplicateEventId(eventId, streamId, { streamId: row.stream_id, revision: row.revision });
    }
    return null;
  }

  /** Prepared at first use, as `prepareKeyStatements` says why. */
  private get keys(): KeyStatements {
    this.assertOpen();
    return (this.keyStatements ??= prepareKeyStatements(this.db));
  }

  /** The statements, once the store is known to be open. */
  private get open(): Statements {
    this.assertOpen();
    return this.sql;
  }

  private assertOpen(): void {
    if (!this.db.open) throw new EventStoreClosed();
  }
}

/** Creates the tables of a new file, or moves a version 1 file to the current layout. */
function openSchema(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) throw new Error(`the event store at ${file} has layout version ${version}, newer than this program's ${SCHEMA_VERSION}: run the newer program`);
  const hasEvents = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() !== undefined;
  if (hasEvents && version < SCHEMA_VERSION) migrateToVersion2(db);
  db.exec(SCHEMA);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

/** A reader may not move a file: it needs its writer to have opened it once with this program. */
function assertCurrentSchema(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== SCHEMA_VERSION) {
    throw new Error(`the event store at ${file} has layout version ${version}, not ${SCHEMA_VERSION}: start its writing service once to move it, then open it read only`);
  }
}

function positioned(row: EventTuple): PositionedEvent {
  return { position: BigInt(row[0]), event: fromRow(row) };
}

/**
 * Recognised by its code, not by `instanceof`: the native addon keeps the error class of the
 * first module registry that loaded it, so under a test runner with several registries (jest)
 * a later registry's `Database.SqliteError` is a different class.
 */
function isTaken(error: unknown, column: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') && typeof message === 'string' && message.includes(column);
}
