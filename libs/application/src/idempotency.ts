import { AsyncLocalStorage } from 'node:async_hooks';
import type { IdempotencyMark } from '@whistle/event-store';

/**
 * The Idempotency-Key of the HTTP request being handled, as the HTTP layer scoped it.
 * Read in one place, `httpContext`, where a person's command gets its context (as the correlation
 * id is); from there it travels in the CommandContext to the append, which keeps it with the
 * events in the same transaction.
 */
const storage = new AsyncLocalStorage<KeyedRequest>();

/** A request under an Idempotency-Key; `replayed` tells the HTTP layer its answer came from events an earlier attempt recorded. */
export interface KeyedRequest {
  readonly mark: IdempotencyMark;
  replayed: boolean;
}

export function runWithIdempotency<T>(request: KeyedRequest, work: () => T): T {
  return storage.run(request, work);
}

export function currentIdempotency(): IdempotencyMark | undefined {
  return storage.getStore()?.mark;
}

/** Called where a command's Handled comes back replayed, so the answer is marked `Idempotent-Replayed`. */
export function noteReplayed(): void {
  const request = storage.getStore();
  if (request) request.replayed = true;
}
