import { ApiProperty } from '@nestjs/swagger';

/** API.md's one error shape, the component every 4xx and 5xx of the document refers to (`ErrorBody`). */
export class ErrorBody {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400, description: 'the HTTP status again' })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request', description: 'the status’s reason phrase' })
  error!: string;

  @ApiProperty({ example: 'compoundId must be a string', description: 'what went wrong, for a person' })
  message!: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'per status: `{ field, message }` for each broken rule (400), `{ resource, id }` (404), `{ code }` (409), `{ expected, actual }` (412), `{ code: position_not_reached | not_yet_known, … }` (503); empty otherwise',
  })
  details!: Record<string, unknown>[];
}

/** What each error status means in this API, said once for every operation that can answer it. */
export const ERROR_MEANINGS = {
  400: 'Invalid input: each broken rule names its field (body member, query or path parameter, or header) in `details`',
  401: 'No token, or one that is not valid (expired, wrong signature, issuer or audience); `WWW-Authenticate: Bearer`',
  403: 'The caller’s role may not do this, or the resource lies outside its scope (station, unit, compound)',
  404: 'No such resource: `details` names the resource and id',
  409: 'The resource’s state forbids this command: the message says why, `details[0].code` names the rule',
  412: 'If-Match named a revision the resource has moved on from: `details` gives the expected and actual revision',
  413: 'The body is larger than the configured limit',
  415: 'The body’s content encoding or character set is not one the server reads (JSON in UTF-8)',
  422: 'The Idempotency-Key was already used by this caller for a different request (IETF idempotency-key draft): nothing was done',
  429: 'Too many requests from this client in the current minute: `Retry-After` says when to try again',
  503: 'Not available right now, nothing was done: `Retry-After` says when to try again',
} as const;

export type ErrorStatus = keyof typeof ERROR_MEANINGS;
export const ERROR_STATUSES = Object.keys(ERROR_MEANINGS).map(Number) as ErrorStatus[];
