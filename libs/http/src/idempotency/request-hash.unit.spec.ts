import { createHash, createHmac, randomBytes } from 'node:crypto';
import { canonicalJson } from '@whistle/kernel';
import { keyedRequestHash, requestHash } from './request-hash';

describe('requestHash', () => {
  const secret = randomBytes(32);
  const request = { method: 'POST', path: '/api/intake/cases', body: { a: 1, b: { c: [1, 2] } }, sub: 'o-1' };

  it('ignores the order of the body’s keys', () => {
    expect(requestHash({ ...request, body: { b: { c: [1, 2] }, a: 1 } }, secret)).toBe(requestHash(request, secret));
  });

  it('differs by method, path, body, caller and secret', () => {
    const hashes = new Set([
      requestHash(request, secret),
      requestHash({ ...request, method: 'PUT' }, secret),
      requestHash({ ...request, path: '/api/intake/cases/x' }, secret),
      requestHash({ ...request, body: { a: 2, b: { c: [1, 2] } } }, secret),
      requestHash({ ...request, sub: 'o-2' }, secret),
      requestHash({ ...request, body: undefined }, secret),
      requestHash(request, randomBytes(32)),
    ]);
    expect(hashes.size).toBe(7);
  });

  it('is the HMAC under the secret of the plain SHA-256 earlier versions kept, which is not kept', () => {
    const plain = createHash('sha256').update(canonicalJson([request.method, request.path, request.body, request.sub])).digest('hex');
    expect(requestHash(request, secret)).not.toBe(plain);
    expect(requestHash(request, secret)).toBe(createHmac('sha256', secret).update(plain).digest('hex'));
    expect(keyedRequestHash(plain, secret)).toBe(requestHash(request, secret));
  });
});
