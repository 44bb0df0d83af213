import { STATUS_CODES } from 'node:http';
import { PROXY_ERRORS, proxyErrorBody, proxyErrorLocations, proxyErrorPages } from './nginx-conf-errors';

// Every error nginx answers itself, in the error shape of API.md: the real nginx of
// nginx-conf.int.spec.ts shows some of them; this holds each one to the shape.
describe('the proxy’s own errors', () => {
  it.each(PROXY_ERRORS.map((e) => [e.caught, e] as const))('%s: its status, the reason phrase, a message, no details', (_caught, e) => {
    expect(JSON.parse(proxyErrorBody(e))).toEqual({ statusCode: e.status, error: STATUS_CODES[e.status], message: e.message, details: [] });
  });

  it('the 5xx that a service being down or slow gives say when to try again; nothing else does', () => {
    expect(PROXY_ERRORS.filter((e) => e.retryAfter !== undefined).map((e) => e.status)).toEqual([502, 503, 504]);
  });

  it('one error_page and one named location with the given headers for each', () => {
    const locations = proxyErrorLocations('', ['add_header X-Test "1" always;']).join('\n');
    expect(proxyErrorPages('')).toContain('error_page 494 =431 @error_494;');
    for (const e of PROXY_ERRORS) {
      expect(proxyErrorPages('')).toContain(`error_page ${e.caught}${e.caught === e.status ? '' : ` =${e.status}`} @error_${e.caught};`);
      expect(locations).toContain(`location @error_${e.caught} {\n  add_header X-Test "1" always;`);
      expect(locations).toContain(`return ${e.status} '${proxyErrorBody(e)}';`);
    }
  });

  it('refuses a body nginx would misread: a quote, a variable, or text beyond ASCII', () => {
    for (const message of ["it's", 'costs $5', 'the caller’s']) expect(() => proxyErrorBody({ caught: 500, status: 500, error: 'Internal Server Error', message })).toThrow(/cannot be written/);
  });
});
