import type { IncomingHttpHeaders } from 'node:http';
import { DEFAULT_WAIT_MS, InvalidPosition, MAX_WAIT_MS, decodePosition, type Consistency } from '@whistle/application';
import { InvalidRequest } from '../errors/http-errors';

/** The request header naming the position a request must see reflected (a command's `position`). */
export const AFTER_POSITION_HEADER = 'after-position';
/** The response header carrying a command's position. */
export const POSITION_HEADER = 'Position';

/** The request's After-Position and wait (RFC 7240 `Prefer: wait=<seconds>`), as of `now`; 400 naming the header when either is malformed. */
export function consistencyOf(headers: IncomingHttpHeaders, now: number): Consistency & { readonly waitAsked: number | null } {
  const after = afterPositionOf(headers[AFTER_POSITION_HEADER]);
  const waitAsked = preferredWaitOf(headers['prefer']);
  const waitMs = waitAsked === null ? DEFAULT_WAIT_MS : Math.min(waitAsked * 1_000, MAX_WAIT_MS);
  return { after, waitMs, since: now, waitAsked };
}

function afterPositionOf(header: string | string[] | undefined): Consistency['after'] {
  if (header === undefined) return null;
  if (typeof header !== 'string') throw invalid('After-Position', 'After-Position must be sent once');
  const token = header.trim();
  try {
    return decodePosition(token);
  } catch (error) {
    if (error instanceof InvalidPosition) throw invalid('After-Position', `After-Position: ${error.message}; send back the position a command answered with`);
    throw error;
  }
}

/**
 * The `wait` preference in seconds, or null when none is given. Other preferences are left alone,
 * as RFC 7240 asks; a `wait` that is not a whole number of seconds is refused, since the caller
 * plainly meant something by it.
 */
function preferredWaitOf(header: string | string[] | undefined): number | null {
  if (header === undefined) return null;
  const preferences = (Array.isArray(header) ? header.join(',') : header).split(',').map((p) => p.split(';')[0]?.trim() ?? '');
  const waits = preferences.filter((p) => /^wait\s*=/i.test(p));
  if (waits.length === 0) return null;
  if (waits.length > 1) throw invalid('Prefer', 'Prefer: give wait once');
  const value = waits[0]!.replace(/^wait\s*=\s*/i, '').replace(/^"(.*)"$/, '$1');
  if (!/^\d{1,6}$/.test(value)) throw invalid('Prefer', `Prefer: wait must be a whole number of seconds, like Prefer: wait=10; got ${JSON.stringify(value)}`);
  return Number(value);
}

function invalid(field: string, message: string): InvalidRequest {
  return new InvalidRequest([{ field, message }]);
}
