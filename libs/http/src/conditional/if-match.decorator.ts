import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The revision the caller last saw, from `If-Match: 3` (or the ETag form `"3"`); undefined when the
 * header is absent, so the command runs unconditionally.
 */
export const IfMatch = createParamDecorator((_data: unknown, context: ExecutionContext): number | undefined =>
  parseIfMatch(context.switchToHttp().getRequest<Request>().headers['if-match']),
);

export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const digits = typeof header === 'string' ? /^\s*"?(\d{1,15})"?\s*$/.exec(header)?.[1] : undefined;
  if (digits === undefined) {
    throw new BadRequestException(`If-Match must be a revision number, like If-Match: 3; got ${JSON.stringify(header)}`);
  }
  return Number(digits);
}
