import type { Scalar, TallyQuery, TallyRow } from '../read-model-store.port';
import { matchesBy, valueAt } from './document-query';

/**
 * `TallyQuery` evaluated over documents in memory, with the semantics of the MongoDB pipeline
 * the mongoose adapter sends: `$match`, `$unwind`, `$match`, `$group`.
 */
export function tallyOf(docs: Iterable<unknown>, query: TallyQuery): TallyRow[] {
  const { where = {}, unwind, rowWhere = {}, by, sum = [], buckets } = query;
  const groups = new Map<string, { key: Scalar[]; bucket: number | null; count: number; sums: number[] }>();
  const count = (read: (path: string) => unknown) => {
    if (!matchesBy(read, rowWhere)) return;
    const bucket = buckets ? bucketOf(read(buckets.field), buckets.bounds) : null;
    if (bucket === -1) return;
    const key = by.map((path) => scalarOf(read(path)));
    const id = `${bucket}\u0000${key.map((k) => `${typeof k}:${String(k)}`).join('\u0000')}`;
    let group = groups.get(id);
    if (!group) {
      group = { key, bucket, count: 0, sums: sum.map(() => 0) };
      groups.set(id, group);
    }
    group.count += 1;
    const { sums } = group;
    sum.forEach((path, i) => {
      const value = read(path);
      if (typeof value === 'number') sums[i] = (sums[i] ?? 0) + value;
    });
  };
  for (const doc of docs) {
    if (!matchesBy((path) => valueAt(doc, path), where)) continue;
    if (unwind === undefined) {
      count((path) => valueAt(doc, path));
      continue;
    }
    const elements = valueAt(doc, unwind);
    if (!Array.isArray(elements)) continue;
    const prefix = `${unwind}.`;
    for (const element of elements) {
      // As on FerretDB, a row keeps the element and the id, and nothing else of its document.
      count((path) => (path === unwind ? element : path.startsWith(prefix) ? valueAt(element, path.slice(prefix.length)) : path === 'id' ? valueAt(doc, 'id') : undefined));
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

function scalarOf(value: unknown): Scalar {
  return value === undefined || (typeof value === 'object' && value !== null) ? null : (value as Scalar);
}
