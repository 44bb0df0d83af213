import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { MethodNotAllowed } from '../errors/http-errors';

/** What express's router keeps of a route (router 2's Layer and Route), as far as this reads it. */
interface RouteLayer {
  match(path: string): unknown;
  readonly route?: { readonly methods: Readonly<Record<string, boolean | undefined>> };
}

/**
 * A path some route serves, asked with a method none of them takes, answers 405 with `Allow`
 * (RFC 9110 §15.5.6) instead of the 404 that said the path did not exist; OPTIONS answers 204
 * with `Allow`. The table is the app's own routes, read from its router at the first request
 * (every route is registered by then), so it cannot drift from them. A path no route serves goes
 * on to its 404.
 */
export function createMethodNotAllowedMiddleware(app: NestExpressApplication): RequestHandler {
  let routes: readonly RouteLayer[] | null = null;
  return (request: Request, response: Response, next: NextFunction) => {
    routes ??= routeLayersOf(app);
    const allowed = otherMethodsOf(routes, request.path, request.method);
    if (allowed === null) return next();
    response.setHeader('Allow', allowed.join(', '));
    if (request.method === 'OPTIONS') {
      response.status(204).end();
      return;
    }
    next(new MethodNotAllowed(request.method, request.path, allowed));
  };
}

function routeLayersOf(app: NestExpressApplication): readonly RouteLayer[] {
  // express types the layers without `match`, which router 2 has (Layer.prototype.match).
  const router = (app.getHttpAdapter().getInstance() as unknown as { router: { stack: RouteLayer[] } }).router;
  return router.stack.filter((layer) => layer.route !== undefined);
}

/** null when a route takes the method or no route has the path; else the methods the path's routes take. */
function otherMethodsOf(routes: readonly RouteLayer[], path: string, method: string): string[] | null {
  const name = method.toLowerCase();
  const allowed = new Set<string>();
  for (const layer of routes) {
    const methods = layer.route?.methods ?? {};
    if (!layer.match(path)) continue;
    if (methods['_all'] || methods[name] || (name === 'head' && methods['get'])) return null;
    for (const [each, on] of Object.entries(methods)) if (on) allowed.add(each.toUpperCase());
    if (methods['get']) allowed.add('HEAD');
  }
  if (allowed.size === 0) return null;
  allowed.add('OPTIONS');
  return [...allowed].sort();
}
