import { send } from '../testing/http-client';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestController } from '../testing/test.controller';

// Over HTTP from one address (127.0.0.1), as a station's users behind one NAT would come.
describe('the rate limit per principal, over HTTP', () => {
  let server: TestApp;

  beforeAll(async () => {
    server = await startTestApp({ controllers: [TestController], rateLimit: { requestsPerMinute: 5 } });
  });
  afterAll(() => server.close());

  it('refuses the user past the limit with 429 and Retry-After while the other user from the same address goes on', async () => {
    const noisy = server.token({ sub: 'zhang', role: 'station', stationId: 'S-1' });
    const colleague = server.token({ sub: 'li', role: 'station', stationId: 'S-1' });
    const statuses: number[] = [];
    for (let n = 0; n < 6; n++) statuses.push((await send(server.url, '/api/test/stations/S-1/queue', { token: noisy })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await send(server.url, '/api/test/stations/S-1/queue', { token: noisy });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await send(server.url, '/api/test/stations/S-1/queue', { token: colleague })).status).toBe(200);
    // Without a token the address has its own count, untouched by either user.
    expect((await send(server.url, '/api/test/stations/S-1/queue')).status).toBe(401);
  });
});
