import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { DEFAULT_WAIT_MS, MAX_WAIT_MS } from '@whistle/application';

const seconds = (ms: number) => ms / 1_000;

const AFTER_POSITION = (what: string) =>
  ApiHeader({
    name: 'After-Position',
    required: false,
    description: `The \`position\` a command answered with (also its Position header): ${what}. 400 when it is not such a position.`,
  });

const PREFER_WAIT = ApiHeader({
  name: 'Prefer',
  required: false,
  description: `\`wait=<seconds>\` (RFC 7240): how long to wait for After-Position or for an id not yet known; ${seconds(DEFAULT_WAIT_MS)} s unless given, at most ${seconds(MAX_WAIT_MS)} s (Preference-Applied says what was used).`,
});

/**
 * Documents what a command accepts besides its body (Idempotency-Key, If-Match, After-Position,
 * Prefer: wait) and its 503s.
 */
export const ApiCommandHeaders = () =>
  applyDecorators(
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Sent again with the same body, returns the first result' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'The revision the command expects; 412 when the case moved on' }),
    AFTER_POSITION('the command runs only once this service has consumed what that position names (a case another service just reported, a task a whistle just created)'),
    PREFER_WAIT,
    ApiResponse({
      status: 503,
      description:
        'Retry-After: the After-Position was not consumed within the wait (details code `position_not_reached`), or the id is not known yet while this service is still catching up with the events it learns it from (code `not_yet_known`; 404 only once it has caught up and still does not know it)',
    }),
  );

/** Documents the read side's After-Position and Prefer: wait, and its 503. */
export const ApiReadHeaders = () =>
  applyDecorators(
    AFTER_POSITION('the read side answers only once its views reflect what that position names'),
    PREFER_WAIT,
    ApiResponse({ status: 503, description: 'Retry-After: the read side did not reflect the After-Position within the wait (details code `position_not_reached`); never a stale answer' }),
  );
