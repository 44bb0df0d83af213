import { BadRequestException, HttpException, PayloadTooLargeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { UnacceptableBody } from '../validation/json-body';
import { InvalidRequest } from './http-errors';

/** What express's body parser (http-errors) attaches to the errors it passes on. */
interface BodyParserError {
  readonly type?: unknown;
  readonly status?: unknown;
  readonly expose?: unknown;
  readonly limit?: unknown;
  readonly length?: unknown;
  readonly message: string;
}

/**
 * Turns the body parser's errors into HTTP exceptions the error filter renders. Without it Nest
 * reports malformed JSON as a bare SyntaxError message and the rest as 500s.
 */
export function bodyParserErrorsMiddleware(error: unknown, _request: Request, _response: Response, next: NextFunction): void {
  next(translate(error));
}

function translate(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  if (error instanceof UnacceptableBody) {
    if (error.type === 'body.charset') return new HttpException(error.message, 415);
    return new InvalidRequest([{ field: 'body', message: error.message }]);
  }
  const failure: BodyParserError = error;
  if (failure.type === 'entity.parse.failed') return new BadRequestException(`malformed JSON body: ${failure.message}`);
  if (failure.type === 'entity.too.large') {
    return new PayloadTooLargeException(`the request body is ${failure.length} bytes, more than the limit of ${failure.limit} bytes`);
  }
  if (failure.expose === true && typeof failure.status === 'number' && failure.status >= 400 && failure.status < 500) {
    return new HttpException(failure.message, failure.status);
  }
  return error;
}
