import type { Condition, Scalar, SortKey, Where } from '../read-model-store.port';

/**
 * The filter language evaluated in memory with MongoDB's semantics, so that what passes here
 * behaves the same on MongoDB and FerretDB: a missing field equals null, ranges only compare
 * values of the same type (type bracketing), and sorting puts null below numbers below strings
 * below booleans.
 */
export function matches(doc: unknown, where: Where): boolean {
  return compileWhere(where)(doc);
}

/**
 * `where` made once into a test, so a query over 100,000 documents does not take its conditions
 * apart each time. `getter` reads a path of what is tested (a row of an unwound array, say).
 */
export function compileWhere<R = unknown>(where: Where, getter: (path: string) => (row: R) => unknown = getterOf): (row: R) => boolean {
  const conditions = Object.entries(where).map(([path, condition]) => ({ get: getter(path), condition }));
  return (row) => {
    for (const { get, condition } of conditions) if (!holds(get(row), condition)) return false;
    return true;
  };
}

export type Getter = (doc: unknown) => unknown;
const GETTERS = new Map<string, Getter>();

/** Reads a field path (dots walk objects, never arrays), its keys split once per path. */
export function getterOf(path: string): Getter {
  let getter = GETTERS.get(path);
  if (getter === undefined) {
    getter = makeGetter(path.split('.'));
    GETTERS.set(path, getter);
  }
  return getter;
}

const step = (value: unknown, key: string): unknown => (value === null || typeof value !== 'object' || Array.isArray(value) ? undefined : (value as Record<string, unknown>)[key]);

/** Paths of one to three keys (every path the queries use) get a getter without a loop. */
function makeGetter(keys: readonly string[]): Getter {
  const [a = '', b = '', c = ''] = keys;
  switch (keys.length) {
    case 1:
      return (doc) => step(doc, a);
    case 2:
      return (doc) => step(step(doc, a), b);
    case 3:
      return (doc) => step(step(step(doc, a), b), c);
    default:
      return (doc) => keys.reduce<unknown>(step, doc);
  }
}

export function valueAt(doc: unknown, path: string): unknown {
  return getterOf(path)(doc);
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

/** Sorted by `keys`, each document's sort values read once rather than at every comparison. */
export function sortedBy<D extends { id: string }>(docs: readonly D[], keys: readonly SortKey[]): D[] {
  const getters = keys.map(({ field, order }) => ({ get: getterOf(field), sign: order === 'asc' ? 1 : -1 }));
  const decorated = docs.map((doc) => ({ doc, values: getters.map(({ get }) => get(doc)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < getters.length; i += 1) {
      const byField = compareValues(a.values[i], b.values[i]);
      if (byField !== 0) return (getters[i]?.sign ?? 1) * byField;
    }
    return compareValues(a.doc.id, b.doc.id);
  });
  return decorated.map((d) => d.doc);
}
