import { requestHash } from './request-hash';

describe('requestHash', () => {
  const request = { method: 'POST', path: '/api/intake/cases', body: { a: 1, b: { c: [1, 2] } }, sub: 'o-1' };

  it('ignores the order of the body’s keys', () => {
    expect(requestHash({ ...request, body: { b: { c: [1, 2] }, a: 1 } })).toBe(requestHash(request));
  });

  it('differs by method, path, body and caller', () => {
    const hashes = new Set([
      requestHash(request),
      requestHash({ ...request, method: 'PUT' }),
      requestHash({ ...request, path: '/api/intake/cases/x' }),
      requestHash({ ...request, body: { a: 2, b: { c: [1, 2] } } }),
      requestHash({ ...request, sub: 'o-2' }),
      requestHash({ ...request, body: undefined }),
    ]);
    expect(hashes.size).toBe(6);
  });
});
