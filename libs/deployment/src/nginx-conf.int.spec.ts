import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nginxBinary } from './launcher/distributed-system';
import { ManagedProcess, freePort } from './launcher/managed-process';
import { identityProviderMapLine, renderNginxConf } from './nginx-conf';
import { DEFAULT_PORTS, DEPLOYED_SERVICES, routeOf, type DeployedService } from './topology';

const upstreams = Object.fromEntries(DEPLOYED_SERVICES.map((s) => [s, `127.0.0.1:${DEFAULT_PORTS[s]}`])) as Record<DeployedService, string>;

describe('the one base URL', () => {
  it.each([
    ['POST', '/api/intake/cases', 'intake'],
    ['POST', '/api/escalation/cases/c1/whistle', 'escalation'],
    ['GET', '/api/enforcement/tasks', 'query'],
    ['POST', '/api/enforcement/tasks/t1/accept', 'enforcement'],
    ['POST', '/api/enforcement/cases/c1/activities', 'enforcement'],
    ['GET', '/api/adjudication/meetings', 'query'],
    ['POST', '/api/adjudication/meetings', 'adjudication'],
    ['GET', '/api/adjudication/meetings/m1', 'adjudication'],
    ['GET', '/api/adjudication/meetings/m1/minutes', 'adjudication'],
    ['POST', '/api/supervision/tasks/t1/unit-rating', 'supervision'],
    ['POST', '/api/supervision/quarters/2026-Q4/notices', 'supervision'],
    ['GET', '/api/public/questionnaires/tok', 'supervision'],
    ['POST', '/api/public/questionnaires/tok/responses', 'supervision'],
    ['GET', '/api/public/notices', 'query'],
    ['GET', '/api/public/firms/f1/credit', 'query'],
    ['GET', '/api/query/cases/c1', 'query'],
    ['GET', '/api/query/cases/events', 'query'],
    ['GET', '/api/query/stats', 'query'],
    ['GET', '/api/catalogue', 'query'],
    ['GET', '/api/audit/cases/c1/history', 'audit'],
    ['POST', '/api/audit/verify', 'audit'],
    ['GET', '/api/ready', 'query'],
    ['GET', '/api/auth/sign-in', 'query'],
    ['POST', '/api/dev/sign-in', 'query'],
    ['GET', '/open311/v2/services.json', 'query'],
    ['GET', '/open311/v2/services/fire_lane_blocked.xml', 'query'],
    ['GET', '/open311/v2/requests.json', 'query'],
    ['GET', '/open311/v2/requests/c1.xml', 'query'],
    ['POST', '/open311/v2/requests.json', 'intake'],
  ] as const)('%s %s goes to %s', (method, path, service) => {
    expect(routeOf(method, path)).toBe(service);
  });

  it('answers no service for a path outside the API', () => {
    expect(routeOf('GET', '/api/nothing')).toBeUndefined();
  });

  it('renders an nginx configuration that nginx itself accepts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nginx-conf-'));
    try {
      chmodSync(dir, 0o777);
      const conf = join(dir, 'nginx.conf');
      writeFileSync(conf, renderNginxConf({ listen: 18080, upstreams, runDir: dir, consoleRoot: join(dir, 'console') }));
      const out = execFileSync(nginxBinary(), ['-t', '-p', dir, '-c', conf], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(out).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sends the two shared list paths by method, and everything else by path', () => {
    const conf = renderNginxConf({ listen: 8080, upstreams, consoleRoot: '/usr/share/nginx/html' });
    expect(conf).toContain('location = /api/enforcement/tasks { proxy_pass http://query; }');
    expect(conf).toMatch(/map \$request_method \$route_1 \{ GET query; HEAD query; default adjudication; \}/);
    expect(conf).toContain('location = /api/adjudication/meetings { proxy_pass http://$route_1; }');
    expect(conf).toContain('location /api/audit/ { proxy_pass http://audit; }');
    expect(conf).not.toContain('pid ');
    expect(conf).toContain('root /usr/share/nginx/html;');
  });
});

describe('the proxy serves the web console at / beside the API', () => {
  // Real nginx with the rendered configuration; the console's files are a small built tree, and
  // the services are not running, so a routed API path answers 502 from nginx's proxy_pass.
  let dir: string;
  let nginx: ManagedProcess;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nginx-console-'));
    chmodSync(dir, 0o777);
    const root = join(dir, 'console');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/index-Bx7qK2.js"></script>');
    writeFileSync(join(root, 'assets', 'index-Bx7qK2.js'), `console.log(${JSON.stringify('x'.repeat(2000))});`);
    const port = await freePort();
    const closed = await freePort();
    const down = Object.fromEntries(DEPLOYED_SERVICES.map((s) => [s, `127.0.0.1:${closed}`])) as Record<DeployedService, string>;
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, renderNginxConf({ listen: port, upstreams: down, runDir: dir, consoleRoot: root }));
    base = `http://127.0.0.1:${port}`;
    nginx = new ManagedProcess({ name: 'nginx', command: `${nginxBinary()} -p ${dir} -c ${conf} -g 'daemon off;'`, cwd: dir, env: { PATH: process.env['PATH'] ?? '' }, readyUrl: `${base}/index.html` });
    await nginx.start();
  });

  afterAll(async () => {
    await nginx?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, { headers });
    return { status: response.status, type: response.headers.get('content-type'), cache: response.headers.get('cache-control'), encoding: response.headers.get('content-encoding'), body: await response.text() };
  };

  it('sends the services’ policy with its own answers, connect-src only to itself when no identity provider is named', async () => {
    for (const path of ['/', '/assets/index-Bx7qK2.js', '/assets/index-gone.js', '/api/nothing']) {
      expect((await fetch(`${base}${path}`)).headers.get('content-security-policy')).toContain("connect-src 'self' ;object-src 'none';frame-ancestors 'none'");
    }
  });

  it('answers index.html, never cached without asking, at / and at every page path the console routes', async () => {
    for (const path of ['/', '/queue', '/cases/0b6f2c1e-1111-4222-8333-944445555666', '/auth/callback?code=x&state=y']) {
      expect(await get(path)).toMatchObject({ status: 200, type: 'text/html', cache: 'no-cache', body: expect.stringContaining('<div id="root">') });
    }
  });

  it('serves a hashed asset for a year, compressed, and a missing file as 404 rather than the page', async () => {
    expect(await get('/assets/index-Bx7qK2.js', { 'accept-encoding': 'gzip' })).toMatchObject({ status: 200, type: 'application/javascript', cache: 'public, max-age=31536000, immutable', encoding: 'gzip' });
    expect((await get('/assets/index-gone.js')).status).toBe(404);
    expect((await get('/assets/index-gone.js')).cache).toBeNull();
    expect((await get('/favicon.ico')).status).toBe(404);
  });

  it('keeps the API’s paths: routed ones go to their service, the others get the API’s JSON 404', async () => {
    expect((await get('/api/query/cases')).status).toBe(502);
    expect((await get('/api/auth/sign-in')).status).toBe(502);
    // Open311's resources end in .json or .xml, yet are the services', not the console's missing files.
    expect((await get('/open311/v2/services.json')).status).toBe(502);
    expect((await fetch(`${base}/open311/v2/requests.xml`, { method: 'POST' })).status).toBe(502);
    for (const path of ['/api/nothing', '/api', '/metrics']) {
      expect(await get(path)).toMatchObject({ status: 404, type: 'application/json', body: expect.stringContaining('"no service answers this path"') });
    }
  });

  it('passes the live case stream on unbuffered and keeps it open', () => {
    const conf = renderNginxConf({ listen: 8080, upstreams, consoleRoot: '/usr/share/nginx/html' });
    expect(conf).toContain('location = /api/query/cases/events { proxy_pass http://query; proxy_buffering off; proxy_cache off; proxy_read_timeout 1h; }');
    // Only the stream: every other answer is buffered as before.
    expect(conf.match(/proxy_buffering off/g)).toHaveLength(1);
  });
});

describe('the security headers of the proxy, through real nginx', () => {
  // One service answers with helmet-like headers of its own; the identity provider is named in the
  // file the proxy image's entrypoint writes from IDENTITY_PROVIDER.
  const POLICY = "default-src 'self';base-uri 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;font-src 'self' data:;connect-src 'self' https://login.example.org:8443;object-src 'none';frame-ancestors 'none';form-action 'self'";
  let dir: string;
  let nginx: ManagedProcess;
  let service: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nginx-headers-'));
    chmodSync(dir, 0o777);
    const root = join(dir, 'console');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'index-Bx7qK2.js'), 'console.log(1);');
    mkdirSync(join(dir, 'identity-provider'));
    writeFileSync(join(dir, 'identity-provider', 'identity-provider.map'), `${identityProviderMapLine('https://login.example.org:8443/realms/town')}\n`);
    service = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-security-policy': "default-src 'none'", 'x-frame-options': 'DENY' }).end('[]');
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    const servicePort = (service.address() as { port: number }).port;
    const closed = await freePort();
    const upstreams = Object.fromEntries(DEPLOYED_SERVICES.map((s) => [s, `127.0.0.1:${s === 'query' ? servicePort : closed}`])) as Record<DeployedService, string>;
    const port = await freePort();
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, renderNginxConf({ listen: port, upstreams, runDir: dir, consoleRoot: root }));
    base = `http://127.0.0.1:${port}`;
    nginx = new ManagedProcess({ name: 'nginx', command: `${nginxBinary()} -p ${dir} -c ${conf} -g 'daemon off;'`, cwd: dir, env: { PATH: process.env['PATH'] ?? '' }, readyUrl: `${base}/index.html` });
    await nginx.start();
  });

  afterAll(async () => {
    await nginx?.stop();
    await new Promise((resolve) => service?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends helmet’s set with the provider’s origin in connect-src on the console’s pages, files and nginx’s own errors', async () => {
    for (const [path, status] of [['/', 200], ['/queue', 200], ['/assets/index-Bx7qK2.js', 200], ['/assets/index-gone.js', 404], ['/favicon.ico', 404], ['/api/nothing', 404], ['/metrics', 404]] as const) {
      const response = await fetch(`${base}${path}`);
      expect({ path, status: response.status, csp: response.headers.get('content-security-policy') }).toEqual({ path, status, csp: POLICY });
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('passes a service’s own headers through alone: no second policy, nothing added', async () => {
    const response = await fetch(`${base}/api/query/cases`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBeNull();
  });
});

describe('nginx’s own errors, through real nginx', () => {
  // The query service is a stand-in that the test stops; the others are down from the start. What
  // nginx answers itself must read like every other answer: the error shape, the security headers.
  let dir: string;
  let nginx: ManagedProcess;
  let service: Server | undefined;
  let servicePort: number;
  let port: number;
  let base: string;

  const startService = async (handler: Parameters<typeof createServer>[1]) => {
    service = createServer(handler);
    await new Promise<void>((resolve) => service?.listen(servicePort, '127.0.0.1', resolve));
  };
  const stopService = async () => {
    const stopping = service;
    service = undefined;
    // nginx keeps idle connections to its upstreams: those go too, as when a service is killed.
    stopping?.closeAllConnections();
    await new Promise((resolve) => stopping?.close(resolve) ?? resolve(undefined));
  };
  /** What nginx answers to raw bytes: a request fetch would not send. */
  const raw = (request: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(request));
      let answer = '';
      socket.setEncoding('latin1').on('data', (chunk: string) => (answer += chunk));
      socket.on('end', () => resolve(answer)).on('error', reject);
    });
  const expectSecurityHeaders = (headers: Headers) => {
    expect(headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nginx-errors-'));
    chmodSync(dir, 0o777);
    const root = join(dir, 'console');
    mkdirSync(root);
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    servicePort = await freePort();
    const closed = await freePort();
    const upstreams = Object.fromEntries(DEPLOYED_SERVICES.map((s) => [s, `127.0.0.1:${s === 'query' ? servicePort : closed}`])) as Record<DeployedService, string>;
    port = await freePort();
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, renderNginxConf({ listen: port, upstreams, runDir: dir, consoleRoot: root }));
    base = `http://127.0.0.1:${port}`;
    nginx = new ManagedProcess({ name: 'nginx', command: `${nginxBinary()} -p ${dir} -c ${conf} -g 'daemon off;'`, cwd: dir, env: { PATH: process.env['PATH'] ?? '' }, readyUrl: `${base}/index.html` });
    await nginx.start();
  });

  afterEach(stopService);

  afterAll(async () => {
    await nginx?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a stopped service’s path with a 502 in the error shape, with the security headers and when to try again', async () => {
    await startService((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('[]'));
    expect((await fetch(`${base}/api/query/cases`)).status).toBe(200);
    await stopService();
    const response = await fetch(`${base}/api/query/cases`);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('retry-after')).toBe('5');
    expectSecurityHeaders(response.headers);
    expect(await response.json()).toEqual({ statusCode: 502, error: 'Bad Gateway', message: expect.stringContaining('did not answer'), details: [] });
  });

  it('passes a service’s own 503 through as the service wrote it', async () => {
    const own = { statusCode: 503, error: 'Service Unavailable', message: 'the event store is not reachable', details: [] };
    await startService((_request, response) => response.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' }).end(JSON.stringify(own)));
    const response = await fetch(`${base}/api/ready`);
    expect({ status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() }).toEqual({ status: 503, retryAfter: '1', body: own });
    expect(response.headers.get('content-security-policy')).toBeNull();
  });

  it('answers a body over its limit with a 413 in the error shape, before any service sees it', async () => {
    const response = await fetch(`${base}/api/intake/cases`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ description: 'x'.repeat(1_100_000) }) });
    expect(response.status).toBe(413);
    expectSecurityHeaders(response.headers);
    expect(await response.json()).toEqual({ statusCode: 413, error: 'Payload Too Large', message: expect.stringContaining('1mb'), details: [] });
  });

  it('answers a request it cannot read with a 400 in the error shape, and headers too large with a 431', async () => {
    const noHost = await raw('GET /api/query/cases HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(noHost).toMatch(/^HTTP\/1\.1 400 /);
    expect(noHost).toMatch(/\r\nX-Content-Type-Options: nosniff\r\n/i);
    expect(JSON.parse(noHost.slice(noHost.indexOf('\r\n\r\n') + 4))).toMatchObject({ statusCode: 400, error: 'Bad Request', details: [] });
    const tooLarge = await fetch(`${base}/api/query/cases`, { headers: { 'x-padding': 'x'.repeat(16_000) } });
    expect(tooLarge.status).toBe(431);
    expectSecurityHeaders(tooLarge.headers);
    expect(await tooLarge.json()).toMatchObject({ statusCode: 431, error: 'Request Header Fields Too Large', details: [] });
  });

  it('answers a missing file and a write to the console’s files in the error shape', async () => {
    const missing = await fetch(`${base}/assets/index-gone.js`);
    expect({ status: missing.status, body: await missing.json() }).toEqual({ status: 404, body: { statusCode: 404, error: 'Not Found', message: 'no file at this path', details: [] } });
    const written = await fetch(`${base}/index.html`, { method: 'POST', body: '{}' });
    expect({ status: written.status, allow: written.headers.get('allow'), body: await written.json() }).toMatchObject({ status: 405, allow: 'GET, HEAD', body: { statusCode: 405 } });
    expectSecurityHeaders(written.headers);
  });
});
