import { invalid, isInstant } from '@whistle/kernel';

/** Content checks shared by both deciders; each names the field it rejects (HTTP 400). */
export function requireText(field: string, value: string): void {
  if (typeof value !== 'string' || value.trim() === '') invalid(field, `${field} must not be empty`);
}

export function requireInstant(field: string, value: string): void {
  if (!isInstant(value)) invalid(field, `${field} "${value}" is not an ISO-8601 instant with an offset`);
}

export function firstDuplicate(values: readonly string[]): string | undefined {
  return values.find((value, i) => values.indexOf(value) !== i);
}
