import { createHash } from 'node:crypto';
import { canonicalJson } from '@whistle/kernel';

export interface HashedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly sub: string;
}

/** Equal for the same command whatever the key order or white space of its JSON. */
export function requestHash(request: HashedRequest): string {
  const text = canonicalJson([request.method, request.path, request.body ?? null, request.sub]);
  return createHash('sha256').update(text).digest('hex');
}
