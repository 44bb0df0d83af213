import { ApiError } from '../../api/client';

/** `entry.contacts[1].phone` → ['contacts', 1, 'phone'] under the prefix `entry`; null when the field is not under it. */
export function formPathOf(field: string, prefix: string): (string | number)[] | null {
  if (field !== prefix && !field.startsWith(`${prefix}.`) && !field.startsWith(`${prefix}[`)) return null;
  const rest = field.slice(prefix.length).replace(/^\./, '');
  if (rest === '') return [];
  return rest.split(/\.|(?=\[)/).map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part));
}

/** The case ids a 409 `catalogue.open_cases` names: after the message's last colon, "a, b and 3 more". */
export function openCasesOf(error: unknown): { readonly caseIds: readonly string[]; readonly more: number } | null {
  if (!(error instanceof ApiError) || error.status !== 409 || error.code !== 'catalogue.open_cases') return null;
  const tail = error.message.slice(error.message.lastIndexOf(': ') + 2);
  const more = /\s+and (\d+) more$/.exec(tail);
  const ids = (more ? tail.slice(0, more.index) : tail).split(', ').map((id) => id.trim()).filter((id) => id !== '');
  return { caseIds: ids, more: more ? Number(more[1]) : 0 };
}
