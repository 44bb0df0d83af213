import type { Scalar, TallyQuery, TallyRow } from '../read-model-store.port';
import { compileWhere, getterOf, valueAt } from './document-query';

interface Row {
  doc: { id: string };
  element: unknown;
}

interface Group {
  readonly key: Scalar[];
  readonly bucket: number | null;
  count: number;
  readonly sums: number[];
}

/**
 * `TallyQuery` evaluated over documents in memory, with the semantics of the MongoDB pipeline
 * the mongoose adapter sends: `$match`, `$unwind`, `$match`, `$group`. Every path is resolved
 * once per query: a tally runs over 100,000 documents.
 */
export function tallyOf(docs: Iterable<{ id: string }>, query: TallyQuery): TallyRow[] {
  const { where = {}, unwind, rowWhere = {}, by, sum = [], buckets } = query;
  // A row is a document, or an element of its unwound array with the document's id beside it.
  const rowGetter = (path: string): ((row: Row) => unknown) => {
    if (unwind === undefined) {
      const get = getterOf(path);
      return (row) => get(row.doc);
    }
    // As on FerretDB, an unwound row keeps the element and the id, and nothing else of its document.
    if (path === unwind) return (row) => row.element;
    if (path.startsWith(`${unwind}.`)) {
      const get = getterOf(path.slice(unwind.length + 1));
      return (row) => get(row.element);
    }
    return path === 'id' ? (row) => row.doc.id : () => undefined;
  };
  const documentMatches = compileWhere(where);
  const rowMatches = compileWhere(rowWhere, rowGetter);
  const keyOf = by.map(rowGetter);
  const summed = sum.map(rowGetter);
  const bucketField = buckets ? rowGetter(buckets.field) : null;
  const groups = new Map<string, Group>();
  const row: Row = { doc: { id: '' }, element: undefined };

  const count = () => {
    if (!rowMatches(row)) return;
    const bucket = buckets && bucketField ? bucketOf(bucketField(row), buckets.bounds) : null;
    if (bucket === -1) return;
    let id = String(bucket);
    for (const get of keyOf) {
      const value = get(row);
      id += `\u0000${typeof value}:${String(value)}`;
    }
    let group = groups.get(id);
    if (!group) {
      group = { key: keyOf.map((get) => scalarOf(get(row))), bucket, count: 0, sums: summed.map(() => 0) };
      groups.set(id, group);
    }
    group.count += 1;
    const { sums } = group;
    for (let i = 0; i < summed.length; i += 1) {
      const value = (summed[i] as (row: Row) => unknown)(row);
      if (typeof value === 'number') sums[i] = (sums[i] ?? 0) + value;
    }
  };

  for (const doc of docs) {
    if (!documentMatches(doc)) continue;
    row.doc = doc;
    if (unwind === undefined) {
      count();
      continue;
    }
    const elements = valueAt(doc, unwind);
    if (!Array.isArray(elements)) continue;
    for (const element of elements) {
      row.element = element;
      count();
    }
  }
  return [...groups.values()];
}

/** The index of the interval `[bounds[i], bounds[i + 1])` holding `value` (same-type comparison), or -1. */
function bucketOf(value: unknown, bounds: readonly string[]): number {
  if (typeof value !== 'string' || bounds.length < 2 || value < (bounds[0] as string) || value >= (bounds[bounds.length - 1] as string)) return -1;
  let low = 0;
  let high = bounds.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (value >= (bounds[middle] as string)) low = middle;
    else high = middle;
  }
  return low;
}

/** A group key's value as the port gives it: a missing value or an object is null. */
export function scalarOf(value: unknown): Scalar {
  return value === undefined || (typeof value === 'object' && value !== null) ? null : (value as Scalar);
}
