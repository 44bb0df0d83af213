import { invalid } from '@whistle/kernel';

/** The trimmed text, or an InvalidCommand naming the field when nothing is left. */
export function required(field: string, value: string | undefined, what = field): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') invalid(field, `${what} must not be empty`);
  return text;
}
