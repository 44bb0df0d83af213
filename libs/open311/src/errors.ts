import { type ArgumentsHost, Catch, type ExceptionFilter, ForbiddenException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { LOGGER, correlationIdOf, errorResponseOf, type ErrorBody } from '@whistle/http';
import { formatOfPath, render } from './format';

/** One error as GeoReport v2 lists it: `[{ code, description }]`, `<errors><error>…`. */
export interface Open311Error {
  readonly code: number;
  readonly description: string;
}

/** Every bad field its own error, each naming its field (the API's details say which); one error otherwise. */
export function open311ErrorsOf(body: ErrorBody): Open311Error[] {
  const fields = body.details.filter((detail) => typeof detail['message'] === 'string');
  if (body.statusCode === 400 && fields.length > 0) return fields.map((detail) => ({ code: 400, description: detail['message'] as string }));
  return [{ code: body.statusCode, description: body.message }];
}

/** A request that needs a client's api_key and came without a good one. */
export class Open311KeyRefused extends ForbiddenException {}

/**
 * The Open311 routes answer their failures in the specification's error format, in the format the
 * path asked for, with the API's status codes (400 naming each bad field, 403 for the api_key,
 * 404 for an unknown service or request); what the API's own error filter logs, this logs too.
 */
@Catch()
export class Open311ErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const { body, headers, unexpected } = errorResponseOf(exception);
    if (unexpected) {
      this.logger.error({ err: exception, correlationId: correlationIdOf(request), method: request.method, url: request.originalUrl }, 'request failed unexpectedly');
    }
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const answer = render(formatOfPath(request.path), 'errors', open311ErrorsOf(body));
    response.set(headers).status(body.statusCode).type(answer.contentType).send(answer.body);
  }
}
