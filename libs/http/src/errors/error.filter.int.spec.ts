import { type Sent, send } from '../testing/http-client';
import { startTestApp, type TestApp } from '../testing/test-app';
import { TestController } from '../testing/test.controller';

describe('errors in the API shape, over HTTP', () => {
  let server: TestApp;
  let office: string;
  const valid = { compoundId: 'C-1', description: 'Bicycles block the fire lane', channel: 'app' };
  const post = (path: string, body: unknown, headers?: Record<string, string>): Promise<Sent> =>
    send(server.url, path, { token: office, body, ...(headers ? { headers } : {}) });

  beforeAll(async () => {
    server = await startTestApp({ controllers: [TestController] });
    office = server.token({ sub: 'office-1', role: 'office' });
  });
  afterAll(() => server.close());

  it('names every bad field with its dotted path, array items included', async () => {
    const response = await post('/api/test/cases', {
      compoundId: 'C-1',
      description: 'Bike',
      channel: 'pigeon',
      reporter: { name: 'Li', phone: '12345' },
      evidence: [{ name: 'photo.jpg', sha256: 'a'.repeat(64) }, { name: 'video.mp4', sha256: 'not-a-hash' }],
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining('reporter.phone must be an 11-digit mobile number'),
      details: [
        { field: 'description', message: 'description must be longer than or equal to 5 characters' },
        { field: 'channel', message: 'channel must be one of the following values: hotline, app, walk_in' },
        { field: 'reporter.phone', message: 'reporter.phone must be an 11-digit mobile number' },
        { field: 'evidence[1].sha256', message: 'evidence[1].sha256 must be longer than or equal to 64 characters' },
        { field: 'evidence[1].sha256', message: 'evidence[1].sha256 must be a hexadecimal number' },
      ],
    });
    for (const field of ['description', 'channel', 'reporter.phone', 'evidence[1].sha256']) {
      expect((response.body as { message: string }).message).toContain(field);
    }
  });

  it('refuses unknown fields, nested ones too, and missing ones', async () => {
    const response = await post('/api/test/cases', { ...valid, priority: 'high', reporter: { name: 'Li', phone: '13800000000', age: 3 } });
    expect(response.status).toBe(400);
    expect((response.body as { details: unknown }).details).toEqual([
      { field: 'priority', message: 'property priority should not exist' },
      { field: 'reporter.age', message: 'property reporter.age should not exist' },
    ]);
    const missing = await post('/api/test/cases', {});
    expect((missing.body as { details: { field: string }[] }).details.map((detail) => detail.field)).toEqual([
      'compoundId',
      'description',
      'description',
      'channel',
    ]);
  });

  it('maps a domain InvalidCommand to 400 with its field', async () => {
    const response = await post('/api/test/cases/case-1/whistle', { level: 2 });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'units: unit U-404 is not in the catalogue',
      details: [{ field: 'units', message: 'units: unit U-404 is not in the catalogue' }],
    });
  });

  it('answers 404 for an unknown id and for an unknown route', async () => {
    const unknownCase = await send(server.url, '/api/test/cases/case-9', { token: office });
    expect(unknownCase.status).toBe(404);
    expect(unknownCase.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'case case-9 not found',
      details: [{ resource: 'case', id: 'case-9' }],
    });
    const unknownRoute = await send(server.url, '/api/nowhere', { token: office });
    expect(unknownRoute.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Cannot GET /api/nowhere', details: [] });
  });

  it('answers 409 with the reason when the case state refuses the command', async () => {
    const response = await post('/api/test/cases/case-1/reopen', { reason: 'still blocked' });
    expect(response.status).toBe(409);
    expect(response.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'the case closed more than 15 days ago and cannot be reopened',
      details: [{ code: 'reopening_window_closed' }],
    });
  });

  it('passes If-Match to the handler and answers 412 when the case moved on', async () => {
    const current = await post('/api/test/cases/case-1/withdraw', { reason: 'solved' }, { 'if-match': '3' });
    expect(current.body).toEqual({ id: 'case-1', revision: 4, expected: 3 });
    const quoted = await post('/api/test/cases/case-1/withdraw', { reason: 'solved' }, { 'if-match': '"3"' });
    expect(quoted.status).toBe(200);
    const stale = await post('/api/test/cases/case-1/withdraw', { reason: 'solved' }, { 'if-match': '2' });
    expect(stale.status).toBe(412);
    expect(stale.body).toEqual({
      statusCode: 412,
      error: 'Precondition Failed',
      message: 'the resource has moved on: expected revision 2, it is at 3',
      details: [{ expected: 2, actual: 3 }],
    });
    const garbled = await post('/api/test/cases/case-1/withdraw', { reason: 'solved' }, { 'if-match': 'soon' });
    expect(garbled.status).toBe(400);
    expect((garbled.body as { message: string }).message).toBe('If-Match must be a revision number, like If-Match: 3; got "soon"');
  });

  it('answers 413 for a body over the limit', async () => {
    const response = await post('/api/test/cases', { ...valid, description: 'x'.repeat(70 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: expect.stringMatching(/^the request body is \d+ bytes, more than the limit of 65536 bytes$/),
      details: [],
    });
  });

  it('answers 400 naming the position for malformed JSON', async () => {
    const response = await post('/api/test/cases', '{"compoundId": "C-1",}');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringMatching(/^malformed JSON body: .*position 21/),
      details: [],
    });
  });

  it('answers 500 with a generic message for an unexpected error, and logs it with the stack', async () => {
    const response = await send(server.url, '/api/test/boom', { token: office, headers: { 'x-correlation-id': 'boom-1' } });
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'internal error', details: [] });
    expect(response.text).not.toContain('hunter2');
    const logged = server.logs.find((line) => line['msg'] === 'request failed unexpectedly');
    expect(logged).toMatchObject({
      level: 'error',
      correlationId: 'boom-1',
      method: 'GET',
      url: '/api/test/boom',
      err: { message: expect.stringContaining('refused'), stack: expect.stringContaining('TestController.boom') },
    });
  });
});
