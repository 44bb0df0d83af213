import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { type ApiDocsOptions, type CatalogueIds, HttpPlatformModule, configureHttpApp, type IdempotencyStore, type ReadinessCheck } from '@whistle/http';
import type { CatalogueIndex } from '@whistle/catalogue';
import type { Clock } from '@whistle/kernel';
import { metricsAccessOf, type HttpSettings } from './settings';
import { SignInModule } from './sign-in/sign-in.module';
import { resolveTokenChecks, type TokenChecks } from './sign-in/token-checks';

export interface ServeHttpOptions {
  readonly settings: HttpSettings;
  readonly modules: readonly DynamicModule[];
  readonly logger: Logger;
  readonly idempotencyStore: IdempotencyStore;
  readonly readiness: Readonly<Record<string, ReadinessCheck>>;
  /** What `GET /api/auth/sign-in` and the development sign-in answer from. */
  readonly signIn: { readonly catalogue: CatalogueIndex; readonly clock: Clock };
  /** Token checks resolved already (a test's); read from the settings, the identity provider asked, when left out. */
  readonly tokenChecks?: TokenChecks;
  /** Express middleware to add before the app listens, after the platform's own (e.g. the web console's files). */
  readonly beforeListen?: (app: NestExpressApplication) => void;
  /** What /api/docs-json serves when not the app's own document (the distributed mode's merged one). */
  readonly docs?: ApiDocsOptions;
}

/**
 * One NestJS app on settings.PORT with the shared platform (auth, idempotency, health, metrics),
 * how to sign in (`/api/auth/sign-in`, and `/api/dev/sign-in` with the development secret) and
 * the given modules.
 */
export async function serveHttp(options: ServeHttpOptions): Promise<NestExpressApplication> {
  const { settings } = options;
  const checks = options.tokenChecks ?? (await resolveTokenChecks(settings));
  const signIn = SignInModule.register({
    method: checks.signIn,
    catalogue: options.signIn.catalogue,
    clock: options.signIn.clock,
    ...(checks.verify.mode === 'secret' ? { developmentSecret: checks.verify.secret } : {}),
  });

  @Module({})
  class AppModule {
    static compose(): DynamicModule {
      return {
        module: AppModule,
        imports: [
          HttpPlatformModule.forRoot({ auth: checks.verify, logger: options.logger, idempotencyStore: options.idempotencyStore, readinessChecks: options.readiness }),
          signIn,
          ...options.modules,
        ],
      };
    }
  }

  const app = await NestFactory.create<NestExpressApplication>(AppModule.compose(), { bodyParser: false, bufferLogs: true });
  configureHttpApp(app, {
    bodyLimit: settings.BODY_LIMIT,
    metrics: metricsAccessOf(settings),
    // The console fetches tokens from the identity provider's token endpoint itself.
    securityHeaders: { connectSources: checks.signIn.tokenEndpoint ? [new URL(checks.signIn.tokenEndpoint).origin] : [] },
    ...(settings.RATE_LIMIT_PER_MINUTE > 0 ? { rateLimit: { requestsPerMinute: settings.RATE_LIMIT_PER_MINUTE } } : {}),
    ...(options.docs ? { docs: options.docs } : {}),
    catalogueIds: catalogueIdsOf(options.signIn.catalogue),
  });
  options.beforeListen?.(app);
  // The process's own SIGTERM/SIGINT handler closes the app, after which it closes what it started.
  await app.listen(settings.PORT);
  return app;
}

/** What the app checks request ids against and its document declares: the catalogue in force, read at each request (it changes while the system runs). */
export function catalogueIdsOf(catalogue: CatalogueIndex): CatalogueIds {
  return {
    get compounds() {
      return catalogue.ids('compounds');
    },
    get categories() {
      return catalogue.ids('categories');
    },
    get units() {
      return catalogue.ids('units');
    },
    get stations() {
      return catalogue.ids('stations');
    },
    get communities() {
      return catalogue.ids('communities');
    },
  };
}
