import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_DIST } from './console-build';

/** Paths the API owns (Open311's beside it): the console never answers them, so they keep their JSON answers (404s included). */
function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path === '/metrics' || path.startsWith('/open311/');
}

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>四级吹哨</title>
<p>控制台尚未构建：请运行 <code>npm run build:console</code>，或用 <code>npm start</code> 启动（会先构建）。</p>
<p lang="en">The console has not been built: run <code>npm run build:console</code>, or start with <code>npm start</code> (which builds it first).</p></html>`;

/**
 * Serves the web console at `/` from its built files: the hashed assets with a long cache life,
 * and index.html for every other page path (the console routes in the browser). Call before
 * listen, so the API's own not-found answer stays last.
 */
export function serveConsole(app: NestExpressApplication, dist: string = CONSOLE_DIST): void {
  app.useStaticAssets(dist, {
    index: false,
    setHeaders: (res, path) => res.setHeader('cache-control', path.includes(`${join(dist, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const indexHtml = join(dist, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    // A missing file (a path with an extension) stays a 404 rather than a page.
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path) || /\.[a-z0-9]+$/i.test(req.path)) return next();
    if (!existsSync(indexHtml)) {
      res.status(503).type('html').send(NOT_BUILT);
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(indexHtml);
  });
}
