import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSchemathesisPass } from './schemathesis-pass';

// The harness itself: against a server that breaks its own document, the pass must report the
// failing checks and count the 5xx, or a green fuzz in `npm test` would prove nothing.

const METRICS_TOKEN = 'a-metrics-token-of-at-least-32-characters';
const document = {
  openapi: '3.0.3',
  info: { title: 'broken on purpose', version: '1' },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  security: [{ bearer: [] }],
  paths: {
    '/api/things/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 10 } }],
        responses: { '200': { description: 'the thing', content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } } } },
      },
    },
  },
};

let server: Server;
let baseUrl = '';
const answered = new Map<string, number>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = request.url ?? '';
    if (url === '/metrics') {
      const lines = [...answered].map(([key, n]) => `http_request_duration_seconds_count{method="GET",route="/api/things/:id",status="${key}"} ${n}`);
      response.writeHead(request.headers.authorization === `Bearer ${METRICS_TOKEN}` ? 200 : 401).end(`${lines.join('\n')}\n`);
      return;
    }
    if (url === '/api/docs-json') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document));
      return;
    }
    // Every other request is a server error: neither declared nor in the error shape.
    answered.set('500', (answered.get('500') ?? 0) + 1);
    response.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('reports the server errors and the undeclared answers of a server that breaks its document, and counts them', async () => {
  const reportDir = mkdtempSync(join(tmpdir(), 'whistle-fuzz-harness-'));
  try {
    const result = await runSchemathesisPass({ baseUrl, metricsToken: METRICS_TOKEN, secondsPerCaller: 10, seed: 1, reportDir, callers: [{ sub: 'fuzz-office', role: 'office' }] });
    expect(result.failures.map((f) => f.check)).toEqual(expect.arrayContaining(['ST101 Server error', 'ST103 Undocumented status code']));
    expect(result.failures.find((f) => f.check === 'ST101 Server error')?.operations).toEqual(['GET /api/things/{id} as office']);
    expect(result.byStatusClass['5xx']).toBe(answered.get('500'));
    expect(result.requests).toBeGreaterThan(0);
    expect(result.errors).toEqual([]);
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}, 120_000);
