import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from '@whistle/kernel';

export interface HashedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly sub: string;
}

/**
 * What an idempotency store keeps of a request: equal for the same command whatever the key order
 * or white space of its JSON, and meaningless without the store's secret. Unkeyed, it would let
 * anyone holding the store guess a body and check the guess: an erasure's `{ phone, reason }` or a
 * report's reporter, one of about 10⁹ numbers, is found that way in minutes.
 */
export function requestHash(request: HashedRequest, secret: Buffer): string {
  const text = canonicalJson([request.method, request.path, request.body ?? null, request.sub]);
  return keyedRequestHash(createHash('sha256').update(text).digest('hex'), secret);
}

/**
 * HMAC-SHA-256 under the secret of the request's plain SHA-256 (hex), the value stores kept before
 * they were keyed: a store re-keys such a row in place, and a retry in flight across the upgrade
 * still compares equal.
 */
export function keyedRequestHash(sha256Hex: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(sha256Hex, 'utf8').digest('hex');
}
