import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { MAX_WAIT_MS, runWithConsistency } from '@whistle/application';
import { POSITION_HEADER, consistencyOf } from './consistency';

/**
 * Reads what a request asks of the services' progress (After-Position, Prefer: wait) and runs its
 * handler with it (`currentConsistency()` in @whistle/application), so a writer's commands and the
 * read side wait for the position where they need to; a malformed header is a 400 naming it. On
 * the way out, a command's `position` is also put in the Position header, replays included.
 */
@Injectable()
export class ConsistencyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const consistency = consistencyOf(request.headers, Date.now());
    if (consistency.waitAsked !== null) response.setHeader('Preference-Applied', `wait=${Math.min(consistency.waitAsked, MAX_WAIT_MS / 1_000)}`);
    // The handler is bound to the async context when `handle` is called, so it runs inside it.
    return runWithConsistency(consistency, () => next.handle()).pipe(
      map((body: unknown) => {
        const position = (body as { position?: unknown } | null | undefined)?.position;
        if (typeof position === 'string' && !response.headersSent) response.setHeader(POSITION_HEADER, position);
        return body;
      }),
    );
  }
}
