import { Controller, Get } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { DEVELOPMENT_JWT_SECRET, signToken } from '@whistle/auth';
import { send } from '../testing/http-client';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestController } from '../testing/test.controller';

// A route someone forgot to give a rule: the guard must close it, not open it to any valid token.
@Controller('api/unruled')
class UnruledController {
  @Get()
  read() {
    return { leaked: true };
  }
}

describe('AuthGuard, over HTTP', () => {
  let server: TestApp;
  const report = { compoundId: 'C-1', description: 'Bicycles block the fire lane', channel: 'app' };

  beforeAll(async () => {
    server = await startTestApp({ controllers: [TestController, UnruledController] });
  });
  afterAll(() => server.close());

  it('answers 401 without a token, and tells the client the scheme', async () => {
    const response = await send(server.url, '/api/test/cases', { body: report });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'a bearer token is required: Authorization: Bearer <JWT>',
      details: [],
    });
  });

  it('answers 401 for a forged, an expired and a scope-less token, saying what is wrong', async () => {
    const forged = signToken({ sub: 'mallory', role: 'admin' }, { secret: 'f'.repeat(40), expiresIn: '1h' });
    const expired = signToken({ sub: 'o', role: 'office' }, { secret: DEVELOPMENT_JWT_SECRET, expiresIn: '1h', now: new Date('2024-05-01T08:00:00Z') });
    const scopeless = jwt.sign({ sub: 's', role: 'station' }, DEVELOPMENT_JWT_SECRET, { expiresIn: 60 });
    const messages: unknown[] = [];
    for (const token of [forged, expired, scopeless]) {
      const response = await send(server.url, '/api/test/cases/case-1', { token });
      expect(response.status).toBe(401);
      const { message, details } = response.body as { message: unknown; details: unknown };
      messages.push([message, details]);
    }
    // The code in the details says which check failed, so a client can tell an expired token from a forged one.
    expect(messages).toEqual([
      ['invalid token: invalid signature', [{ code: 'bad_signature' }]],
      ['the token expired at 2024-05-01T09:00:00.000Z', [{ code: 'expired' }]],
      ['missing claim stationId: role station needs the claim stationId', [{ code: 'missing_claim' }]],
    ]);
  });

  it('answers 403 for a role the route does not allow', async () => {
    const unit = server.token({ sub: 'u-1', role: 'unit', unitId: 'U-1' });
    const response = await send(server.url, '/api/test/cases', { token: unit, body: report });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'role unit may not do this; allowed: reporter, station, office',
      details: [],
    });
  });

  it('lets a station into its own queue only, and the office into every queue', async () => {
    const station = server.token({ sub: 's-1', role: 'station', stationId: 'S-1' });
    expect((await send(server.url, '/api/test/stations/S-1/queue', { token: station })).status).toBe(200);
    const other = await send(server.url, '/api/test/stations/S-2/queue', { token: station });
    expect(other.status).toBe(403);
    expect((other.body as { message: unknown }).message).toBe('station S-1 is outside the scope of this resource (stationId: S-2)');
    const office = server.token({ sub: 'o-1', role: 'office' });
    expect((await send(server.url, '/api/test/stations/S-2/queue', { token: office })).status).toBe(200);
  });

  it('lets any role through a route its controller opens to every role, and the caller reaches the handler', async () => {
    const reporter = server.token({ sub: 'resident-9', role: 'reporter', compoundId: 'C-1' });
    const response = await send(server.url, '/api/test/cases', { token: reporter, body: report });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ by: 'resident-9' });
    expect((await send(server.url, '/api/test/cases/case-1', { token: reporter })).body).toEqual({ id: 'case-1' });
  });

  it('refuses every role on a route that declares neither @Roles nor @Public', async () => {
    for (const claims of [{ sub: 'a-1', role: 'admin' }, { sub: 'o-1', role: 'office' }, { sub: 'r-1', role: 'reporter', compoundId: 'C-1' }] as const) {
      const response = await send(server.url, '/api/unruled', { token: server.token(claims) });
      expect(response.status).toBe(403);
      expect((response.body as { message: unknown }).message).toBe('this route declares no role that may use it');
    }
  });

  it('needs no token for the health checks and metrics', async () => {
    expect((await send(server.url, '/api/health')).body).toEqual({ status: 'ok' });
    expect((await send(server.url, '/api/ready')).status).toBe(200);
    expect((await send(server.url, '/metrics')).status).toBe(200);
  });
});
