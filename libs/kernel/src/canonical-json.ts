/**
 * Canonical JSON: object keys sorted by code unit, no white space, `undefined` members left out.
 * Two equal values always give the same text, which is what a hash over JSON needs. `omit` leaves
 * out one member of the top-level object (a sealed body is the envelope without its hash).
 *
 * Written as plain loops with one string built per object: this runs for every event sealed, and
 * the array-method version cost three times JSON.stringify. The path of a value that has no JSON
 * form is put together only when one is found.
 */
export function canonicalJson(value: unknown, omit?: string): string {
  try {
    return write(value, omit);
  } catch (error) {
    if (error instanceof NoJsonForm) throw new TypeError(`$${error.path.join('')}: ${error.problem}`);
    throw error;
  }
}

class NoJsonForm extends Error {
  readonly path: string[] = [];
  constructor(readonly problem: string) {
    super(problem);
  }
}

function write(value: unknown, omit?: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new NoJsonForm(`${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? writeArray(value) : writeObject(value, omit);
    default:
      throw new NoJsonForm(`a ${typeof value} has no JSON form`);
  }
}

function writeArray(items: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i += 1) {
    if (i > 0) out += ',';
    const item = items[i];
    out += item === undefined ? 'null' : within(`[${i}]`, item);
  }
  return `${out}]`;
}

function writeObject(value: object, omit: string | undefined): string {
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new NoJsonForm('only plain objects have a canonical form');
  const record = value as Record<string, unknown>;
  const own = Object.keys(record);
  // Already in canonical order all the way down: the engine's own JSON.stringify writes the same text.
  if (omit === undefined && inCanonicalOrder(record, own)) return JSON.stringify(record);
  const keys = own.sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined || key === omit) continue;
    out += `${first ? '' : ','}${quoted(key)}:${within(`.${key}`, member)}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * Whether JSON.stringify would write this object exactly as canonicalJson does: keys in code-unit
 * order at every depth, no undefined members, and nothing but plain objects, arrays, strings,
 * booleans, null and finite numbers. Walks without building anything, so checking is cheaper than
 * writing; anything else takes the slow path, which sorts, or names what has no JSON form.
 */
function inCanonicalOrder(record: Record<string, unknown>, keys: readonly string[]): boolean {
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    if (i > 0 && !((keys[i - 1] as string) < key)) return false;
    if (!isCanonicalValue(record[key])) return false;
  }
  return true;
}

function isCanonicalValue(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (Array.isArray(value)) {
        // JSON.stringify would call a toJSON an array subclass or the array itself carries.
        if (Object.getPrototypeOf(value) !== Array.prototype || Object.prototype.hasOwnProperty.call(value, 'toJSON')) return false;
        return value.every((item) => item !== undefined && isCanonicalValue(item));
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      return inCanonicalOrder(value as Record<string, unknown>, Object.keys(value));
    }
    default:
      return false;
  }
}

/** Member names repeat across every event of a type: each is quoted once. */
const QUOTED = new Map<string, string>();
const QUOTED_KEPT = 10_000;

function quoted(key: string): string {
  let text = QUOTED.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (QUOTED.size < QUOTED_KEPT) QUOTED.set(key, text);
  }
  return text;
}

/** Writes a member, adding its place to the path of a value found to have no JSON form. */
function within(segment: string, member: unknown): string {
  try {
    return write(member);
  } catch (error) {
    if (error instanceof NoJsonForm) error.path.unshift(segment);
    throw error;
  }
}
