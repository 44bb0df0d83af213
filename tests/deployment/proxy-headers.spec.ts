import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { contentSecurityDirectives } from '@whistle/http';
import { K8S_DIR, NGINX_CONF_FILE } from '@whistle/deployment';

// The committed proxy configurations, as compose mounts it and as the Kubernetes ConfigMap carries it.
const ROOT = join(__dirname, '..', '..');
const composeConf = readFileSync(join(ROOT, NGINX_CONF_FILE), 'utf8');
const k8sConf = (() => {
  const documents = parseAllDocuments(readFileSync(join(ROOT, K8S_DIR, '30-proxy.yaml'), 'utf8')).map((d) => d.toJS() as { kind?: string; data?: Record<string, string> });
  const conf = documents.find((d) => d.kind === 'ConfigMap')?.data?.['nginx.conf'];
  if (!conf) throw new Error(`${K8S_DIR}/30-proxy.yaml carries no nginx.conf`);
  return conf;
})();

/** helmet's headers as the services send them (libs/http's securityHeaders), written out here so a change to either side shows. */
const HELMET_HEADERS = [
  'Content-Security-Policy',
  'Cross-Origin-Opener-Policy',
  'Cross-Origin-Resource-Policy',
  'Origin-Agent-Cluster',
  'Referrer-Policy',
  'Strict-Transport-Security',
  'X-Content-Type-Options',
  'X-DNS-Prefetch-Control',
  'X-Download-Options',
  'X-Frame-Options',
  'X-Permitted-Cross-Domain-Policies',
  'X-XSS-Protection',
];

/** The services' policy, with the identity provider's origin as the nginx variable the proxy fills in. */
const POLICY = Object.entries(contentSecurityDirectives({ connectSources: ['$identity_provider_origin'] }))
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join(';');

interface Location {
  readonly match: string;
  /** Its own directives, without those of the locations nested in it. */
  readonly directives: readonly string[];
}

/** Every location block of a configuration, nested ones included; quoted text may hold braces (the JSON 404). */
function locationsOf(conf: string): Location[] {
  const found: Location[] = [];
  const pattern = /location\s+([^{]+?)\s*\{/g;
  for (let m = pattern.exec(conf); m !== null; m = pattern.exec(conf)) {
    let depth = 1;
    let own = '';
    let i = m.index + m[0].length;
    for (; i < conf.length && depth > 0; i++) {
      const c = conf[i] as string;
      if (c === "'" || c === '"') {
        const end = conf.indexOf(c, i + 1);
        if (depth === 1) own += conf.slice(i, end + 1);
        i = end;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (depth === 1) own += c;
    }
    // Directives end at a semicolon outside quotes: the policy's own semicolons are inside them.
    const directives = own.match(/(?:[^;'"]|'[^']*'|"[^"]*")+/g) ?? [];
    found.push({ match: m[1] as string, directives: directives.map((d) => d.trim().replace(/\s+/g, ' ')).filter(Boolean) });
  }
  return found;
}

const addedHeaders = (location: Location) => location.directives.filter((d) => d.startsWith('add_header '));

describe.each([
  ['deploy/nginx/nginx.conf (compose)', composeConf],
  ['the ConfigMap proxy-nginx (Kubernetes)', k8sConf],
])('the proxy of %s', (_where, conf) => {
  const locations = locationsOf(conf);
  const answeredByNginx = locations.filter((l) => !l.directives.some((d) => d.startsWith('proxy_pass ')));

  it('answers the console’s files and its own pages in the locations this test knows', () => {
    // Its error pages (a service down, a body too large: nginx-conf-errors.ts) are named locations.
    const errorPages = [400, 404, 405, 413, 414, 494, 500, 502, 503, 504].map((status) => `@error_${status}`);
    expect(answeredByNginx.map((l) => l.match).sort()).toEqual(['/', '/api/', '/assets/', '= /api', '= /index.html', '= /metrics', '~ \\.[A-Za-z0-9]+$', ...errorPages].sort());
  });

  it('sends the services’ security headers, always (its error pages too), from every location it answers itself', () => {
    for (const location of answeredByNginx) {
      const headers = addedHeaders(location);
      for (const name of HELMET_HEADERS) {
        const lines = headers.filter((h) => h.startsWith(`add_header ${name} `));
        expect({ location: location.match, name, lines: lines.length, always: lines.every((h) => h.endsWith(' always')) }).toEqual({ location: location.match, name, lines: 1, always: true });
      }
      expect(headers).toContain(`add_header Content-Security-Policy "${POLICY}" always`);
    }
  });

  it('adds nothing where a service answers, which sends its own headers (never a second policy)', () => {
    const proxied = locations.filter((l) => l.directives.some((d) => d.startsWith('proxy_pass ')));
    expect(proxied.length).toBeGreaterThan(10);
    for (const location of proxied) expect({ location: location.match, headers: addedHeaders(location) }).toEqual({ location: location.match, headers: [] });
    // Nor at the level of the server or http, which those locations would inherit.
    const outside = conf.replace(/location\s+[^{]+\{(?:[^{}'"]|'[^']*'|"[^"]*"|\{(?:[^{}'"]|'[^']*'|"[^"]*")*\})*\}/g, '');
    expect(outside).not.toMatch(/add_header/);
  });

  it('fills connect-src with the origin of the issuer the proxy is given', () => {
    expect(conf).toContain('map issuer $identity_provider { default ""; include /etc/nginx/identity-provider/*.map; }');
    expect(conf).toContain('map $identity_provider $identity_provider_origin { "~^(?<issuer_origin>https?://[^/]+)" $issuer_origin; default ""; }');
  });
});

describe('the issuer reaches the proxy image', () => {
  it('as IDENTITY_PROVIDER from JWT_ISSUER in compose and Kubernetes, written by the image’s entrypoint where nginx.conf includes it', () => {
    const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
    expect(compose).toMatch(/\n {2}proxy:\n(?: {4}.*\n)*? {4}environment:\n {6}IDENTITY_PROVIDER: "\$\{JWT_ISSUER:\?/);
    expect(readFileSync(join(ROOT, K8S_DIR, '30-proxy.yaml'), 'utf8')).toMatch(/- name: IDENTITY_PROVIDER\n\s+valueFrom:\n\s+secretKeyRef:\n\s+name: whistle-jwt\n\s+key: JWT_ISSUER\n/);
    const dockerfile = readFileSync(join(ROOT, 'deploy', 'Dockerfile'), 'utf8');
    const proxyStage = dockerfile.slice(dockerfile.indexOf(' AS proxy'));
    expect(proxyStage).toContain('NGINX_ENVSUBST_OUTPUT_DIR=/etc/nginx/identity-provider');
    expect(proxyStage).toContain('COPY deploy/nginx/identity-provider.map.template /etc/nginx/templates/identity-provider.map.template');
    expect(readFileSync(join(ROOT, 'deploy', 'nginx', 'identity-provider.map.template'), 'utf8')).toMatch(/\nissuer "\$\{IDENTITY_PROVIDER\}";\n$/);
  });
});
