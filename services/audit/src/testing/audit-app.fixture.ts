import { Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { DEVELOPMENT_JWT_SECRET, signToken, type Principal } from '@whistle/auth';
import { HttpPlatformModule, InMemoryIdempotencyStore, configureHttpApp, createLogger } from '@whistle/http';
import type { AuditDependencies } from '../audit.dependencies';
import { AuditModule } from '../audit.module';

export interface Answer {
  readonly status: number;
  // Tests read into the JSON freely; a wrong guess fails the assertion that follows.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

export interface AuditApp {
  get(path: string, as?: Principal): Promise<Answer>;
  post(path: string, body: unknown, as?: Principal): Promise<Answer>;
  close(): Promise<void>;
}

/** The audit's routes on a real HTTP server on a free port, with the platform a host installs. */
export async function startAuditApp(deps: AuditDependencies): Promise<AuditApp> {
  @Module({
    imports: [
      HttpPlatformModule.forRoot({
        auth: { mode: 'secret', secret: DEVELOPMENT_JWT_SECRET },
        logger: createLogger({ service: 'audit-test', level: 'silent' }),
        idempotencyStore: new InMemoryIdempotencyStore(),
      }),
      AuditModule.register(deps),
    ],
  })
  class AuditTestModule {}

  const moduleRef = await Test.createTestingModule({ imports: [AuditTestModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const send = async (path: string, init: RequestInit, as?: Principal): Promise<Answer> => {
    const headers = new Headers(init.headers);
    if (as) headers.set('authorization', `Bearer ${signToken(as, { secret: DEVELOPMENT_JWT_SECRET, expiresIn: '5m' })}`);
    const response = await fetch(`${url}${path}`, { ...init, headers });
    // Parsed here rather than by fetch, so the objects are this realm's plain objects, as canonicalJson requires.
    return { status: response.status, body: JSON.parse(await response.text()) as unknown };
  };
  return {
    get: (path, as) => send(path, {}, as),
    post: (path, body, as) =>
      send(path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) }, as),
    close: () => app.close(),
  };
}
