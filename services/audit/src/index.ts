export { AuditModule } from './audit.module';
export { AUDIT, type AuditDependencies } from './audit.dependencies';
export { auditLedgerConsumer, bootstrapLedger } from './audit-ledger';
export { openAudit, type AuditSettings } from './open-audit';
export { AuditIntegrity } from './audit-integrity';
export { TopicCrossCheck, type TopicCrossCheckOptions, type SweepResult } from './topic-cross-check';
export { TopicCopyRecord } from './topic-copy-record';
export { CheckpointStore, type Finding, type FindingInput, type FindingKind } from './checkpoint-store';
export { withHeadLedger } from './head-ledger';
