import { type DynamicModule, Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { Metrics, ReadinessRegistry } from '@whistle/http';
import { AUDIT, type AuditDependencies } from './audit.dependencies';
import { AuditQueries } from './audit-queries';
import { AuditHttpController } from './audit.http.controller';
import { PersonalDataAccessHttpController } from './personal-data-access.http.controller';

/**
 * Makes the integrity findings seen: `/api/ready`'s `integrity` check fails while any is open,
 * and `/metrics` counts them by kind (the open ones at start, and each new one).
 */
@Injectable()
class IntegrityMonitor implements OnModuleInit {
  constructor(
    @Inject(AUDIT) private readonly deps: AuditDependencies,
    private readonly readiness: ReadinessRegistry,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const { integrity } = this.deps;
    this.readiness.register('integrity', () => integrity.readiness());
    const counter = this.metrics.counter({ name: 'whistle_integrity_findings_total', help: 'Integrity findings by kind: the open ones at start, then each new one', labelNames: ['kind'] });
    for (const finding of integrity.checkpoints.open()) counter.inc({ kind: finding.kind });
    integrity.checkpoints.onFinding((finding) => counter.inc({ kind: finding.kind }));
  }
}

/** The audit's HTTP side; the host fills its ledger with `bootstrapLedger` and keeps it with `auditLedgerConsumer`. */
@Module({})
export class AuditModule {
  static register(deps: AuditDependencies): DynamicModule {
    return {
      module: AuditModule,
      controllers: [AuditHttpController, PersonalDataAccessHttpController],
      providers: [{ provide: AUDIT, useValue: deps }, AuditQueries, IntegrityMonitor],
    };
  }
}
