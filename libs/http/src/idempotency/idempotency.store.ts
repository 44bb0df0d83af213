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
 * decide how long to keep them; 24 hours covers any sensible retry.
 */
export interface IdempotencyStore {
  get(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
  put(scope: string, key: string, requestHash: string, response: StoredResponse): Promise<void>;
}
