import { EventStoreUnavailable } from '../errors';

/** Socket failures of the server's host or process: nothing reached the database. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/**
 * SQLSTATEs of a server going away, refusing sessions or too slow right now: admin/crash shutdown,
 * cannot connect now, too many connections, a statement or lock wait past its timeout.
 */
const SERVER_STATES = new Set(['57P01', '57P02', '57P03', '53300', '57014', '55P03']);
/** pg's own messages when a connection dies or cannot be had in time (they carry no code). */
const DRIVER_MESSAGES = [/^Connection terminated/, /^timeout exceeded when trying to connect/, /^Client has encountered a connection error/, /^Query read timeout/];

/**
 * A failure that says the server cannot be used right now becomes {@link EventStoreUnavailable}
 * (callers answer 503 and try again later); anything else is passed on as it was.
 */
export function unavailableOr(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof EventStoreUnavailable) return error;
  const code = (error as { code?: unknown }).code;
  const unavailable =
    (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_STATES.has(code) || code.startsWith('08'))) ||
    DRIVER_MESSAGES.some((pattern) => pattern.test(error.message));
  return unavailable ? new EventStoreUnavailable(typeof code === 'string' ? `${code}: ${error.message}` : error.message, { cause: error }) : error;
}
