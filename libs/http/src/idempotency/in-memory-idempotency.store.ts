import { randomBytes } from 'node:crypto';
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from './idempotency.store';
import { requestHash, type HashedRequest } from './request-hash';

/** For tests: nothing expires and nothing survives a restart, the secret included. */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, IdempotencyRecord>();
  private readonly secret = randomBytes(32);

  requestHash(request: HashedRequest): string {
    return requestHash(request, this.secret);
  }

  async get(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.records.get(slot(scope, key));
  }

  async put(scope: string, key: string, requestHash: string, response: StoredResponse): Promise<void> {
    this.records.set(slot(scope, key), { requestHash, response: structuredClone(response) });
  }
}

function slot(scope: string, key: string): string {
  return JSON.stringify([scope, key]);
}
