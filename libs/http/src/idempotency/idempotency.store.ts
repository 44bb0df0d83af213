import type { HashedRequest } from './request-hash';

/** The first successful response to a keyed command, replayed for every retry. */
export interface StoredResponse {
  readonly statusCode: number;
  readonly body: unknown;
}

export interface IdempotencyRecord {
  readonly requestHash: string;
  readonly response: StoredResponse;
}

/**
 * Where first responses are kept, per scope (the caller's `sub`) and Idempotency-Key. Adapters
 * decide how long to keep them; 24 hours covers any sensible retry. Each keeps a secret of its own
 * and hashes requests under it (`requestHash`), so what it stores of a request says nothing of the
 * request's body to whoever reads the store without the secret.
 */
export interface IdempotencyStore {
  requestHash(request: HashedRequest): string;
  get(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
  put(scope: string, key: string, requestHash: string, response: StoredResponse): Promise<void>;
}
