import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { DEFAULT_WAIT_MS, MAX_WAIT_MS } from '@whistle/application';
import { ApiError } from './api-responses.decorators';

const seconds = (ms: number) => ms / 1_000;

/** As the IdempotencyInterceptor and parseIfMatch read them. */
export const IDEMPOTENCY_KEY_PATTERN = '^[\\x21-\\x7e]{1,255}$';
export const IF_MATCH_PATTERN = '^\\s*"?\\d{1,15}"?\\s*$';
/** What encodePosition writes: `p1.` and base64url. */
export const POSITION_PATTERN = '^p1\\.[A-Za-z0-9_-]+$';

const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'The revision the command expects (`3`, or the ETag form `"3"`); 412 when the resource moved on, 400 when it is not a revision number',
  schema: { type: 'string', pattern: IF_MATCH_PATTERN },
});

const AFTER_POSITION = (what: string) =>
  ApiHeader({
    name: 'After-Position',
    required: false,
    description: `The \`position\` a command answered with (also its Position header): ${what}. 400 when it is not such a position.`,
    schema: { type: 'string', pattern: POSITION_PATTERN },
  });

const PREFER_WAIT = ApiHeader({
  name: 'Prefer',
  required: false,
  description: `\`wait=<seconds>\` (RFC 7240): how long to wait for After-Position or for an id not yet known; ${seconds(DEFAULT_WAIT_MS)} s unless given, at most ${seconds(MAX_WAIT_MS)} s (Preference-Applied says what was used). 400 when wait is not a whole number of seconds.`,
  schema: { type: 'string', example: 'wait=10' },
});

/**
 * Documents what a command accepts besides its body (Idempotency-Key, If-Match, After-Position,
 * Prefer: wait), and its 503s; the document adds the 412 and 422 these headers bring. A command
 * that creates its resource reads no If-Match (`{ ifMatch: false }`): the document must not offer
 * a header the server ignores.
 */
export const ApiCommandHeaders = ({ ifMatch = true }: { readonly ifMatch?: boolean } = {}) =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Sent again with the same request, returns the first result (`Idempotent-Replayed: true`) and records nothing twice; with another request, 422. 1 to 255 visible ASCII characters',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: IDEMPOTENCY_KEY_PATTERN },
    }),
    ...(ifMatch ? [IF_MATCH] : []),
    AFTER_POSITION('the command runs only once this service has consumed what that position names (a case another service just reported, a task a whistle just created)'),
    PREFER_WAIT,
    ApiError(
      503,
      'Retry-After: the After-Position was not consumed within the wait (details code `position_not_reached`), or the id is not known yet while this service is still catching up with the events it learns it from (code `not_yet_known`; 404 only once it has caught up and still does not know it), or the event store is out of reach; nothing was recorded',
    ),
  );

/** Documents the read side's After-Position and Prefer: wait, and its 503. */
export const ApiReadHeaders = () =>
  applyDecorators(
    AFTER_POSITION('the read side answers only once its views reflect what that position names'),
    PREFER_WAIT,
    ApiError(503, 'Retry-After: the read side did not reflect the After-Position within the wait (details code `position_not_reached`); never a stale answer'),
  );
