import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { getterOf } from '../memory/document-query';
import type { ColumnFields } from '../read-model-indexes';
import type { FindQuery, ReadModelDocument, TallyQuery } from '../read-model-store.port';
import type { FieldSql, SqlFragment } from './document-sql';

/** Where a tally reads: its rows (`from`), the condition on their documents, and each field of a row. */
export interface TallySource {
  readonly from: string;
  readonly documents: SqlFragment;
  readonly rowField: (field: string) => FieldSql;
}

type SqlValue = string | number | null;

/** A column's SQL value and type (SQLite's `typeof` names the types as `json_type` does: integer, real, text, null). */
function column(alias: string, index: number): FieldSql {
  return { value: `${alias}.c${index}`, type: `typeof(${alias}.c${index})` };
}

function sqlValue(value: unknown): SqlValue {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return null;
}

/**
 * The side tables of a collection's column fields (read-model-indexes.ts): one row per document
 * with a column per field, and one row per element of each unwound array. Written with the
 * document, in its transaction. A table's name carries a hash of its fields, so a changed list
 * makes a new table, filled from the documents at once.
 */
export class DocumentColumns {
  readonly table: string;
  private readonly fields: readonly string[];
  private readonly unwound: ReadonlyMap<string, { readonly table: string; readonly fields: readonly string[] }>;

  constructor(
    private readonly db: Database.Database,
    private readonly documents: string,
    spec: ColumnFields,
    private readonly statement: (sql: string) => Database.Statement,
  ) {
    const tag = (fields: readonly string[]) => createHash('sha256').update(fields.join('\n')).digest('hex').slice(0, 8);
    this.fields = spec.fields;
    this.table = `${documents}__columns_${tag(spec.fields)}`;
    this.unwound = new Map(Object.entries(spec.unwound ?? {}).map(([field, fields]) => [field, { table: `${documents}__${field.replaceAll('.', '_')}_${tag(fields)}`, fields }]));
    const fresh = [this.table, ...[...this.unwound.values()].map((u) => u.table)].some((table) => !this.exists(table));
    db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (id TEXT PRIMARY KEY, ${this.fields.map((_, i) => `c${i}`).join(', ')})`);
    const reportedAt = this.fields.indexOf('reportedAt');
    if (reportedAt >= 0) db.exec(`CREATE INDEX IF NOT EXISTS ${this.table}_reported ON ${this.table} (c${reportedAt})`);
    for (const { table, fields } of this.unwound.values()) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${table} (id TEXT NOT NULL, ${fields.map((_, i) => `c${i}`).join(', ')})`);
      db.exec(`CREATE INDEX IF NOT EXISTS ${table}_id ON ${table} (id)`);
    }
    if (fresh) this.backfill();
  }

  /** Keeps the document's columns and element rows; call inside the document's write transaction. */
  write(doc: ReadModelDocument): void {
    // An upsert rather than INSERT OR REPLACE, whose delete would not fire the roll-ups' triggers.
    const set = this.fields.map((_, i) => `c${i} = excluded.c${i}`).join(', ');
    this.statement(`INSERT INTO ${this.table} VALUES (?, ${this.fields.map(() => '?').join(', ')}) ON CONFLICT (id) DO UPDATE SET ${set}`).run(doc.id, ...this.fields.map((f) => sqlValue(getterOf(f)(doc))));
    for (const [field, { table, fields }] of this.unwound) {
      this.statement(`DELETE FROM ${table} WHERE id = ?`).run(doc.id);
      const elements = getterOf(field)(doc);
      if (!Array.isArray(elements)) continue;
      const insert = this.statement(`INSERT INTO ${table} VALUES (?, ${fields.map(() => '?').join(', ')})`);
      for (const element of elements) insert.run(doc.id, ...fields.map((f) => sqlValue(getterOf(f)(element))));
    }
  }

  clear(): void {
    this.statement(`DELETE FROM ${this.table}`).run();
    for (const { table } of this.unwound.values()) this.statement(`DELETE FROM ${table}`).run();
  }

  /**
   * The tally's rows and fields in the side tables, when every field it reads has a column: the
   * documents `d` as the rows, or the unwound array's rows `u` of the documents matching `where`.
   */
  tallySource(query: TallyQuery, where: (documentField: (field: string) => FieldSql) => SqlFragment): TallySource | undefined {
    const { where: documentWhere = {}, unwind, rowWhere = {}, by, sum = [], buckets } = query;
    const covered = (field: string) => field === 'id' || this.fields.includes(field);
    if (!Object.keys(documentWhere).every(covered)) return undefined;
    const rowFields = [...Object.keys(rowWhere), ...by, ...sum, ...(buckets ? [buckets.field] : [])];
    const documents = where((field) => this.documentField(field));
    if (unwind === undefined) {
      if (!rowFields.every(covered)) return undefined;
      return { from: `${this.table} d`, documents, rowField: (field) => this.documentField(field) };
    }
    const elements = this.unwound.get(unwind);
    if (!elements) return undefined;
    const inElement = (field: string) => (field.startsWith(`${unwind}.`) ? elements.fields.indexOf(field.slice(unwind.length + 1)) : -1);
    // A field of the element without a column cannot be read here; one outside it reads null, as on FerretDB.
    if (rowFields.some((f) => f === unwind || (f.startsWith(`${unwind}.`) && inElement(f) < 0))) return undefined;
    const rowField = (field: string): FieldSql => (field === 'id' ? { value: 'u.id', type: "'text'" } : inElement(field) >= 0 ? column('u', inElement(field)) : { value: 'NULL', type: 'NULL' });
    const matching = Object.keys(documentWhere).length === 0 ? undefined : { sql: `u.id IN (SELECT d.id FROM ${this.table} d WHERE ${documents.sql})`, params: documents.params };
    return { from: `${elements.table} u`, documents: matching ?? { sql: '1', params: [] }, rowField };
  }

  /** Whether a find reads only fields with columns (no array conditions), so it can filter and sort on them. */
  covers(query: FindQuery): boolean {
    const fields = [...Object.keys(query.where ?? {}), ...(query.sort ?? []).map((s) => s.field)];
    const scalar = Object.values(query.where ?? {}).every((c) => c === null || typeof c !== 'object' || !('$contains' in c));
    return scalar && fields.every((f) => f === 'id' || this.fields.includes(f));
  }

  /** The side table and column holding a field of the documents, or with `unwind` of that array's elements; undefined when none does. */
  columnOf(field: string, unwind?: string): { readonly table: string; readonly column: string } | undefined {
    if (unwind === undefined) {
      const index = this.fields.indexOf(field);
      return index < 0 ? undefined : { table: this.table, column: `c${index}` };
    }
    const elements = this.unwound.get(unwind);
    const index = elements && field.startsWith(`${unwind}.`) ? elements.fields.indexOf(field.slice(unwind.length + 1)) : -1;
    return elements && index >= 0 ? { table: elements.table, column: `c${index}` } : undefined;
  }

  documentField(field: string): FieldSql {
    return field === 'id' ? { value: 'd.id', type: "'text'" } : column('d', this.fields.indexOf(field));
  }

  private exists(table: string): boolean {
    return this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined;
  }

  private backfill(): void {
    const rows = this.db.prepare(`SELECT doc FROM ${this.documents}`).iterate() as IterableIterator<{ doc: string }>;
    const docs: ReadModelDocument[] = [];
    for (const row of rows) docs.push(JSON.parse(row.doc) as ReadModelDocument);
    this.db.transaction(() => docs.forEach((doc) => this.write(doc)))();
  }
}
