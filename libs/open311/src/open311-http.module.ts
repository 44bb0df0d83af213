import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, type Type } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { errorResponseOf } from '@whistle/http';
import { open311ErrorsOf } from './errors';
import { readFormBody } from './form-body';
import { formatOfPath, render } from './format';

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

/**
 * The middleware for the routes of these controllers, in the module that serves them (intake's,
 * the query service's): bound to their routes, so that the router serves nothing else under /open311.
 */
export function open311HttpModule(...controllers: Type[]): DynamicModule {
  @Module({})
  class Open311HttpModule implements NestModule {
    configure(consumer: MiddlewareConsumer): void {
      consumer.apply(open311Middleware).forRoutes(...controllers);
    }
  }
  return { module: Open311HttpModule };
}
