import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { Public } from '../auth/auth.decorators';
import { send } from '../testing/http-client';
import { startTestApp, type TestApp } from '../testing/test-app';
import { handled, TestController } from '../testing/test.controller';

const answered: string[] = [];

/** A public command, as a questionnaire link's: the caller's token is in the path. */
@Controller('api/test/links')
class LinkController {
  @Post(':token/answers')
  @Public()
  @HttpCode(201)
  answer(@Param('token') token: string) {
    answered.push(token);
    return { token, answer: answered.length };
  }
}

describe('Idempotency-Key, over HTTP', () => {
  let server: TestApp;
  let station: string;
  const report = { compoundId: 'C-1', description: 'Bicycles block the fire lane', channel: 'app' };
  const post = (key: string | undefined, body: unknown, token = station) =>
    send(server.url, '/api/test/cases', { token, body, ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }) });

  beforeAll(async () => {
    server = await startTestApp({ controllers: [TestController, LinkController] });
    station = server.token({ sub: 's-1', role: 'station', stationId: 'S-1' });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    handled.reports = 0;
  });

  it('replays the first status and body for the same key and body, without running the command again', async () => {
    const first = await post('k-1', report);
    const again = await post('k-1', { channel: 'app', description: report.description, compoundId: 'C-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(handled.reports).toBe(1);
  });

  it('refuses the same key with another body (422)', async () => {
    await post('k-2', report);
    const reused = await post('k-2', { ...report, description: 'Someone else entirely' });
    expect(reused.status).toBe(422);
    expect(reused.body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'Idempotency-Key k-2 was already used for a different request',
      details: [],
    });
    expect(handled.reports).toBe(1);
  });

  it('runs concurrent retries once', async () => {
    const [a, b, c] = await Promise.all([post('k-3', report), post('k-3', report), post('k-3', report)]);
    expect(handled.reports).toBe(1);
    expect(b?.body).toEqual(a?.body);
    expect(c?.body).toEqual(a?.body);
  });

  it('keys per caller, keeps no failed attempt and runs every request without a key', async () => {
    await post('k-4', report);
    const office = server.token({ sub: 'o-1', role: 'office' });
    expect((await post('k-4', report, office)).status).toBe(201);
    expect(handled.reports).toBe(2);

    expect((await post('k-5', { ...report, channel: 'pigeon' })).status).toBe(400);
    expect((await post('k-5', report)).status).toBe(201);

    await post(undefined, report);
    await post(undefined, report);
    expect(handled.reports).toBe(5);
  });

  it('keys callers without a token by the path, so one resident’s key never answers another’s', async () => {
    const answer = (token: string) => send(server.url, `/api/test/links/${token}/answers`, { body: { score: 90 }, headers: { 'idempotency-key': '1' } });
    const first = await answer('link-a');
    const other = await answer('link-b');
    expect({ status: other.status, body: other.body, replayed: other.headers.get('idempotent-replayed') }).toEqual({ status: 201, body: { token: 'link-b', answer: 2 }, replayed: null });
    const retry = await answer('link-a');
    expect({ status: retry.status, body: retry.body, replayed: retry.headers.get('idempotent-replayed') }).toEqual({ status: first.status, body: first.body, replayed: 'true' });
    expect(answered).toEqual(['link-a', 'link-b']);
  });

  it('answers a retry with a malformed If-Match 400, not with the first attempt’s answer', async () => {
    expect((await post('k-if-match', report)).status).toBe(201);
    const garbled = await send(server.url, '/api/test/cases', { token: station, body: report, headers: { 'idempotency-key': 'k-if-match', 'if-match': '' } });
    expect(garbled.status).toBe(400);
    expect((garbled.body as { message: unknown }).message).toMatch(/^If-Match must be a revision number/);
    expect(handled.reports).toBe(1);
  });

  it('refuses a key that is not a plain token', async () => {
    const response = await post('x'.repeat(256), report);
    expect(response.status).toBe(400);
    expect((response.body as { message: unknown }).message).toBe('Idempotency-Key must be one header of 1 to 255 visible ASCII characters');
  });
});
