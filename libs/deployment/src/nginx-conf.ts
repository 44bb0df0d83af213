import { consoleSecurityHeaders, IDENTITY_PROVIDER_ORIGIN_VARIABLE } from './console-security-headers';
import { PROXY_BODY_LIMIT, proxyErrorLocations, proxyErrorPages } from './nginx-conf-errors';
import { DEPLOYED_SERVICES, ROUTES, type DeployedService } from './topology';

export interface NginxOptions {
  readonly listen: number;
  /** host:port of each service as the proxy reaches it */
  readonly upstreams: Readonly<Record<DeployedService, string>>;
  /** The web console's built files (services/console/dist; PROXY_CONSOLE_ROOT in the proxy image). */
  readonly consoleRoot: string;
  /**
   * For a proxy started by the local launcher: everything nginx writes (pid, logs, buffers) goes
   * under this directory instead of the system's. Left out for the image, which has its own.
   */
  readonly runDir?: string;
}

/**
 * The issuer's URL reaches nginx, which reads no environment, as a file: the proxy image's
 * entrypoint (the nginx image's envsubst of templates) writes PROXY_IDENTITY_PROVIDER_TEMPLATE
 * with PROXY_IDENTITY_PROVIDER_ENV into this directory. A proxy without the file (the local
 * launcher's) names no provider: connect-src stays 'self'.
 */
export const PROXY_IDENTITY_PROVIDER_DIR = '/etc/nginx/identity-provider';
export const PROXY_IDENTITY_PROVIDER_ENV = 'IDENTITY_PROVIDER';
export const PROXY_IDENTITY_PROVIDER_TEMPLATE = 'deploy/nginx/identity-provider.map.template';
/** The key the map of renderNginxConf looks up: the file gives it the issuer's URL. */
const ISSUER_KEY = 'issuer';

/** The template's line, or with a URL in place of the variable, the file envsubst makes of it. */
export function identityProviderMapLine(issuer = `\${${PROXY_IDENTITY_PROVIDER_ENV}}`): string {
  return `${ISSUER_KEY} "${issuer}";`;
}

const NOT_FOUND = JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'no service answers this path', details: [] });

/** The console's file types, written out so the configuration needs no mime.types file where it runs. */
const CONSOLE_TYPES = 'text/html html; text/css css; application/javascript js mjs; application/json json map; image/svg+xml svg; image/png png; image/x-icon ico; font/woff2 woff2; font/woff woff; text/plain txt';
/** Vite names what it builds under assets/ by content hash: a changed file gets a new name. */
const IMMUTABLE = 'add_header Cache-Control "public, max-age=31536000, immutable";';
const NO_CACHE = 'add_header Cache-Control "no-cache" always;';
/**
 * The services' security headers on every answer nginx makes itself. Repeated in each such
 * location, because a location with an add_header of its own inherits none from the server; left
 * out of the locations that proxy a service, which sends them itself (twice would be a second CSP).
 */
const SECURITY = consoleSecurityHeaders().map(([name, value]) => `add_header ${name} "${value}" always;`);

/** A location nginx answers itself, one directive a line: the header list is too long for one. */
function block(indent: string, head: string, directives: readonly string[]): string {
  return [`${indent}location ${head} {`, ...directives.map((d) => `${indent}  ${d}`), `${indent}}`].join('\n');
}

/**
 * The reverse proxy's configuration: one base URL in front of the seven services, rendered from
 * ROUTES so the local run, the compose file's nginx and the Kubernetes ingress route alike, and
 * the web console's files at `/` as the embedded process serves them (services/console/server):
 * hashed assets cached for a year, index.html never without asking, and index.html for every
 * other page path the console routes in the browser. Paths of the API no route serves keep the
 * API's JSON 404, and so does a missing file. What nginx answers itself carries the services'
 * security headers, its errors in the API's error shape too (a service down, a body too large:
 * nginx-conf-errors.ts); what a service answers carries its own.
 */
export function renderNginxConf(options: NginxOptions): string {
  const local = options.runDir;
  const lines: string[] = [
    '# Generated from libs/deployment/src/topology.ts (ROUTES): one base URL in front of the services.',
    ...(local ? [`pid ${local}/nginx.pid;`, `error_log ${local}/error.log warn;`] : []),
    'worker_processes 1;',
    'events { worker_connections 1024; }',
    'http {',
    ...(local
      ? [
          `  access_log off;`,
          `  client_body_temp_path ${local}/client_body;`,
          `  proxy_temp_path ${local}/proxy;`,
          `  fastcgi_temp_path ${local}/fastcgi;`,
          `  uwsgi_temp_path ${local}/uwsgi;`,
          `  scgi_temp_path ${local}/scgi;`,
        ]
      : []),
    '  # Each service answers an oversized body itself with a 413 in the API error shape.',
    `  client_max_body_size ${PROXY_BODY_LIMIT};`,
    '  proxy_http_version 1.1;',
    '  proxy_set_header Connection "";',
    '  proxy_set_header Host $host;',
    '  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '  proxy_set_header X-Forwarded-Proto $scheme;',
    '  proxy_read_timeout 60s;',
    `  types { ${CONSOLE_TYPES}; }`,
    '  default_type application/octet-stream;',
    '  gzip on;',
    '  gzip_types text/css application/javascript application/json image/svg+xml;',
    // The issuer's URL (from the included file, if any), and its origin for the console's connect-src.
    `  map ${ISSUER_KEY} $identity_provider { default ""; include ${local ? `${local}/identity-provider` : PROXY_IDENTITY_PROVIDER_DIR}/*.map; }`,
    `  map $identity_provider ${IDENTITY_PROVIDER_ORIGIN_VARIABLE} { "~^(?<issuer_origin>https?://[^/]+)" $issuer_origin; default ""; }`,
  ];
  for (const service of DEPLOYED_SERVICES) {
    // Shorter than Node's 5 s keep-alive, so nginx never reuses a connection the service is closing.
    lines.push(`  upstream ${service} { server ${options.upstreams[service]}; keepalive 16; keepalive_timeout 4s; }`);
  }
  ROUTES.forEach((route, i) => {
    if (route.readsGoTo) {
      lines.push(`  map $request_method $route_${i} { GET ${route.readsGoTo}; HEAD ${route.readsGoTo}; default ${route.service}; }`);
    }
  });
  lines.push('  server {', `    listen ${options.listen};`, `    root ${options.consoleRoot};`, ...proxyErrorPages('    '));
  ROUTES.forEach((route, i) => {
    const target = route.readsGoTo ? `$route_${i}` : route.service;
    // Server-sent events: no buffering, so each event reaches the browser when it is sent, and no
    // read timeout shorter than the stream's life (its heartbeats come every 15 s anyway).
    const streaming = route.stream ? ' proxy_buffering off; proxy_cache off; proxy_read_timeout 1h;' : '';
    lines.push(`    location ${route.exact ? '= ' : ''}${route.path} { proxy_pass http://${target};${streaming} }`);
  });
  const notFound = [...SECURITY, 'default_type application/json;', `return 404 '${NOT_FOUND}';`];
  // A path with an extension is a file: missing, it is a 404, not the console's page.
  const file = block('      ', '~ \\.[A-Za-z0-9]+$', [NO_CACHE, ...SECURITY, 'try_files $uri =404;']);
  lines.push(
    block('    ', '/api/', notFound),
    block('    ', '= /api', notFound),
    block('    ', '= /metrics', notFound),
    block('    ', '/assets/', [IMMUTABLE, ...SECURITY, 'try_files $uri =404;']),
    block('    ', '= /index.html', [NO_CACHE, ...SECURITY]),
    block('    ', '/', [NO_CACHE, ...SECURITY, 'try_files $uri /index.html;', file.trimStart()]),
    ...proxyErrorLocations('    ', SECURITY),
    '  }',
    '}',
    '',
  );
  return lines.join('\n');
}
