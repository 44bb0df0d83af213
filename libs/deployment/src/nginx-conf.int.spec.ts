import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nginxBinary } from './launcher/distributed-system';
import { renderNginxConf } from './nginx-conf';
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
    ['GET', '/api/query/cases/c1', 'query'],
    ['GET', '/api/query/cases/events', 'query'],
    ['GET', '/api/query/stats', 'query'],
    ['GET', '/api/catalogue', 'query'],
    ['GET', '/api/audit/cases/c1/history', 'audit'],
    ['POST', '/api/audit/verify', 'audit'],
    ['GET', '/api/ready', 'query'],
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
      writeFileSync(conf, renderNginxConf({ listen: 18080, upstreams, runDir: dir }));
      const out = execFileSync(nginxBinary(), ['-t', '-p', dir, '-c', conf], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(out).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sends the two shared list paths by method, and everything else by path', () => {
    const conf = renderNginxConf({ listen: 8080, upstreams });
    expect(conf).toContain('location = /api/enforcement/tasks { proxy_pass http://query; }');
    expect(conf).toMatch(/map \$request_method \$route_1 \{ GET query; HEAD query; default adjudication; \}/);
    expect(conf).toContain('location = /api/adjudication/meetings { proxy_pass http://$route_1; }');
    expect(conf).toContain('location /api/audit/ { proxy_pass http://audit; }');
    expect(conf).not.toContain('pid ');
  });

  it('passes the live case stream on unbuffered and keeps it open', () => {
    const conf = renderNginxConf({ listen: 8080, upstreams });
    expect(conf).toContain('location = /api/query/cases/events { proxy_pass http://query; proxy_buffering off; proxy_cache off; proxy_read_timeout 1h; }');
    // Only the stream: every other answer is buffered as before.
    expect(conf.match(/proxy_buffering off/g)).toHaveLength(1);
  });
});
