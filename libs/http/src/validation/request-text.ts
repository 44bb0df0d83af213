import type { FieldError } from '../errors/http-errors';

/**
 * The first control character no text of the API carries: C0 but tab, line feed and carriage
 * return, DEL and C1. Refusing ESC (U+001B) and CSI (U+009B) refuses every terminal escape
 * sequence with them.
 */
function controlCharacterIn(text: string): number | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f)) return code;
  }
  return null;
}

/**
 * What shows as nothing: white space, format characters (zero-width space and joiners, word
 * joiner, byte-order mark, bidirectional marks…) and the fillers that render blank.
 */
const INVISIBLE = /^[\p{White_Space}\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]*$/u;

/** With the u flag a class of surrogates matches only those not in a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** A string problem, said of the field it is in. */
export function textProblemOf(field: string, text: string): string | null {
  const control = controlCharacterIn(text);
  if (control !== null) {
    const code = control.toString(16).toUpperCase().padStart(4, '0');
    return `${field} holds a control character (U+${code}); only tab, line feed and carriage return may appear in text`;
  }
  if (LONE_SURROGATE.test(text)) return `${field} holds a lone UTF-16 surrogate (\\ud800…\\udfff escaped alone), which is no character`;
  if (text.length > 0 && INVISIBLE.test(text)) return `${field} is empty: it holds only spaces or invisible characters`;
  return null;
}

/**
 * Every string in a request body, at any depth, checked by `textProblemOf` and named by its path
 * as the validation pipe names fields (`reporter.name`, `evidence[0].name`), and every null member
 * refused: class-validator's @IsOptional lets null through as if the member were left out, and a
 * handler that reads it then fails with a 500 (a firm's change with `"contact": null` did). No
 * request member means anything by null; leaving it out does. A stack, not recursion: the body
 * parser bounds the depth, but a walk should not depend on it.
 */
export function bodyTextProblems(body: unknown, root = ''): FieldError[] {
  const problems: FieldError[] = [];
  const pending: { path: string; value: unknown }[] = [{ path: root, value: body }];
  while (pending.length > 0) {
    const { path, value } = pending.pop() as { path: string; value: unknown };
    if (value === null && path !== root) {
      problems.push({ field: path, message: `${path} is null: leave it out or give a value` });
    } else if (typeof value === 'string') {
      const message = textProblemOf(path || 'body', value);
      if (message !== null) problems.push({ field: path || 'body', message });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push({ path: `${path}[${i}]`, value: value[i] });
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i] as [string, unknown];
        pending.push({ path: path ? `${path}.${key}` : key, value: item });
      }
    }
  }
  return problems;
}

/**
 * A query's parameters: what bodies are checked for, and no empty value. An empty parameter
 * (`?status=`) was taken as not given, hiding a form that sent nothing where it meant something.
 */
export function queryTextProblems(query: unknown, name?: string): FieldError[] {
  const parameters: [string, unknown][] = name !== undefined ? [[name, query]] : typeof query === 'object' && query !== null ? Object.entries(query) : [];
  return parameters.flatMap(([parameter, value]) => {
    const values = Array.isArray(value) ? value : [value];
    const empty = values.some((item) => item === '');
    if (empty) return [{ field: parameter, message: `${parameter} is empty: give a value or leave the parameter out` }];
    const problem = values.map((item) => (typeof item === 'string' ? textProblemOf(parameter, item) : null)).find((message) => message !== null);
    return problem ? [{ field: parameter, message: problem }] : [];
  });
}
