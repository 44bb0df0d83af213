export { AuditModule } from './audit.module';
export { AUDIT, type AuditDependencies } from './audit.dependencies';
export { auditLedgerConsumer, bootstrapLedger } from './audit-ledger';
export { openAudit, type AuditSettings } from './open-audit';
export { AuditIntegrity } from './audit-integrity';
