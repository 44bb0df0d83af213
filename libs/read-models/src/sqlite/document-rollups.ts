import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { RollUpFields } from '../read-model-indexes';
import type { TallyQuery } from '../read-model-store.port';
import type { DocumentColumns } from './document-columns';
import type { SqlFragment } from './document-sql';

const HOUR = 3_600_000;

/** A number as the tally adds it up (anything else adds 0). */
const numeric = (value: string) => `(CASE WHEN typeof(${value}) IN ('integer', 'real') THEN ${value} ELSE 0 END)`;

/** An instant that begins a UTC hour, written as the instants are (`2026-11-21T16:00:00.000Z`). */
function startsAnHour(instant: string): boolean {
  const ms = Date.parse(instant);
  return Number.isFinite(ms) && ms % HOUR === 0 && new Date(ms).toISOString() === instant;
}

/**
 * One roll-up (read-model-indexes.ts): a table of a row per UTC hour and `by` values, with the
 * count of rows of the source table (the documents' columns or an array's elements) and the sum
 * of each `sum` field. A `by` value is kept with its type, null as '' of type 'null', so that the
 * key never holds a NULL (which a primary key would take as distinct from every other).
 */
class RollUp {
  readonly table: string;
  readonly triggers: readonly string[];
  private readonly source: string;
  private readonly time: string;
  private readonly keys: readonly string[];
  private readonly sums: readonly string[];

  constructor(
    private readonly fields: RollUpFields,
    columns: DocumentColumns,
  ) {
    const columnOf = (field: string) => {
      const found = columns.columnOf(field, fields.unwind);
      if (!found) throw new RangeError(`the roll-up of ${fields.time} reads ${field}, which has no column (READ_MODEL_COLUMNS)`);
      return found;
    };
    const time = columnOf(fields.time);
    this.source = time.table;
    this.time = time.column;
    this.keys = fields.by.map((f) => columnOf(f).column);
    this.sums = fields.sum.map((f) => columnOf(f).column);
    const tag = createHash('sha256').update(JSON.stringify([this.source, fields, this.keys, this.sums])).digest('hex').slice(0, 8);
    this.table = `${this.source}__rollup_${tag}`;
    this.triggers = ['insert', 'delete', 'update'].map((event) => `${this.table}_${event}`);
  }

  /**
   * Creates the table and its triggers. Without all of its triggers (a new roll-up, or a source
   * table made anew) it cannot be trusted, so it is filled again from the source. Call in a transaction.
   */
  create(db: Database.Database): void {
    const exists = (type: string, name: string) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?`).get(type, name) !== undefined;
    const fresh = !exists('table', this.table) || !this.triggers.every((trigger) => exists('trigger', trigger));
    const keys = this.keys.map((_, i) => `k${i} NOT NULL, t${i} TEXT NOT NULL`);
    const sums = this.sums.map((_, i) => `s${i} NOT NULL`);
    const primary = ['hour', ...this.keys.flatMap((_, i) => [`k${i}`, `t${i}`])].join(', ');
    db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (hour TEXT NOT NULL, ${[...keys, 'n INTEGER NOT NULL', ...sums].join(', ')}, PRIMARY KEY (${primary})) WITHOUT ROWID`);
    const [onInsert, onDelete, onUpdate] = this.triggers;
    db.exec(`CREATE TRIGGER IF NOT EXISTS ${onInsert} AFTER INSERT ON ${this.source} BEGIN ${this.change('NEW', 1)}; END`);
    db.exec(`CREATE TRIGGER IF NOT EXISTS ${onDelete} AFTER DELETE ON ${this.source} BEGIN ${this.change('OLD', -1)}; END`);
    db.exec(`CREATE TRIGGER IF NOT EXISTS ${onUpdate} AFTER UPDATE ON ${this.source} BEGIN ${this.change('OLD', -1)}; ${this.change('NEW', 1)}; END`);
    if (!fresh) return;
    db.exec(`DELETE FROM ${this.table}`);
    const row = (alias: string) => [this.hourOf(`${alias}.${this.time}`), ...this.keys.flatMap((k) => [`coalesce(${alias}.${k}, '')`, `typeof(${alias}.${k})`])];
    const groups = row('s').map((_, i) => String(i + 1)).join(', ');
    db.exec(`INSERT INTO ${this.table} SELECT ${[...row('s'), 'count(*)', ...this.sums.map((c) => `sum(${numeric(`s.${c}`)})`)].join(', ')} FROM ${this.source} s WHERE typeof(s.${this.time}) = 'text' GROUP BY ${groups}`);
  }

  /** The tally over these rows, when it reads only what they keep over whole hours; else undefined. */
  tally(query: TallyQuery): SqlFragment | undefined {
    const { where = {}, unwind, rowWhere = {}, by, sum = [], buckets } = query;
    if (unwind !== this.fields.unwind || Object.keys(where).length > 0 || Object.keys(rowWhere).length > 0) return undefined;
    if (!buckets || buckets.field !== this.fields.time || buckets.bounds.length < 2 || !buckets.bounds.every(startsAnHour)) return undefined;
    const keys = by.map((field) => this.fields.by.indexOf(field));
    const sums = sum.map((field) => this.fields.sum.indexOf(field));
    if (keys.includes(-1) || sums.includes(-1)) return undefined;
    const { bounds } = buckets;
    const inner = bounds.slice(1, -1);
    const bucket = inner.length === 0 ? '0' : `CASE ${inner.map((_, i) => `WHEN hour < ? THEN ${i}`).join(' ')} ELSE ${inner.length} END`;
    const columns = [`${bucket} AS bucket`, ...keys.flatMap((k, i) => [`k${k} AS k${i}`, `t${k} AS t${i}`]), 'sum(n) AS n', ...sums.map((s, i) => `total(s${s}) AS s${i}`)];
    const groups = ['bucket', ...keys.flatMap((_, i) => [`k${i}`, `t${i}`])].join(', ');
    return {
      // Rows whose cases all moved to another hour or group stay at zero: HAVING leaves them out.
      sql: `SELECT ${columns.join(', ')} FROM ${this.table} WHERE hour >= ? AND hour < ? GROUP BY ${groups} HAVING sum(n) > 0`,
      params: [...inner, bounds[0] as string, bounds[bounds.length - 1] as string],
    };
  }

  /** Adds a source row (`sign` 1) or takes it away (-1). */
  private change(alias: 'NEW' | 'OLD', sign: 1 | -1): string {
    const keys = this.keys.flatMap((_, i) => [`k${i}`, `t${i}`]);
    const names = ['hour', ...keys, 'n', ...this.sums.map((_, i) => `s${i}`)];
    const values = [
      this.hourOf(`${alias}.${this.time}`),
      ...this.keys.flatMap((k) => [`coalesce(${alias}.${k}, '')`, `typeof(${alias}.${k})`]),
      String(sign),
      ...this.sums.map((c) => `${sign} * ${numeric(`${alias}.${c}`)}`),
    ];
    const add = ['n', ...this.sums.map((_, i) => `s${i}`)].map((c) => `${c} = ${c} + excluded.${c}`).join(', ');
    // The WHERE also tells SQLite's parser that ON CONFLICT is the upsert's, not a join's.
    return `INSERT INTO ${this.table} (${names.join(', ')}) SELECT ${values.join(', ')} WHERE typeof(${alias}.${this.time}) = 'text' ON CONFLICT (${['hour', ...keys].join(', ')}) DO UPDATE SET ${add}`;
  }

  private hourOf(instant: string): string {
    return `substr(${instant}, 1, 13) || ':00:00.000Z'`;
  }
}

/**
 * The roll-ups of a collection (READ_MODEL_ROLLUPS), kept from its columns by triggers. Roll-up
 * tables and triggers of an older list of roll-ups are dropped, so none is kept for nothing.
 */
export class DocumentRollUps {
  private readonly rollUps: readonly RollUp[];

  constructor(
    db: Database.Database,
    documents: string,
    columns: DocumentColumns,
    fields: readonly RollUpFields[],
    private readonly statement: (sql: string) => Database.Statement,
  ) {
    this.rollUps = fields.map((f) => new RollUp(f, columns));
    const tables = new Set(this.rollUps.map((r) => r.table));
    const triggers = new Set(this.rollUps.flatMap((r) => r.triggers));
    db.transaction(() => {
      const existing = db.prepare(`SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE ? ESCAPE '\\'`).all(`${documents.replaceAll('_', '\\_')}\\_\\_%\\_\\_rollup\\_%`) as { type: string; name: string }[];
      for (const { type, name } of existing) {
        if (type === 'trigger' && !triggers.has(name)) db.exec(`DROP TRIGGER ${name}`);
        if (type === 'table' && !tables.has(name)) db.exec(`DROP TABLE ${name}`);
      }
      for (const rollUp of this.rollUps) rollUp.create(db);
    })();
  }

  /** The first roll-up's answer to the tally, as SQL with the columns `tallyRows` reads; undefined when none can answer. */
  tally(query: TallyQuery): SqlFragment | undefined {
    for (const rollUp of this.rollUps) {
      const answer = rollUp.tally(query);
      if (answer) return answer;
    }
    return undefined;
  }

  /** Empties them (after their sources were emptied, the rows left are all zero). */
  clear(): void {
    for (const rollUp of this.rollUps) this.statement(`DELETE FROM ${rollUp.table}`).run();
  }
}
