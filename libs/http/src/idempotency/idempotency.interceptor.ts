import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  UnprocessableEntityException,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { defer, lastValueFrom, type Observable } from 'rxjs';
import { runWithIdempotency } from '@whistle/application';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { IDEMPOTENCY_STORE } from '../http.tokens';
import { parseIfMatch } from '../conditional/if-match.decorator';
import type { IdempotencyStore } from './idempotency.store';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
const ACCEPTABLE_KEY = /^[\x21-\x7e]{1,255}$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A command sent again with the same Idempotency-Key and the same body gets the first response
 * and does not run again; the same key with another body is refused (422). Only successful
 * responses are kept: a refused command recorded nothing, so retrying it is harmless.
 *
 * The response is kept here after the command's events are recorded, in another file, so a crash
 * between the two would forget it: the key (scoped) therefore also goes down with the command
 * (`runWithIdempotency`) and the event store keeps it in the events' own transaction. A retry this
 * store does not know runs the handler again, whose command loop finds the events recorded under
 * the key and answers from them without deciding or appending anything.
 *
 * Only this store, which forgets after its retention, compares bodies (under its own secret): the
 * event store keeps its records for ever, and a keyed hash of an erasure's phone number beside the
 * secret in the same data directory could be guessed back. So once this store has lost a key (its
 * retention passed, or http.db was made anew), a reuse of the key with another body is answered
 * with the first answer from the events: never a second effect, though no longer a 422.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  // Retries that overlap the first attempt wait for it instead of running the command twice.
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(@Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (key === undefined || SAFE_METHODS.has(request.method)) return next.handle();
    if (typeof key !== 'string' || !ACCEPTABLE_KEY.test(key)) {
      throw new BadRequestException('Idempotency-Key must be one header of 1 to 255 visible ASCII characters');
    }
    // A malformed If-Match is the retry's own error (400), never answered with the first attempt's success.
    parseIfMatch(request.headers['if-match']);
    const response = context.switchToHttp().getResponse<Response>();
    return defer(() => this.once(key, request, response, next));
  }

  private async once(key: string, request: AuthenticatedRequest, response: Response, next: CallHandler): Promise<unknown> {
    const scope = scopeOf(request);
    const hash = this.store.requestHash({ method: request.method, path: request.originalUrl, body: request.body, sub: scope });
    const slot = JSON.stringify([scope, key]);
    for (let pending = this.inFlight.get(slot); pending; pending = this.inFlight.get(slot)) await pending;
    let release = (): void => undefined;
    this.inFlight.set(slot, new Promise<void>((resolve) => (release = resolve)));
    try {
      const first = await this.store.get(scope, key);
      if (first !== undefined) {
        if (first.requestHash !== hash) {
          throw new UnprocessableEntityException(`Idempotency-Key ${key} was already used for a different request`);
        }
        response.status(first.response.statusCode).setHeader('Idempotent-Replayed', 'true');
        return first.response.body;
      }
      const keyed = { mark: { scope, key }, replayed: false };
      const body: unknown = await lastValueFrom(runWithIdempotency(keyed, () => next.handle()), { defaultValue: undefined });
      if (keyed.replayed) response.setHeader('Idempotent-Replayed', 'true');
      if (response.statusCode >= 200 && response.statusCode < 300) {
        await this.store.put(scope, key, hash, { statusCode: response.statusCode, body });
      }
      return body;
    } finally {
      this.inFlight.delete(slot);
      release();
    }
  }
}

/**
 * Whose keys these are. A signed-in caller: sub, role and scope together. Callers without a token
 * (a resident answering a questionnaire link) are told apart by the path, which carries the token
 * of a public command: under one shared scope resident A's key "1" would answer resident B's
 * request for ever, the event store keeping keys as long as the events. The path is hashed so
 * that its token is not kept in the clear.
 */
export function scopeOf(request: AuthenticatedRequest): string {
  const principal = request.principal;
  if (principal) return JSON.stringify([principal.sub, principal.role, principal.stationId ?? null, principal.unitId ?? null, principal.compoundId ?? null]);
  const path = request.originalUrl.split('?')[0] ?? '';
  return `anonymous:${createHash('sha256').update(path).digest('hex')}`;
}
