import { request } from 'node:http';
import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { Public } from '../auth/auth.decorators';
import { send } from '../testing/http-client';
import { startTestApp, type TestApp } from '../testing/test-app';

@Controller('api/things')
class ThingsController {
  @Get(':thingId')
  find() {
    return { ok: true };
  }

  @Delete(':thingId')
  @HttpCode(204)
  remove() {
    return undefined;
  }

  @Post()
  @HttpCode(201)
  create() {
    return { id: 't-1' };
  }
}

@Public()
@Controller('api/open')
class OpenController {
  @Get()
  read() {
    return { open: true };
  }
}

/** fetch refuses TRACE; node:http sends any method. */
function sendRaw(base: string, path: string, method: string, token: string): Promise<{ status: number; headers: Headers; body: unknown }> {
  return new Promise((resolve, reject) => {
    const sent = request(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}` } }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') headers.set(name, value);
        resolve({ status: response.statusCode ?? 0, headers, body: text ? (JSON.parse(text) as unknown) : undefined });
      });
    });
    sent.on('error', reject).end();
  });
}

describe('HTTP hygiene: 405 for a method the path does not take, security headers, /metrics behind a setting', () => {
  let server: TestApp;
  let office: string;

  beforeAll(async () => {
    server = await startTestApp({ controllers: [ThingsController, OpenController] });
    office = server.token({ sub: 'office-1', role: 'office' });
  });
  afterAll(() => server.close());

  describe('405 with Allow', () => {
    it.each([
      ['TRACE', '/api/things/t-1', 'DELETE, GET, HEAD, OPTIONS'],
      ['PUT', '/api/things/t-1', 'DELETE, GET, HEAD, OPTIONS'],
      ['PATCH', '/api/things', 'OPTIONS, POST'],
      ['GET', '/api/things', 'OPTIONS, POST'],
      ['POST', '/api/open', 'GET, HEAD, OPTIONS'],
    ])('answers %s %s (it was a 404) with 405 and Allow: %s, in the error shape', async (method, path, allow) => {
      const response = await sendRaw(server.url, path, method, office);
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe(allow);
      expect(response.body).toEqual({
        statusCode: 405,
        error: 'Method Not Allowed',
        message: `${method} is not a method of ${path}; it takes ${allow}`,
        details: [{ method, allowed: allow.split(', ') }],
      });
    });

    it('answers it before asking for a token or reading the body', async () => {
      const response = await send(server.url, '/api/things/t-1', { method: 'PUT', body: '{"broken' });
      expect(response.status).toBe(405);
    });

    it('answers OPTIONS with 204 and Allow', async () => {
      const response = await send(server.url, '/api/things/t-1', { method: 'OPTIONS' });
      expect(response.status).toBe(204);
      expect(response.headers.get('allow')).toBe('DELETE, GET, HEAD, OPTIONS');
    });

    it('leaves a path no route serves a 404, and the routes’ own methods alone', async () => {
      const unknown = await sendRaw(server.url, '/api/nowhere', 'TRACE', office);
      expect(unknown.status).toBe(404);
      expect((await send(server.url, '/api/things/t-1', { token: office })).status).toBe(200);
      expect((await sendRaw(server.url, '/api/things/t-1', 'HEAD', office)).status).toBe(200);
      expect((await send(server.url, '/api/things/t-1', { method: 'DELETE', token: office })).status).toBe(204);
      expect((await send(server.url, '/api/things', { method: 'POST', token: office, body: {} })).status).toBe(201);
    });
  });

  describe('security headers', () => {
    it.each([
      ['an answer', '/api/open'],
      ['an error', '/api/things/t-1'],
      ['a 404', '/api/nowhere'],
      ['the API docs', '/api/docs'],
      ['the metrics', '/metrics'],
    ])('sets them on %s', async (_what, path) => {
      const response = await send(server.url, path);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    });
  });
});

describe('/metrics by the setting', () => {
  it('is open when left open (development)', async () => {
    const server = await startTestApp({ controllers: [], metrics: { mode: 'open' } });
    try {
      expect((await send(server.url, '/metrics')).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('needs the bearer token when one is set: 401 without it or with another', async () => {
    const server = await startTestApp({ controllers: [], metrics: { mode: 'token', token: 'scrape-token-0123456789abcdef0123' } });
    try {
      const none = await send(server.url, '/metrics');
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect(none.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: '/metrics needs Authorization: Bearer <METRICS_TOKEN>', details: [] });
      expect((await send(server.url, '/metrics', { token: 'scrape-token-0123456789abcdef0124' })).status).toBe(401);
      expect((await send(server.url, '/metrics', { token: server.token({ sub: 'admin-1', role: 'admin' }) })).status).toBe(401);
      const scraped = await send(server.url, '/metrics', { token: 'scrape-token-0123456789abcdef0123' });
      expect(scraped.status).toBe(200);
      expect(scraped.text).toContain('# TYPE http_request_duration_seconds histogram');
    } finally {
      await server.close();
    }
  });

  it('is served to nobody when closed (production without a token)', async () => {
    const server = await startTestApp({ controllers: [], metrics: { mode: 'closed' } });
    try {
      const response = await send(server.url, '/metrics', { token: 'anything' });
      expect(response.status).toBe(403);
      expect((response.body as { message: string }).message).toContain('set METRICS_TOKEN');
      expect((await send(server.url, '/api/health')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
