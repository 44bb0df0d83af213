import { invalid, isInstant } from '@whistle/kernel';

/** Content checks shared by the supervision deciders; each names the field it rejects (HTTP 400). */

/** The trimmed text, or an InvalidCommand naming the field when nothing is left or it is too long. */
export function required(field: string, value: string | undefined, max = 2000): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') invalid(field, `${field} must not be empty`);
  if (text.length > max) invalid(field, `${field} must be at most ${max} characters, not ${text.length}`);
  return text;
}

/** Free text that may be empty, trimmed and bounded. */
export function optionalText(field: string, value: string | undefined, max = 2000): string {
  if (value !== undefined && typeof value !== 'string') invalid(field, `${field} must be text`);
  const text = (value ?? '').trim();
  if (text.length > max) invalid(field, `${field} must be at most ${max} characters, not ${text.length}`);
  return text;
}

/** A whole number in [min, max]. */
export function wholeNumber(field: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    invalid(field, `${field} must be a whole number ${range}, not ${String(value)}`);
  }
  return value;
}

export function instant(field: string, value: unknown): string {
  if (!isInstant(value)) invalid(field, `${field} "${String(value)}" is not an ISO-8601 instant with an offset`);
  return value;
}

export function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (!(allowed as readonly unknown[]).includes(value)) invalid(field, `${field} must be one of ${allowed.join(', ')}, not "${String(value)}"`);
  return value as T;
}

/** Half away from zero at two decimals, as figures are published. */
export function round2(value: number): number {
  return Math.sign(value) * (Math.round((Math.abs(value) + Number.EPSILON) * 100) / 100);
}
