import { AsyncLocalStorage } from 'node:async_hooks';
import type { IdempotencyMark } from '@whistle/event-store';

/**
 * The Idempotency-Key of the HTTP request being handled, as the HTTP layer scoped and hashed it.
 * Read in one place, `httpContext`, where a person's command gets its context (as the correlation
 * id is); from there it travels in the CommandContext to the append, which keeps it with the
 * events in the same transaction.
 */
const storage = new AsyncLocalStorage<IdempotencyMark>();

export function runWithIdempotency<T>(mark: IdempotencyMark, work: () => T): T {
  return storage.run(mark, work);
}

export function currentIdempotency(): IdempotencyMark | undefined {
  return storage.getStore();
}

/** The caller's Idempotency-Key was already recorded with another request (another body): HTTP 422. */
export class IdempotencyKeyReused extends Error {
  override readonly name = 'IdempotencyKeyReused';
  constructor(readonly key: string) {
    super(`Idempotency-Key ${key} was already used for a different request`);
  }
}
