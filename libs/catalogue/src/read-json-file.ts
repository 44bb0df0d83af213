import { readFileSync } from 'node:fs';
import { jsonErrorPosition } from './json-error-position';

/**
 * A settings file's JSON value, or the one problem that kept it from being read: the file
 * unreadable, or malformed JSON with the line and column where it went wrong.
 */
export function readJsonFile(path: string): { readonly value: unknown } | { readonly problem: string } {
  let text: string;
  try {
    // Editors on Windows may save a byte-order mark, which JSON.parse refuses.
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    return { problem: `cannot read the file: ${(error as Error).message}` };
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const position = jsonErrorPosition(text);
    const where = position ? ` at line ${position.line}, column ${position.column}` : '';
    return { problem: `malformed JSON${where}: ${(error as Error).message}` };
  }
}
