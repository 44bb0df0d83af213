import type { NextFunction, Request, Response } from 'express';
import { createTokenVerifier, DEVELOPMENT_JWT_SECRET, signToken, type Principal } from '@whistle/auth';
import { TooManyRequests } from '../errors/http-errors';
import { createRateLimiter } from './rate-limit.middleware';

const verify = createTokenVerifier({ mode: 'secret', secret: DEVELOPMENT_JWT_SECRET });
const tokenOf = (principal: Principal) => signToken(principal, { secret: DEVELOPMENT_JWT_SECRET, expiresIn: '5m' });

function limiterAt(clock: { now: number }, requestsPerMinute = 2) {
  const limiter = createRateLimiter({ requestsPerMinute, now: () => clock.now }, verify);
  return async (ip: string, options: { path?: string; token?: string } = {}): Promise<unknown> => {
    const request = { ip, path: options.path ?? '/api/query/cases', headers: options.token ? { authorization: `Bearer ${options.token}` } : {} } as Request;
    return new Promise((resolve) => limiter(request, {} as Response, ((error?: unknown) => resolve(error)) as NextFunction));
  };
}

describe('createRateLimiter', () => {
  it('counts per address and minute without a token, says when to come back, and spares the probes', async () => {
    const clock = { now: 0 };
    const call = limiterAt(clock);
    expect([await call('10.0.0.1'), await call('10.0.0.1'), await call('10.0.0.2')]).toEqual([undefined, undefined, undefined]);
    clock.now = 45_000;
    const refused = await call('10.0.0.1');
    expect(refused).toBeInstanceOf(TooManyRequests);
    expect((refused as TooManyRequests).retryAfterSeconds).toBe(15);
    expect(await call('10.0.0.1', { path: '/api/health' })).toBeUndefined();
    clock.now = 61_000;
    expect(await call('10.0.0.1')).toBeUndefined();
  });

  it('counts per principal: behind one address, a noisy user is refused and the station’s other user is not', async () => {
    const call = limiterAt({ now: 0 });
    const noisy = tokenOf({ sub: 'zhang', role: 'station', stationId: 'S-1' });
    const colleague = tokenOf({ sub: 'li', role: 'station', stationId: 'S-1' });
    expect([await call('10.0.0.1', { token: noisy }), await call('10.0.0.1', { token: noisy })]).toEqual([undefined, undefined]);
    expect(await call('10.0.0.1', { token: noisy })).toBeInstanceOf(TooManyRequests);
    // Another token of the same subject is the same principal.
    expect(await call('10.0.0.9', { token: tokenOf({ sub: 'zhang', role: 'station', stationId: 'S-1' }) })).toBeInstanceOf(TooManyRequests);
    expect(await call('10.0.0.1', { token: colleague })).toBeUndefined();
    expect(await call('10.0.0.1')).toBeUndefined();
  });

  it('counts a token the verifier refuses against its address, so forged subjects buy no budget', async () => {
    const call = limiterAt({ now: 0 });
    const forged = (sub: string) => signToken({ sub, role: 'office' }, { secret: 'f'.repeat(40), expiresIn: '5m' });
    expect([await call('10.0.0.1', { token: forged('a') }), await call('10.0.0.1', { token: forged('b') })]).toEqual([undefined, undefined]);
    expect(await call('10.0.0.1', { token: forged('c') })).toBeInstanceOf(TooManyRequests);
  });
});
