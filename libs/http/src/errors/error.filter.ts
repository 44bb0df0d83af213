import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { correlationIdOf } from '../context/correlation.middleware';
import { errorResponseOf } from './error-response';

/** Answers every failure of an HTTP request in the API's error shape; only unexpected ones are logged. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const { body, headers, unexpected } = errorResponseOf(exception);
    if (unexpected) {
      this.logger.error(
        { err: exception, correlationId: correlationIdOf(request), method: request.method, url: request.originalUrl },
        'request failed unexpectedly',
      );
    }
    if (response.headersSent) {
      // Too late for an error body; cutting the response short at least tells the client.
      response.destroy();
      return;
    }
    response.set(headers).status(body.statusCode).json(body);
  }
}
