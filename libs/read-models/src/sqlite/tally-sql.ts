import type { Scalar, TallyQuery, TallyRow } from '../read-model-store.port';
import type { TallySource } from './document-columns';
import { documentField, jsonPath, whereSql, type FieldSql, type SqlFragment } from './document-sql';

/**
 * Where a tally reads in the documents' JSON: the documents matching `where` as `d` (so their
 * conditions cannot meet json_each's own columns), and with `unwind` their array's elements as `u`.
 */
export function jsonTallySource(table: string, arrayTables: ReadonlyMap<string, string>, query: TallyQuery): TallySource {
  const { where = {}, unwind } = query;
  const documents = whereSql(where, arrayTables);
  const matching = `(SELECT id, doc FROM ${table} WHERE ${documents.sql}) d`;
  const rowField = (field: string): FieldSql => {
    if (field === 'id') return { value: 'd.id', type: "'text'" };
    if (unwind === undefined) return documentField(field);
    // As on FerretDB, an unwound row has the element and the document's id, nothing else.
    if (field === unwind) return { value: 'u.value', type: 'u.type' };
    if (!field.startsWith(`${unwind}.`)) return { value: 'NULL', type: 'NULL' };
    const path = jsonPath(field.slice(unwind.length + 1));
    return { value: `json_extract(u.value, '${path}')`, type: `json_type(u.value, '${path}')` };
  };
  return {
    from: unwind === undefined ? matching : `${matching}, json_each(d.doc, '${jsonPath(unwind)}') u`,
    // The documents' condition is inside `d`, with its parameters first.
    documents: { sql: '1', params: documents.params },
    rowField,
  };
}

/** `TallyQuery` as one SQL aggregate: the rows grouped by the interval and the `by` values, counted, each `sum` field added up where it holds a number. */
export function tallySql(query: TallyQuery, source: TallySource): SqlFragment | undefined {
  const { unwind, rowWhere = {}, by, sum = [], buckets } = query;
  const { rowField } = source;
  const conditions: string[] = [source.documents.sql];
  const params: (string | number)[] = [...source.documents.params];
  if (unwind !== undefined) {
    const rows = whereSql(rowWhere, new Map(), rowField);
    conditions.push(rows.sql);
    params.push(...rows.params);
  }
  let bucket = 'NULL';
  const bucketParams: string[] = [];
  if (buckets) {
    const { value, type } = rowField(buckets.field);
    const bounds = buckets.bounds;
    if (bounds.length < 2) return undefined;
    conditions.push(`${type} = 'text' AND ${value} >= ? AND ${value} < ?`);
    params.push(bounds[0] as string, bounds[bounds.length - 1] as string);
    const inner = bounds.slice(1, -1);
    bucket = inner.length === 0 ? '0' : `CASE ${inner.map((_, i) => `WHEN ${value} < ? THEN ${i}`).join(' ')} ELSE ${inner.length} END`;
    bucketParams.push(...inner);
  }
  const keys = by.map((field, i) => `${rowField(field).value} AS k${i}, ${rowField(field).type} AS t${i}`);
  const sums = sum.map((field, i) => {
    const { value, type } = rowField(field);
    return `total(CASE WHEN ${type} IN ('integer', 'real') THEN ${value} END) AS s${i}`;
  });
  const groups = ['bucket', ...by.map((_, i) => `k${i}`), ...by.map((_, i) => `t${i}`)].join(', ');
  return {
    sql: `SELECT ${[`${bucket} AS bucket`, ...keys, 'count(*) AS n', ...sums].join(', ')} FROM ${source.from} WHERE ${conditions.map((c) => `(${c})`).join(' AND ')} GROUP BY ${groups}`,
    params: [...bucketParams, ...params],
  };
}

/** The aggregate's rows as the port's: a boolean key back from SQLite's 0/1, a missing one null. */
export function tallyRows(rows: readonly Record<string, unknown>[], query: TallyQuery): TallyRow[] {
  return rows.map((r) => ({
    key: query.by.map((_, i): Scalar => {
      const type = r[`t${i}`];
      if (type === 'true' || type === 'false') return type === 'true';
      const value = r[`k${i}`];
      return value === undefined || value === null || type === 'null' ? null : (value as Scalar);
    }),
    bucket: query.buckets ? (r['bucket'] as number) : null,
    count: r['n'] as number,
    sums: (query.sum ?? []).map((_, i) => r[`s${i}`] as number),
  }));
}
