import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { HttpPlatformModule, configureHttpApp, type IdempotencyStore, type ReadinessCheck } from '@whistle/http';
import { verifyOptionsOf, type HttpSettings } from './settings';

export interface ServeHttpOptions {
  readonly settings: HttpSettings;
  readonly modules: readonly DynamicModule[];
  readonly logger: Logger;
  readonly idempotencyStore: IdempotencyStore;
  readonly readiness: Readonly<Record<string, ReadinessCheck>>;
  /** Express middleware to add before the app listens, after the platform's own (e.g. the web console's files). */
  readonly beforeListen?: (app: NestExpressApplication) => void;
}

/** One NestJS app on settings.PORT with the shared platform (auth, idempotency, health, metrics) and the given modules. */
export async function serveHttp(options: ServeHttpOptions): Promise<NestExpressApplication> {
  const { settings } = options;

  @Module({})
  class AppModule {
    static compose(): DynamicModule {
      return {
        module: AppModule,
        imports: [
          HttpPlatformModule.forRoot({ auth: verifyOptionsOf(settings), logger: options.logger, idempotencyStore: options.idempotencyStore, readinessChecks: options.readiness }),
          ...options.modules,
        ],
      };
    }
  }

  const app = await NestFactory.create<NestExpressApplication>(AppModule.compose(), { bodyParser: false, bufferLogs: true });
  configureHttpApp(app, {
    bodyLimit: settings.BODY_LIMIT,
    ...(settings.RATE_LIMIT_PER_MINUTE > 0 ? { rateLimit: { requestsPerMinute: settings.RATE_LIMIT_PER_MINUTE } } : {}),
  });
  options.beforeListen?.(app);
  // The process's own SIGTERM/SIGINT handler closes the app, after which it closes what it started.
  await app.listen(settings.PORT);
  return app;
}
