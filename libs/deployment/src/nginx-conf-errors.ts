/**
 * The answers nginx makes itself when a request never reaches a service, or a service never
 * answers it: in the API's error shape (API.md) rather than nginx's HTML, so that a client reading
 * `{ statusCode, error, message, details }` from every other answer can read these too. What a
 * service answers with these statuses passes through untouched (proxy_intercept_errors is off).
 */
export interface ProxyError {
  /** The status nginx gives the error (`error_page`); 494 is nginx's own for headers too large. */
  readonly caught: number;
  /** The status the client gets, in the body too. */
  readonly status: number;
  readonly error: string;
  readonly message: string;
  /** Seconds to wait before repeating: the service is restarting or overloaded, not the request wrong. */
  readonly retryAfter?: number;
}

/** The largest body the proxy passes on; each service's own limit (BODY_LIMIT) is smaller, and answers first. */
export const PROXY_BODY_LIMIT = '1m';

/** Not recorded or recorded once: a command repeated with its Idempotency-Key is never done twice. */
const REPEAT = 'repeat it with the same Idempotency-Key: a command the service did record is not recorded twice';
const RETRY_AFTER_SECONDS = 5;

export const PROXY_ERRORS: readonly ProxyError[] = [
  { caught: 400, status: 400, error: 'Bad Request', message: 'the proxy could not read the request as HTTP (its request line or headers)' },
  { caught: 404, status: 404, error: 'Not Found', message: 'no file at this path' },
  { caught: 405, status: 405, error: 'Method Not Allowed', message: 'the files of the web console are only read (GET, HEAD)' },
  { caught: 413, status: 413, error: 'Payload Too Large', message: `the request body is larger than the proxy passes on (${PROXY_BODY_LIMIT}b)` },
  { caught: 414, status: 414, error: 'URI Too Long', message: 'the path and query of the request are longer than the proxy reads' },
  { caught: 494, status: 431, error: 'Request Header Fields Too Large', message: 'the headers of the request are larger than the proxy reads' },
  { caught: 500, status: 500, error: 'Internal Server Error', message: 'the proxy failed to handle the request' },
  { caught: 502, status: 502, error: 'Bad Gateway', message: `the service behind this path did not answer (it may be restarting); ${REPEAT}`, retryAfter: RETRY_AFTER_SECONDS },
  { caught: 503, status: 503, error: 'Service Unavailable', message: `the service behind this path is not available right now; ${REPEAT}`, retryAfter: RETRY_AFTER_SECONDS },
  { caught: 504, status: 504, error: 'Gateway Timeout', message: `the service behind this path did not answer in time; ${REPEAT}`, retryAfter: RETRY_AFTER_SECONDS },
];

/**
 * The body, as nginx's `return` sends it: no quote, escape or variable of nginx's may appear in it,
 * and only ASCII, since nginx names no charset for application/json.
 */
export function proxyErrorBody(e: ProxyError): string {
  const body = JSON.stringify({ statusCode: e.status, error: e.error, message: e.message, details: [] });
  if (/['$\\]|[^\x20-\x7e]/.test(body)) throw new Error(`the proxy's ${e.status} body cannot be written into nginx's configuration: ${body}`);
  return body;
}

/** `error_page` lines for the server block, each to its named location. */
export function proxyErrorPages(indent: string): string[] {
  return PROXY_ERRORS.map((e) => `${indent}error_page ${e.caught}${e.caught === e.status ? '' : ` =${e.status}`} @error_${e.caught};`);
}

/** The named locations, each with the headers a service's answer carries (`security`, with `always`). */
export function proxyErrorLocations(indent: string, security: readonly string[]): string[] {
  return PROXY_ERRORS.flatMap((e) => [
    `${indent}location @error_${e.caught} {`,
    ...[
      ...security,
      ...(e.retryAfter === undefined ? [] : [`add_header Retry-After "${e.retryAfter}" always;`]),
      ...(e.status === 405 ? ['add_header Allow "GET, HEAD" always;'] : []),
      'default_type application/json;',
      `return ${e.status} '${proxyErrorBody(e)}';`,
    ].map((d) => `${indent}  ${d}`),
    `${indent}}`,
  ]);
}
