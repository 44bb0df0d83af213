import type { RequestHandler } from 'express';
import helmet from 'helmet';

export interface SecurityHeaderOptions {
  /** Origins besides the app's own that its pages may fetch from: the identity provider's token endpoint. */
  readonly connectSources?: readonly string[];
}

/**
 * The Content-Security-Policy of every response, the web console's pages and Swagger UI's
 * included. Scripts only from the app's own files (the console's build has no inline script);
 * styles inline too, since antd writes its CSS-in-JS into <style> elements at run time and
 * ECharts and Swagger UI set style attributes; images also from data: and blob: URLs (icons,
 * chart exports). No upgrade-insecure-requests: a plain-HTTP deployment (a pilot's LAN, the
 * tests) would lose its own files; TLS is the proxy's business.
 */
export function contentSecurityDirectives(options: SecurityHeaderOptions = {}): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(options.connectSources ?? [])],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
  };
}

/** helmet's headers (nosniff, frame denial, referrer policy, HSTS, …) with the policy above. */
export function securityHeaders(options: SecurityHeaderOptions = {}): RequestHandler {
  return helmet({ contentSecurityPolicy: { useDefaults: false, directives: contentSecurityDirectives(options) } });
}
