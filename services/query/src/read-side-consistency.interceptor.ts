import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { from, switchMap, type Observable } from 'rxjs';
import { PositionNotReached, currentConsistency } from '@whistle/application';
import { ReadSideProgress } from './read-side-progress';

/**
 * Put on every read-side controller: with an After-Position, the handler runs only once the read
 * models reflect it; when the request's wait is over first, 503 (PositionNotReached), never a
 * stale answer. The headers are read by the platform's ConsistencyInterceptor, which runs first.
 */
@Injectable()
export class ReadSideConsistencyInterceptor implements NestInterceptor {
  constructor(@Inject(ReadSideProgress) private readonly progress: ReadSideProgress) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { after, since, waitMs } = currentConsistency();
    if (!after) return next.handle();
    return from(this.progress.waitFor(after, since + waitMs)).pipe(
      switchMap((reached) => {
        if (!reached) throw new PositionNotReached('the read side', Date.now() - since);
        return next.handle();
      }),
    );
  }
}
