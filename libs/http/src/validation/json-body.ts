import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** How deep a request body may nest its arrays and objects; the API's deepest DTO needs 4. */
export const MAX_BODY_DEPTH = 32;

/** What body-parser's `verify` throws, by a `type` the body parser errors middleware turns into an answer. */
export class UnacceptableBody extends Error {
  override readonly name = 'UnacceptableBody';
  constructor(
    readonly type: 'body.too_deep' | 'body.not_utf8' | 'body.charset',
    message: string,
  ) {
    super(message);
  }
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * body-parser's `verify` for JSON: the raw bytes must be UTF-8 (a bad byte was decoded to U+FFFD
 * and recorded as such) and nest no deeper than `maxDepth` (class-transformer and class-validator
 * recurse per level, and 1,300 levels overflowed the stack). Both checks read the bytes once,
 * without recursion, before JSON.parse builds anything.
 */
export function jsonBodyVerifier(maxDepth: number = MAX_BODY_DEPTH): (request: IncomingMessage, response: ServerResponse, body: Buffer, encoding: string) => void {
  return (_request, _response, body, encoding) => {
    if (encoding.toLowerCase() !== 'utf-8' && encoding.toLowerCase() !== 'utf8') {
      throw new UnacceptableBody('body.charset', `a JSON body must be UTF-8 (RFC 8259), not ${encoding.toLowerCase()}`);
    }
    if (!isUtf8(body)) {
      throw new UnacceptableBody('body.not_utf8', `the request body is not valid UTF-8, the encoding JSON must have (RFC 8259): invalid bytes at offset ${firstInvalidOffset(body)}`);
    }
    if (depthExceeds(body, maxDepth)) throw new UnacceptableBody('body.too_deep', `the JSON body is nested deeper than ${maxDepth} levels`);
  };
}

/**
 * Counts brackets outside strings. UTF-8 never puts an ASCII byte inside a multi-byte character,
 * so the bytes can be read as they are.
 */
export function depthExceeds(body: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/** Where decoding first fails, for the message: the shortest prefix that is not UTF-8 ends in it. */
function firstInvalidOffset(body: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let good = 0;
  // Whole characters only: a cut inside a valid character would look invalid.
  for (let i = 1; i <= body.length; i++) {
    if (i < body.length && ((body[i] as number) & 0xc0) === 0x80) continue;
    try {
      decoder.decode(body.subarray(good, i));
      good = i;
    } catch {
      return good;
    }
  }
  return good;
}
