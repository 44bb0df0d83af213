import { dirname } from 'node:path';
import type { Clock } from '@whistle/kernel';
import type { CatalogueIndex } from '@whistle/catalogue';
import type { WriteService } from '@whistle/contracts';
import type { EventStore } from '@whistle/event-store';
import type { Checkpoint } from '@whistle/transparency';
import type { AuditDependencies } from './audit.dependencies';
import { AuditIntegrity, type IntegrityLogger } from './audit-integrity';
import { bootstrapLedger } from './audit-ledger';

export interface AuditSettings {
  readonly AUDIT_SIGNING_KEY_FILE: string | undefined;
  readonly AUDIT_CHECKPOINT_EVENTS: number;
  readonly AUDIT_CHECKPOINT_SECONDS: number;
}

/**
 * The audit, opened the same way by every host: its checkpoints and tree opened first (so a
 * missing ledger is seen before the bootstrap would make a new one look old), the ledger
 * bootstrapped, and the two tied together. Call `integrity.start()` once the host listens for
 * events, and `integrity.close()` before the stores close.
 */
export async function openAudit(
  base: { readonly stores: Readonly<Record<WriteService, EventStore>>; readonly ledgerFile: string; readonly catalogue: CatalogueIndex; readonly clock: Clock },
  settings: AuditSettings,
  options: { readonly logger?: IntegrityLogger; readonly publish?: (checkpoint: Checkpoint) => Promise<void> } = {},
): Promise<AuditDependencies & { bootstrapped: Awaited<ReturnType<typeof bootstrapLedger>> }> {
  const integrity = AuditIntegrity.open({
    stores: base.stores,
    dataDir: dirname(base.ledgerFile),
    ledgerFile: base.ledgerFile,
    signingKeyFile: settings.AUDIT_SIGNING_KEY_FILE,
    checkpointEvents: settings.AUDIT_CHECKPOINT_EVENTS,
    checkpointSeconds: settings.AUDIT_CHECKPOINT_SECONDS,
    clock: base.clock,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.publish ? { publish: options.publish } : {}),
  });
  const bootstrapped = await bootstrapLedger(base);
  integrity.afterLedgerBootstrap();
  return { ...base, integrity, bootstrapped };
}
