import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { createTokenVerifier, type VerifyOptions } from '@whistle/auth';
import type { Logger } from 'pino';
import { AuthGuard } from './auth/auth.guard';
import { TOKEN_VERIFIER } from './auth/token-verifier';
import { ConsistencyInterceptor } from './consistency/consistency.interceptor';
import { HealthController } from './health/health.controller';
import { type ReadinessCheck, ReadinessRegistry } from './health/readiness.registry';
import { IDEMPOTENCY_STORE, LOGGER, VERIFY_OPTIONS } from './http.tokens';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import type { IdempotencyStore } from './idempotency/idempotency.store';
import { MetricsController } from './metrics/metrics.controller';
import { Metrics } from './metrics/metrics';

export interface HttpPlatformOptions {
  readonly auth: VerifyOptions;
  readonly logger: Logger;
  readonly idempotencyStore: IdempotencyStore;
  /** A registry to share; a new one when left out. */
  readonly metrics?: Metrics;
  /** Checks known at start; modules may add theirs to the ReadinessRegistry later. */
  readonly readinessChecks?: Readonly<Record<string, ReadinessCheck>>;
}

/**
 * What every service's HTTP side shares: the global AuthGuard, the After-Position / Prefer: wait
 * reader and the Idempotency-Key interceptor,
 * /api/health, /api/ready and /metrics. Import it once, in the app's root module.
 */
@Module({})
export class HttpPlatformModule {
  static forRoot(options: HttpPlatformOptions): DynamicModule {
    const readiness = new ReadinessRegistry();
    for (const [name, check] of Object.entries(options.readinessChecks ?? {})) readiness.register(name, check);
    return {
      module: HttpPlatformModule,
      global: true,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: VERIFY_OPTIONS, useValue: options.auth },
        // Made here, once: bad options stop the start, and the guard and the rate limiter share its cache.
        { provide: TOKEN_VERIFIER, useFactory: () => createTokenVerifier(options.auth) },
        { provide: LOGGER, useValue: options.logger },
        { provide: IDEMPOTENCY_STORE, useValue: options.idempotencyStore },
        { provide: Metrics, useValue: options.metrics ?? new Metrics() },
        { provide: ReadinessRegistry, useValue: readiness },
        { provide: APP_GUARD, useClass: AuthGuard },
        // Outside the idempotency interceptor, so a replayed answer gets its Position header too.
        { provide: APP_INTERCEPTOR, useClass: ConsistencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [VERIFY_OPTIONS, TOKEN_VERIFIER, LOGGER, IDEMPOTENCY_STORE, Metrics, ReadinessRegistry],
    };
  }
}
