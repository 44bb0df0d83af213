import type { NextFunction, Request, Response } from 'express';
import { TooManyRequests } from '../errors/http-errors';
import { createRateLimiter } from './rate-limit.middleware';

describe('createRateLimiter', () => {
  let clock = 0;
  const limiter = createRateLimiter({ requestsPerMinute: 2, now: () => clock });
  const call = (ip: string, path = '/api/query/cases'): unknown => {
    let passed: unknown = 'not called';
    limiter({ ip, path } as Request, {} as Response, ((error?: unknown) => (passed = error)) as NextFunction);
    return passed;
  };

  it('counts per address and minute, says when to come back, and spares the probes', () => {
    expect([call('10.0.0.1'), call('10.0.0.1'), call('10.0.0.2')]).toEqual([undefined, undefined, undefined]);
    clock = 45_000;
    const refused = call('10.0.0.1');
    expect(refused).toBeInstanceOf(TooManyRequests);
    expect((refused as TooManyRequests).retryAfterSeconds).toBe(15);
    expect(call('10.0.0.1', '/api/health')).toBeUndefined();
    clock = 61_000;
    expect(call('10.0.0.1')).toBeUndefined();
  });
});
