/** One field that a change altered: its path inside the entry (or the deadlines, the policy), and the values before and after. */
export interface FieldChange {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

/** The fields that differ between two recorded values, each as text (`—` where a side has none). */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const was = flatten(before);
  const is = flatten(after);
  const fields = [...new Set([...was.keys(), ...is.keys()])];
  return fields.filter((field) => was.get(field) !== is.get(field)).map((field) => ({ field, before: was.get(field) ?? '—', after: is.get(field) ?? '—' }));
}

/** A JSON value as its leaves by path (`name.zh`, `contacts[0].phone`); a list of plain values is one leaf. */
function flatten(value: unknown, path = '', into = new Map<string, string>()): Map<string, string> {
  if (value === null || value === undefined) return into;
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item !== 'object' || item === null)) into.set(path, value.map(String).join(', '));
    else value.forEach((item, i) => flatten(item, `${path}[${i}]`, into));
  } else if (typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) flatten(member, path ? `${path}.${key}` : key, into);
  } else {
    into.set(path, String(value));
  }
  return into;
}
