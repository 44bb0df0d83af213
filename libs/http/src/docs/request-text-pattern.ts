import { textProblemOf } from '../validation/request-text';

/*
 * The rule every text of a request is held to (libs/http/src/validation/request-text.ts), as the
 * patterns the API document declares: no control character but tab, line feed and carriage
 * return, and, unless empty, something visible (not only spaces, format characters such as the
 * zero-width space, or fillers that render blank). Both character classes are read from the rule
 * itself, character by character, so the document cannot drift from it. Astral characters count as
 * visible: a class of the document is read by tools with and without Unicode mode alike, and a
 * text of nothing but astral format characters (tag characters) is all it would misjudge.
 */

const SURROGATES = { first: 0xd800, last: 0xdfff };

/** The BMP characters (surrogates aside) for which `refused(character)` holds, as a class's ranges. */
function rangesOf(refused: (character: string) => boolean): string {
  const hex = (code: number) => `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const ranges: string[] = [];
  let start: number | null = null;
  for (let code = 0; code <= 0x10000; code++) {
    const inside = code <= 0xffff && (code < SURROGATES.first || code > SURROGATES.last) && refused(String.fromCharCode(code));
    if (inside && start === null) start = code;
    if (!inside && start !== null) {
      ranges.push(start === code - 1 ? hex(start) : `${hex(start)}-${hex(code - 1)}`);
      start = null;
    }
  }
  return ranges.join('');
}

/** A visible character before it: only a control character is refused, wherever it stands. */
const CONTROL = rangesOf((character) => textProblemOf('text', `a${character}`) !== null);
/** Alone: refused as a control character or as showing nothing. */
const CONTROL_OR_INVISIBLE = rangesOf((character) => textProblemOf('text', character) !== null);

const visibleText = `[^${CONTROL}]*[^${CONTROL_OR_INVISIBLE}][^${CONTROL}]*`;

/** Any text of a request: empty, or with something visible, and no control character. */
export const REQUEST_TEXT_PATTERN = `^(?:${visibleText})?$`;

/** A text that must not be blank (`/\S/`): something visible, and no control character. */
export const NON_BLANK_TEXT_PATTERN = `^${visibleText}$`;
