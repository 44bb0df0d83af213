import type { Clock } from '@whistle/kernel';
import type { CatalogueIndex } from '@whistle/catalogue';
import type { WriteService } from '@whistle/contracts';
import type { EventStore } from '@whistle/event-store';
import type { AuditIntegrity } from './audit-integrity';

/** Everything the audit (审计) works with, built by whoever hosts it. */
export interface AuditDependencies {
  /** the five writing services' stores, read only */
  readonly stores: Readonly<Record<WriteService, EventStore>>;
  /** the audit's own SQLite file: the head ledger, kept apart from the stores it vouches for */
  readonly ledgerFile: string;
  readonly catalogue: CatalogueIndex;
  readonly clock: Clock;
  /** the Merkle logs, signed checkpoints and findings (audit-merkle.db, audit-checkpoints.db), opened by the host before the ledger's bootstrap */
  readonly integrity: AuditIntegrity;
}

export const AUDIT = Symbol('AUDIT');
