import { type DynamicModule, Module } from '@nestjs/common';
import { AUDIT, type AuditDependencies } from './audit.dependencies';
import { AuditQueries } from './audit-queries';
import { AuditHttpController } from './audit.http.controller';

/** The audit's HTTP side; the host fills its ledger with `bootstrapLedger` and keeps it with `auditLedgerConsumer`. */
@Module({})
export class AuditModule {
  static register(deps: AuditDependencies): DynamicModule {
    return {
      module: AuditModule,
      controllers: [AuditHttpController],
      providers: [{ provide: AUDIT, useValue: deps }, AuditQueries],
    };
  }
}
