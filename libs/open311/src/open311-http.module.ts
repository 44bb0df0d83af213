import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { errorResponseOf } from '@whistle/http';
import { open311ErrorsOf } from './errors';
import { readFormBody } from './form-body';
import { formatOfPath, render } from './format';

/** Every Open311 path, whichever service serves it. */
export const OPEN311_PATHS = { path: 'open311/*path', method: RequestMethod.ALL };

/**
 * Before the platform's guards and interceptors see an Open311 request: its answer's type is set
 * from the path's extension (so an answer an Idempotency-Key replays has it too), and a posted
 * form is read. A form that cannot be read is answered here, in the specification's error format.
 */
export function open311Middleware(request: Request, response: Response, next: NextFunction): void {
  const format = formatOfPath(request.path);
  response.type(format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8');
  if (request.method !== 'POST') return next();
  readFormBody(request).then(
    () => next(),
    (error: unknown) => {
      const { body, headers } = errorResponseOf(error);
      response.set(headers).status(body.statusCode).send(render(format, 'errors', open311ErrorsOf(body)).body);
    },
  );
}

/** Imported by each module that serves Open311 routes (intake's, the query service's); Nest configures it once. */
@Module({})
export class Open311HttpModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(open311Middleware).forRoutes(OPEN311_PATHS);
  }
}
