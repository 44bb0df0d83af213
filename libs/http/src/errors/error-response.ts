import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { CommandRefused, InvalidCommand } from '@whistle/kernel';
import { EventStoreUnavailable, WrongExpectedRevision } from '@whistle/event-store';
import { NotFound, NotYetKnown, PositionNotReached, PreconditionFailed } from '@whistle/application';
import { InvalidRequest, MethodNotAllowed, TooManyRequests } from './http-errors';

export type ErrorDetail = Readonly<Record<string, unknown>>;

/** The API's one error shape. */
export interface ErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly details: readonly ErrorDetail[];
}

export interface ErrorResponse {
  readonly body: ErrorBody;
  readonly headers: Readonly<Record<string, string>>;
  /** Not the caller's fault: worth a log line with the stack. */
  readonly unexpected: boolean;
}

export function errorBody(statusCode: number, message: string, details: readonly ErrorDetail[] = []): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, details };
}

/** Maps whatever a handler, guard, pipe or middleware threw onto the status and body the API promises. */
export function errorResponseOf(exception: unknown): ErrorResponse {
  const expected = (body: ErrorBody, headers: Record<string, string> = {}): ErrorResponse => ({
    body,
    headers,
    unexpected: false,
  });

  if (exception instanceof InvalidRequest) return expected(errorBody(400, exception.message, exception.details));
  if (exception instanceof InvalidCommand) {
    // The message names the field even when the domain's reason does not repeat it.
    const message = exception.message.includes(exception.field) ? exception.message : `${exception.field}: ${exception.message}`;
    return expected(errorBody(400, message, [{ field: exception.field, message }]));
  }
  if (exception instanceof NotFound) {
    return expected(errorBody(404, exception.message, [{ resource: exception.resource, id: exception.id }]));
  }
  if (exception instanceof NotYetKnown) {
    return expected(errorBody(503, exception.message, [{ code: 'not_yet_known', resource: exception.resource, id: exception.id }]), { 'Retry-After': '1' });
  }
  if (exception instanceof PositionNotReached) {
    return expected(errorBody(503, exception.message, [{ code: 'position_not_reached', header: 'After-Position', waitedMs: exception.waitedMs }]), { 'Retry-After': '1' });
  }
  if (exception instanceof CommandRefused) return expected(errorBody(409, exception.message, [{ code: exception.code }]));
  if (exception instanceof WrongExpectedRevision) {
    const message = `the resource has moved on: expected revision ${exception.expected}, it is at ${exception.actual}`;
    return expected(errorBody(412, message, [{ expected: exception.expected, actual: exception.actual }]));
  }
  if (exception instanceof PreconditionFailed) return expected(errorBody(412, exception.message));
  if (exception instanceof MethodNotAllowed) {
    return expected(errorBody(405, exception.message, [{ method: exception.method, allowed: exception.allowed }]), { Allow: exception.allowed.join(', ') });
  }
  if (exception instanceof TooManyRequests) {
    return expected(errorBody(429, exception.message), { 'Retry-After': String(exception.retryAfterSeconds) });
  }
  if (exception instanceof EventStoreUnavailable) {
    // Not the caller's fault and nothing was recorded: worth a log line, and the same request may be sent again.
    const message = 'the service cannot reach its event store right now; nothing was recorded, try again shortly';
    return { body: errorBody(503, message), headers: { 'Retry-After': '5' }, unexpected: true };
  }
  if (exception instanceof HttpException) return fromHttpException(exception);
  return { body: errorBody(500, 'internal error'), headers: {}, unexpected: true };
}

function fromHttpException(exception: HttpException): ErrorResponse {
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  const { message, details } = typeof response === 'string' ? { message: response, details: [] } : messageAndDetails(response);
  // RFC 6750: a 401 tells the client which scheme to authenticate with.
  const headers: Record<string, string> = statusCode === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
  return { body: errorBody(statusCode, message, details), headers, unexpected: statusCode >= 500 };
}

function messageAndDetails(response: object): { message: string; details: ErrorDetail[] } {
  const { message, details } = response as { message?: unknown; details?: unknown };
  const messages = Array.isArray(message) ? message.map(String) : [typeof message === 'string' ? message : 'request failed'];
  if (Array.isArray(details)) return { message: messages.join('; '), details: details as ErrorDetail[] };
  return { message: messages.join('; '), details: messages.length > 1 ? messages.map((text) => ({ message: text })) : [] };
}
