import type { Condition, Scalar, SortKey, Where } from '../read-model-store.port';

/**
 * The port's filter language as SQL over JSON documents, with the semantics of the in-memory
 * evaluator (document-query.ts) and MongoDB: a missing field equals null, ranges compare only
 * values of the bound's type, `$contains` looks inside array fields.
 */
export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly (string | number)[];
}

/** A JSON path for SQLite's json functions from the port's dotted field path. */
export function jsonPath(field: string): string {
  const keys = field.split('.');
  for (const key of keys) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new RangeError(`field path ${JSON.stringify(field)}: each part must be a plain name`);
  }
  return `$.${keys.join('.')}`;
}

/** The SQL expression of a field's value, exactly as the expression indexes are written (so they apply). */
export function valueSql(field: string): string {
  return `json_extract(doc, '${jsonPath(field)}')`;
}

function typeSql(field: string): string {
  return `json_type(doc, '${jsonPath(field)}')`;
}

/** Equality of a JSON value (its value and json type) with a scalar. */
function equalsSql(value: string, type: string, expected: Scalar): SqlFragment {
  if (expected === null) return { sql: `(${type} IS NULL OR ${type} = 'null')`, params: [] };
  if (typeof expected === 'boolean') return { sql: `${type} = '${expected ? 'true' : 'false'}'`, params: [] };
  if (typeof expected === 'number') return { sql: `(${value} = ? AND ${type} IN ('integer', 'real'))`, params: [expected] };
  return { sql: `(${value} = ? AND ${type} = 'text')`, params: [expected] };
}

function typeOfBound(type: string, bound: string | number): string {
  return typeof bound === 'number' ? `${type} IN ('integer', 'real')` : `${type} = 'text'`;
}

/** Where a condition reads a field: its value's and its JSON type's SQL expressions. */
export interface FieldSql {
  readonly value: string;
  readonly type: string;
}

/** A field of the document column. */
export function documentField(field: string): FieldSql {
  return { value: valueSql(field), type: typeSql(field) };
}

function conditionSql(field: string, condition: Condition, arrayTable: string | undefined, source: (field: string) => FieldSql = documentField): SqlFragment {
  const { value, type } = source(field);
  if (condition === null || typeof condition !== 'object') return equalsSql(value, type, condition);
  if ('$in' in condition) {
    if (condition.$in.length === 0) return { sql: '0', params: [] };
    const parts = condition.$in.map((candidate) => equalsSql(value, type, candidate));
    return { sql: `(${parts.map((p) => p.sql).join(' OR ')})`, params: parts.flatMap((p) => p.params) };
  }
  if ('$contains' in condition) {
    const item = equalsSql('e.value', 'e.type', condition.$contains);
    // An indexed array field has its items in a side table; any other is looked into in place.
    if (arrayTable) return { sql: `id IN (SELECT id FROM ${arrayTable} e WHERE ${item.sql})`, params: item.params };
    return { sql: `(${type} = 'array' AND EXISTS (SELECT 1 FROM json_each(doc, '${jsonPath(field)}') e WHERE ${item.sql}))`, params: item.params };
  }
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (condition.$gte !== undefined) {
    parts.push(`${value} >= ?`, typeOfBound(type, condition.$gte));
    params.push(condition.$gte);
  }
  if ('$lte' in condition && condition.$lte !== undefined) {
    parts.push(`${value} <= ?`, typeOfBound(type, condition.$lte));
    params.push(condition.$lte);
  }
  if ('$lt' in condition && condition.$lt !== undefined) {
    parts.push(`${value} < ?`, typeOfBound(type, condition.$lt));
    params.push(condition.$lt);
  }
  return { sql: `(${parts.join(' AND ')})`, params };
}

/** Every condition of `where` as one SQL condition; `arrayTables` names the side table of each indexed array field. */
export function whereSql(where: Where, arrayTables: ReadonlyMap<string, string>, source?: (field: string) => FieldSql): SqlFragment {
  const parts = Object.entries(where).map(([field, condition]) => conditionSql(field, condition, arrayTables.get(field), source));
  if (parts.length === 0) return { sql: '1', params: [] };
  return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
}

/**
 * ORDER BY for the sort keys, ties broken by id. SQLite orders NULL below numbers below text, as
 * MongoDB does; a field holds one scalar type (or null) in every document of a collection, so the
 * native order is MongoDB's and an expression index can serve it.
 */
export function orderSql(sort: readonly SortKey[]): string {
  return [...sort.map(({ field, order }) => `${valueSql(field)} ${order === 'asc' ? 'ASC' : 'DESC'}`), 'id ASC'].join(', ');
}
