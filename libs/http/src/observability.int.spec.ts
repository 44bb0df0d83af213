import { send } from './testing/http-client';
import { startTestApp, type TestApp } from './testing/test-app';
import { TestController } from './testing/test.controller';

describe('correlation, logs, metrics, readiness, docs and rate limit, over HTTP', () => {
  let server: TestApp;
  let office: string;
  let kafkaUp = true;
  let findingsOpen = false;
  const report = { compoundId: 'C-1', description: 'Bicycles block the fire lane', channel: 'app' };

  beforeAll(async () => {
    server = await startTestApp({
      controllers: [TestController],
      rateLimit: { requestsPerMinute: 40 },
      readinessChecks: {
        eventStore: () => undefined,
        findings: () => (findingsOpen ? { attention: '2 findings not acknowledged' } : undefined),
        kafka: async () => {
          if (!kafkaUp) throw new Error('broker 127.0.0.1:9092 unreachable');
        },
      },
    });
    office = server.token({ sub: 'o-1', role: 'office' });
  });
  afterAll(() => server.close());

  it('echoes the caller’s correlation id, hands it to the handler and logs the request with it', async () => {
    const response = await send(server.url, '/api/test/cases', { token: office, body: report, headers: { 'x-correlation-id': 'call-42' } });
    expect(response.headers.get('x-correlation-id')).toBe('call-42');
    expect(response.body).toMatchObject({ correlationId: 'call-42' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.logs).toContainEqual(
      expect.objectContaining({
        msg: 'request completed',
        level: 'info',
        service: 'test',
        correlationId: 'call-42',
        method: 'POST',
        url: '/api/test/cases',
        status: 201,
        durationMs: expect.any(Number),
      }),
    );
    expect(JSON.stringify(server.logs)).not.toContain(office);
  });

  it('makes a correlation id when there is none or it is not a plain token', async () => {
    const none = await send(server.url, '/api/health');
    expect(none.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await send(server.url, '/api/health', { headers: { 'x-correlation-id': 'a b <script>' } });
    expect(hostile.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes the correlation id on errors from body parsing too', async () => {
    const response = await send(server.url, '/api/test/cases', { token: office, body: '{', headers: { 'x-correlation-id': 'bad-json-1' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-correlation-id')).toBe('bad-json-1');
  });

  it('exposes the request histogram by method, route pattern and status on /metrics', async () => {
    await send(server.url, '/api/test/cases/case-1', { token: office });
    await send(server.url, '/api/test/cases/case-77', { token: office });
    const metrics = await send(server.url, '/metrics');
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(metrics.text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(metrics.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/test\/cases\/:caseId",status="200"\} 1/);
    expect(metrics.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/test\/cases\/:caseId",status="404"\} 1/);
    expect(metrics.text).toContain('process_cpu_user_seconds_total');
  });

  it('reports ready with every check, and 503 naming the failing one', async () => {
    expect(await send(server.url, '/api/ready')).toMatchObject({
      status: 200,
      body: { status: 'ready', checks: { eventStore: 'ok', findings: 'ok', kafka: 'ok' } },
    });
    kafkaUp = false;
    expect(await send(server.url, '/api/ready')).toMatchObject({
      status: 503,
      body: { status: 'not_ready', checks: { eventStore: 'ok', findings: 'ok', kafka: 'failed: broker 127.0.0.1:9092 unreachable' } },
    });
    kafkaUp = true;
  });

  it('shows a check that calls for attention without making the service unready', async () => {
    findingsOpen = true;
    expect(await send(server.url, '/api/ready')).toMatchObject({
      status: 200,
      body: { status: 'ready', checks: { eventStore: 'ok', findings: 'attention: 2 findings not acknowledged', kafka: 'ok' }, attention: ['findings'] },
    });
    findingsOpen = false;
    expect((await send(server.url, '/api/ready')).body).not.toHaveProperty('attention');
  });

  it('serves the OpenAPI document with bearer auth and the UI', async () => {
    const document = await send(server.url, '/api/docs-json');
    expect(document.status).toBe(200);
    expect(document.body).toMatchObject({
      info: { title: '四级吹哨 · Four-level whistle API' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    });
    expect(Object.keys((document.body as { paths: object }).paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/ready', '/api/test/cases', '/api/test/cases/{caseId}/withdraw']),
    );
    const withdraw = (document.body as { paths: Record<string, { post: { parameters: { name: string; in: string }[] } }> }).paths[
      '/api/test/cases/{caseId}/withdraw'
    ];
    expect(withdraw?.post.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }), expect.objectContaining({ name: 'If-Match', in: 'header' })]),
    );
    const ui = await send(server.url, '/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
  });

  // Last: it spends the address's budget for this minute.
  it('answers 429 with Retry-After past the rate limit, and keeps the probes answering', async () => {
    let response = await send(server.url, '/api/test/cases/case-1', { token: office });
    for (let sent = 1; sent <= 40 && response.status !== 429; sent += 1) {
      response = await send(server.url, '/api/test/cases/case-1', { token: office });
    }
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(response.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(/^too many requests; try again in \d+ s$/),
      details: [],
    });
    expect((await send(server.url, '/api/health')).status).toBe(200);
  });
});
