import { type DynamicModule, Module, type Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { DEVELOPMENT_JWT_SECRET, type Principal, signToken } from '@whistle/auth';
import { configureHttpApp, type HttpAppOptions } from '../configure-http-app';
import type { ReadinessCheck } from '../health/readiness.registry';
import { HttpPlatformModule } from '../http-platform.module';
import type { IdempotencyStore } from '../idempotency/idempotency.store';
import { InMemoryIdempotencyStore } from '../idempotency/in-memory-idempotency.store';
import { createLogger } from '../logging/logger.factory';

export type LogLine = Record<string, unknown>;

export interface TestApp {
  readonly url: string;
  /** Every JSON line the app logged, parsed. */
  readonly logs: LogLine[];
  readonly app: NestExpressApplication;
  token(principal: Principal): string;
  close(): Promise<void>;
}

export interface TestAppOptions extends HttpAppOptions {
  readonly controllers: Type[];
  readonly readinessChecks?: Record<string, ReadinessCheck>;
  /** Where first responses are kept: a new in-memory store when left out. */
  readonly idempotencyStore?: IdempotencyStore;
}

/** A real HTTP server on a free port with the whole platform installed, as a service would have it. */
export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const logs: LogLine[] = [];
  const logger = createLogger({
    service: 'test',
    level: 'info',
    destination: { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) },
  });
  const platform: DynamicModule = HttpPlatformModule.forRoot({
    auth: { mode: 'secret', secret: DEVELOPMENT_JWT_SECRET },
    logger,
    idempotencyStore: options.idempotencyStore ?? new InMemoryIdempotencyStore(),
    ...(options.readinessChecks === undefined ? {} : { readinessChecks: options.readinessChecks }),
  });

  @Module({ imports: [platform], controllers: options.controllers })
  class TestModule {}

  const moduleRef = await Test.createTestingModule({ imports: [TestModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  configureHttpApp(app, options);
  await app.listen(0, '127.0.0.1');
  return {
    url: await app.getUrl(),
    logs,
    app,
    token: (principal) => signToken(principal, { secret: DEVELOPMENT_JWT_SECRET, expiresIn: '5m' }),
    close: () => app.close(),
  };
}
