import { Module, type DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { DEVELOPMENT_JWT_SECRET, signToken, type Principal } from '@whistle/auth';
import { configureHttpApp } from '../configure-http-app';
import { HttpPlatformModule } from '../http-platform.module';
import { InMemoryIdempotencyStore } from '../idempotency/in-memory-idempotency.store';
import { createLogger } from '../logging/logger.factory';

export interface Answer {
  readonly status: number;
  // Tests read into the JSON freely; a wrong guess fails the assertion that follows.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
  readonly headers: Headers;
}

export interface ModuleApp {
  readonly url: string;
  /** Sends as `as` (a development token), with a JSON body when one is given, and any other headers; the answer's JSON parsed (null when empty). */
  send(method: 'GET' | 'POST', path: string, as?: Principal, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  close(): Promise<void>;
}

/** A service's HTTP modules on a real server on a free port, with the platform a host installs (auth, errors, idempotency). */
export async function startModuleApp(name: string, modules: readonly DynamicModule[]): Promise<ModuleApp> {
  @Module({
    imports: [
      HttpPlatformModule.forRoot({
        auth: { mode: 'secret', secret: DEVELOPMENT_JWT_SECRET },
        logger: createLogger({ service: `${name}-test`, level: 'silent' }),
        idempotencyStore: new InMemoryIdempotencyStore(),
      }),
      ...modules,
    ],
  })
  class ModuleTestApp {}

  const moduleRef = await Test.createTestingModule({ imports: [ModuleTestApp] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return {
    url,
    async send(method, path, as, body, extra = {}) {
      const headers: Record<string, string> = { ...extra };
      if (as) headers['authorization'] = `Bearer ${signToken(as, { secret: DEVELOPMENT_JWT_SECRET, expiresIn: '5m' })}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      // Parsed here rather than by fetch, so the objects are this realm's plain objects, as canonicalJson requires.
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, headers: response.headers };
    },
    close: () => app.close(),
  };
}

export { openEventStream, type EventStreamReader, type StreamedEvent } from './event-stream';
