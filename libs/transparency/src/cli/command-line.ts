import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * What the transparency commands (`npm run verify`, `npm run keys`) share: where their file
 * arguments are read from, how a wrong command line is refused, and output a file cannot forge.
 */

/** A command line the command refuses: exit code 2, with its usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * A path as the caller meant it: `npm run` starts its script in the package's directory and says
 * in INIT_CWD where it was run from, so `npm run verify -- dossier.json` in any directory reads
 * that directory's file. The commands' only reading of the environment.
 */
export function fromCaller(path: string): string {
  return resolve(process.env['INIT_CWD'] || process.cwd(), path);
}

/** parseArgs with every flag declared and positionals allowed; what it refuses becomes a UsageError. */
export function parseCommandLine<O extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Text from a file, fit for one line of a terminal: control and format characters (a newline that
 * would start a forged "verified" line, a bidirectional override) shown as escapes.
 */
export function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
