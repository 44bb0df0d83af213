import { Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { DEVELOPMENT_JWT_SECRET, signToken, type Principal } from '@whistle/auth';
import { HttpPlatformModule, InMemoryIdempotencyStore, configureHttpApp, createLogger } from '@whistle/http';
import type { QueryDependencies } from '../query.dependencies';
import { QueryModule } from '../query.module';

export interface Answer {
  readonly status: number;
  // Tests read into the JSON freely; a wrong guess fails the assertion that follows.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

export interface QueryApp {
  get(path: string, as?: Principal): Promise<Answer>;
  close(): Promise<void>;
}

/** The read side's routes on a real HTTP server on a free port, with the platform a host installs. */
export async function startQueryApp(deps: QueryDependencies): Promise<QueryApp> {
  @Module({
    imports: [
      HttpPlatformModule.forRoot({
        auth: { mode: 'secret', secret: DEVELOPMENT_JWT_SECRET },
        logger: createLogger({ service: 'query-test', level: 'silent' }),
        idempotencyStore: new InMemoryIdempotencyStore(),
      }),
      QueryModule.register(deps),
    ],
  })
  class QueryTestModule {}

  const moduleRef = await Test.createTestingModule({ imports: [QueryTestModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return {
    async get(path, as) {
      const headers: Record<string, string> = as ? { authorization: `Bearer ${signToken(as, { secret: DEVELOPMENT_JWT_SECRET, expiresIn: '5m' })}` } : {};
      const response = await fetch(`${url}${path}`, { headers });
      return { status: response.status, body: JSON.parse(await response.text()) as unknown };
    },
    close: () => app.close(),
  };
}
