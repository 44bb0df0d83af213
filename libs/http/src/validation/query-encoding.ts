import { isUtf8 } from 'node:buffer';
import type { NextFunction, Request, Response } from 'express';
import { InvalidRequest } from '../errors/http-errors';

const ESCAPED_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

/**
 * Refuses a query whose percent-escapes are not UTF-8 (`?reason=%FF`), before anything reads it:
 * the query parser turns such bytes into U+FFFD, which a free-text parameter (a reason for reading
 * personal data) would otherwise carry into the audit trail for good. Malformed escapes (`%ZZ`)
 * are left to the parser, which already refuses them.
 */
export function queryEncodingMiddleware(request: Request, _response: Response, next: NextFunction): void {
  const url = request.originalUrl ?? request.url;
  const start = url.indexOf('?');
  if (start < 0 || !url.includes('%', start)) return next();
  for (const pair of url.slice(start + 1).split('&')) {
    for (const run of pair.match(ESCAPED_RUN) ?? []) {
      if (isUtf8(Buffer.from(run.replace(/%/g, ''), 'hex'))) continue;
      const name = pair.split('=', 1)[0] ?? '';
      const field = isUtf8(Buffer.from((name.match(ESCAPED_RUN) ?? []).join('').replace(/%/g, ''), 'hex')) ? safeName(name) : 'query';
      return next(new InvalidRequest([{ field, message: `${field} is not valid UTF-8 once its percent-escapes are decoded (${run.slice(0, 24)})` }]));
    }
  }
  next();
}

function safeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')) || 'query';
  } catch {
    return 'query';
  }
}
