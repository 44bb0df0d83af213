import type Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { BOUND_LIMIT, openSqlite } from '@whistle/event-store';
import {
  ReadModelConflict,
  type FindQuery,
  type FindResult,
  type PutOptions,
  type ReadModelCollection,
  type ReadModelDocument,
  type ReadModelStore,
  type TallyQuery,
  type TallyRow,
  type VersionedWrite,
} from '../read-model-store.port';
import { READ_MODEL_ARRAY_FIELDS, READ_MODEL_COLUMNS, READ_MODEL_INDEXES, READ_MODEL_ROLLUPS } from '../read-model-indexes';
import { DocumentColumns } from './document-columns';
import { DocumentRollUps } from './document-rollups';
import { jsonPath, orderSql, valueSql, whereSql } from './document-sql';
import { jsonTallySource, tallyRows, tallySql } from './tally-sql';

export interface SqliteReadModelStoreOptions {
  /** Start from an empty file: the read models are rebuilt from the event stores. */
  readonly fresh?: boolean;
  /**
   * Keep the file of the last run only if `closeCleanly` closed it with this same key (the code and
   * catalogue that made the views, and the stores' heads they were made from); start afresh
   * otherwise. `kept` tells.
   */
  readonly keepIf?: string;
  /** SQLite's page cache in MiB: what the read models may keep in memory (default 32). */
  readonly cacheMiB?: number;
}

/** What the file says of itself: the stamp of the read models that wrote it, and whether it was closed cleanly. */
const META = 'read_models_meta';

/** The stamp of a file closed cleanly, or null (another file, an older layout, a crash, a damaged file). */
function keptStampOf(file: string): string | null {
  let db: Database.Database | undefined;
  try {
    db = openSqlite(file, { readOnly: true });
    const rows = db.prepare(`SELECT key, value FROM ${META}`).all() as { key: string; value: string }[];
    const meta = new Map(rows.map((r) => [r.key, r.value]));
    return meta.get('closed-cleanly') === 'yes' ? (meta.get('stamp') ?? null) : null;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/** Prepared statements kept per connection; queries come in a handful of shapes. */
const STATEMENT_CACHE = 256;

/**
 * The read models in a SQLite file (the embedded mode's read side): a table of JSON documents per
 * collection, with expression indexes on the fields the queries filter and sort by, so memory
 * stays within SQLite's page cache however many cases there are, and a page of a list is an
 * indexed query, not a scan of every document in the process. The file is a cache of what the
 * event stores hold: written without fsync, and started afresh when asked.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly collections = new Map<string, SqliteCollection<ReadModelDocument>>();
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(
    private readonly db: Database.Database,
    /** Whether the file of the last run was kept (`keepIf`): the caller need not rebuild it. */
    readonly kept: boolean,
  ) {}

  static open(file: string, options: SqliteReadModelStoreOptions = {}): SqliteReadModelStore {
    const keep = options.keepIf !== undefined && !options.fresh && file !== ':memory:' && existsSync(file) && keptStampOf(file) === options.keepIf;
    if ((options.fresh || (options.keepIf !== undefined && !keep)) && file !== ':memory:') for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    const db = openSqlite(file);
    db.exec(`CREATE TABLE IF NOT EXISTS ${META} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    if (options.keepIf !== undefined) {
      // Said on disk before any write: a run that ends without closeCleanly leaves a file the next start remakes.
      db.pragma('synchronous = FULL');
      db.prepare(`INSERT OR REPLACE INTO ${META} (key, value) VALUES ('stamp', ?), ('closed-cleanly', 'no')`).run(options.keepIf);
    }
    // Nothing written while running needs to survive a crash: the stores rebuild it.
    db.pragma('synchronous = OFF');
    db.pragma(`cache_size = -${(options.cacheMiB ?? 32) * 1024}`);
    db.pragma('temp_store = FILE');
    return new SqliteReadModelStore(db, keep);
  }

  /**
   * Closes, saying the file holds everything it was given under `key` (see `keepIf`): the caller
   * stopped what feeds it, and what it has not seen will come again. Everything goes to disk
   * first, so the next start may keep the file instead of rebuilding it from the stores.
   */
  closeCleanly(key: string): void {
    try {
      this.db.pragma('synchronous = FULL');
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.prepare(`INSERT OR REPLACE INTO ${META} (key, value) VALUES ('stamp', ?), ('closed-cleanly', 'yes')`).run(key);
    } finally {
      this.close();
    }
  }

  collection<D extends ReadModelDocument>(name: string): ReadModelCollection<D> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new SqliteCollection(name, this.db, (sql) => this.statement(sql));
      this.collections.set(name, collection);
    }
    return collection as unknown as ReadModelCollection<D>;
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE) this.statements.delete(this.statements.keys().next().value as string);
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

class SqliteCollection<D extends ReadModelDocument> implements ReadModelCollection<D> {
  private readonly table: string;
  /** The side table of each indexed array field: one row per item, so `$contains` is an index lookup. */
  private readonly arrayTables: ReadonlyMap<string, string>;
  private readonly writeOne: (doc: D, expectedVersion: number | undefined) => boolean;
  private readonly writeMany: (writes: readonly VersionedWrite<D>[]) => Set<string>;
  /** Plain columns of the fields the office's figures and their drill-downs read, when the collection has any. */
  private readonly columns: DocumentColumns | undefined;
  /** Sums per hour of those columns, for the dashboard's tallies over whole hours. */
  private readonly rollUps: DocumentRollUps | undefined;

  constructor(
    private readonly name: string,
    db: Database.Database,
    private readonly statement: (sql: string) => Database.Statement,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new RangeError(`collection name ${JSON.stringify(name)}: lower-case letters, digits and _ only`);
    this.table = `rm_${name}`;
    this.arrayTables = new Map((READ_MODEL_ARRAY_FIELDS[name] ?? []).map((field) => [field, `${this.table}__${field.replaceAll('.', '_')}`]));
    db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL)`);
    for (const [index, keys] of (READ_MODEL_INDEXES[name] ?? []).entries()) {
      const scalar = Object.entries(keys).filter(([field]) => !this.arrayTables.has(field));
      if (scalar.length === 0) continue;
      const columns = scalar.map(([field, order]) => `${valueSql(field)} ${order === 1 ? 'ASC' : 'DESC'}`).join(', ');
      db.exec(`CREATE INDEX IF NOT EXISTS ${this.table}_${index} ON ${this.table} (${columns})`);
    }
    for (const table of this.arrayTables.values()) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${table} (value, type TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (value, type, id)) WITHOUT ROWID`);
      db.exec(`CREATE INDEX IF NOT EXISTS ${table}_id ON ${table} (id)`);
    }
    const columns = READ_MODEL_COLUMNS[name];
    this.columns = columns && new DocumentColumns(db, this.table, columns, statement);
    const rollUps = READ_MODEL_ROLLUPS[name];
    if (rollUps && !this.columns) throw new RangeError(`collection ${name} has roll-ups but no columns to keep them from`);
    this.rollUps = rollUps && this.columns && new DocumentRollUps(db, this.table, this.columns, rollUps, statement);
    const many = db.transaction((writes: readonly VersionedWrite<D>[]) => {
      const conflicts = new Set<string>();
      for (const { doc, expectedVersion } of writes) if (!this.write(doc, expectedVersion)) conflicts.add(doc.id);
      return conflicts;
    });
    this.writeMany = (writes) => many(writes);
    const one = db.transaction((doc: D, expectedVersion: number | undefined) => this.write(doc, expectedVersion));
    this.writeOne = (doc, expectedVersion) => one(doc, expectedVersion);
  }

  async get(id: string): Promise<D | undefined> {
    const row = this.statement(`SELECT doc FROM ${this.table} WHERE id = ?`).get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as D) : undefined;
  }

  async getMany(ids: readonly string[]): Promise<D[]> {
    if (ids.length === 0) return [];
    const rows = this.statement(`SELECT doc FROM ${this.table} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...new Set(ids)])) as { doc: string }[];
    return rows.map((row) => JSON.parse(row.doc) as D);
  }

  async put(doc: D, options?: PutOptions): Promise<void> {
    if (!this.writeOne(doc, options?.expectedVersion)) throw new ReadModelConflict(this.name, doc.id, options?.expectedVersion ?? 0);
  }

  async putMany(writes: readonly VersionedWrite<D>[]): Promise<ReadonlySet<string>> {
    return this.writeMany(writes);
  }

  async find(query: FindQuery = {}): Promise<FindResult<D>> {
    const { where = {}, sort = [], skip = 0, limit } = query;
    if (!Number.isInteger(skip) || skip < 0) throw new RangeError(`skip must be a whole number of at least 0; got ${skip}`);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
      throw new RangeError(`limit must be a whole number of at least 1; got ${limit}`);
    }
    if (this.columns?.covers(query)) return this.findByColumns(this.columns, query);
    const condition = whereSql(where, this.arrayTables);
    const total = (this.statement(`SELECT count(*) AS n FROM ${this.table} WHERE ${condition.sql}`).get(...condition.params) as { n: number }).n;
    if (total === 0 || skip >= total) return { items: [], total };
    const page = `SELECT doc FROM ${this.table} WHERE ${condition.sql} ORDER BY ${orderSql(sort)} ${BOUND_LIMIT} OFFSET ?`;
    const rows = this.statement(page).all(...condition.params, limit ?? -1, skip) as { doc: string }[];
    return { items: rows.map((row) => JSON.parse(row.doc) as D), total };
  }

  async tally(query: TallyQuery): Promise<TallyRow[]> {
    const fromColumns = this.columns?.tallySource(query, (field) => whereSql(query.where ?? {}, new Map(), field));
    const aggregate = this.rollUps?.tally(query) ?? tallySql(query, fromColumns ?? jsonTallySource(this.table, this.arrayTables, query));
    if (aggregate === undefined) return [];
    return tallyRows(this.statement(aggregate.sql).all(...aggregate.params) as Record<string, unknown>[], query);
  }

  /** A find whose filter and sort read only fields with columns: counted and paged on the side table, only the page's documents read. */
  private findByColumns(columns: DocumentColumns, query: FindQuery): FindResult<D> {
    const { where = {}, sort = [], skip = 0, limit } = query;
    const condition = whereSql(where, new Map(), (field) => columns.documentField(field));
    const total = (this.statement(`SELECT count(*) AS n FROM ${columns.table} d WHERE ${condition.sql}`).get(...condition.params) as { n: number }).n;
    if (total === 0 || skip >= total) return { items: [], total };
    const order = [...sort.map(({ field, order }) => `${columns.documentField(field).value} ${order === 'asc' ? 'ASC' : 'DESC'}`), 'd.id ASC'].join(', ');
    const page = `SELECT m.doc FROM ${columns.table} d JOIN ${this.table} m ON m.id = d.id WHERE ${condition.sql} ORDER BY ${order} ${BOUND_LIMIT} OFFSET ?`;
    const rows = this.statement(page).all(...condition.params, limit ?? -1, skip) as { doc: string }[];
    return { items: rows.map((row) => JSON.parse(row.doc) as D), total };
  }

  async clear(): Promise<void> {
    this.statement(`DELETE FROM ${this.table}`).run();
    this.columns?.clear();
    this.rollUps?.clear();
    for (const table of this.arrayTables.values()) this.statement(`DELETE FROM ${table}`).run();
  }

  /** Writes one document (conditionally when `expectedVersion` is given); false when its condition failed. */
  private write(doc: D, expectedVersion: number | undefined): boolean {
    const text = JSON.stringify(doc);
    if (expectedVersion === undefined) {
      this.statement(`INSERT INTO ${this.table} (id, version, doc) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version, doc = excluded.doc`).run(doc.id, doc.version, text);
    } else if (expectedVersion === 0) {
      if (this.statement(`INSERT INTO ${this.table} (id, version, doc) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING`).run(doc.id, doc.version, text).changes === 0) return false;
    } else if (this.statement(`UPDATE ${this.table} SET version = ?, doc = ? WHERE id = ? AND version = ?`).run(doc.version, text, doc.id, expectedVersion).changes === 0) {
      return false;
    }
    this.columns?.write(doc);
    for (const [field, table] of this.arrayTables) {
      this.statement(`DELETE FROM ${table} WHERE id = ?`).run(doc.id);
      this.statement(`INSERT OR IGNORE INTO ${table} (value, type, id) SELECT value, type, ? FROM json_each(?, '${jsonPath(field)}') WHERE json_type(?, '${jsonPath(field)}') = 'array'`).run(doc.id, text, text);
    }
    return true;
  }
}
