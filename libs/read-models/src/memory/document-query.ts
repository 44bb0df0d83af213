import type { Condition, Scalar, SortKey, Where } from '../read-model-store.port';

/**
 * The filter language evaluated in memory with MongoDB's semantics, so that what passes here
 * behaves the same on MongoDB and FerretDB: a missing field equals null, ranges only compare
 * values of the same type (type bracketing), and sorting puts null below numbers below strings
 * below booleans.
 */
export function matches(doc: unknown, where: Where): boolean {
  return matchesBy((path) => valueAt(doc, path), where);
}

/** `where` on values read by `read`: a document, or a row of an unwound document. */
export function matchesBy(read: (path: string) => unknown, where: Where): boolean {
  for (const path in where) {
    if (!holds(read(path), where[path] as Condition)) return false;
  }
  return true;
}

export function valueAt(doc: unknown, path: string): unknown {
  let value = doc;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function holds(value: unknown, condition: Condition): boolean {
  if (condition === null || typeof condition !== 'object') return equals(value, condition);
  if ('$in' in condition) return condition.$in.some((candidate) => equals(value, candidate));
  if ('$contains' in condition) return Array.isArray(value) && value.some((item) => equals(item, condition.$contains));
  const { $gte } = condition;
  const $lte = '$lte' in condition ? condition.$lte : undefined;
  const $lt = '$lt' in condition ? condition.$lt : undefined;
  return (
    ($gte === undefined || compareSameType(value, $gte) >= 0) &&
    ($lte === undefined || compareSameType(value, $lte) <= 0) &&
    ($lt === undefined || compareSameType(value, $lt) < 0)
  );
}

function equals(value: unknown, expected: Scalar): boolean {
  return expected === null ? value === null || value === undefined : value === expected;
}

/** NaN (never in range) unless both are of the bound's type. */
function compareSameType(value: unknown, bound: string | number): number {
  if (typeof value !== typeof bound) return Number.NaN;
  return value === bound ? 0 : (value as string | number) < bound ? -1 : 1;
}

const TYPE_ORDER: Record<string, number> = { undefined: 0, object: 0, number: 1, string: 2, boolean: 3 };

function compareValues(a: unknown, b: unknown): number {
  const byType = (TYPE_ORDER[typeof a] ?? 0) - (TYPE_ORDER[typeof b] ?? 0);
  if (byType !== 0) return byType;
  if (a === b || typeof a === 'object' || typeof a === 'undefined') return 0;
  return (a as string | number | boolean) < (b as string | number | boolean) ? -1 : 1;
}

export function compareBy(keys: readonly SortKey[]): (a: { id: string }, b: { id: string }) => number {
  return (a, b) => {
    for (const { field, order } of keys) {
      const byField = compareValues(valueAt(a, field), valueAt(b, field));
      if (byField !== 0) return order === 'asc' ? byField : -byField;
    }
    return compareValues(a.id, b.id);
  };
}
