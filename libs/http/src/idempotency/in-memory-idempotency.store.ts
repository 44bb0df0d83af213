import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from './idempotency.store';

/** For tests: nothing expires and nothing survives a restart. */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, IdempotencyRecord>();

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
