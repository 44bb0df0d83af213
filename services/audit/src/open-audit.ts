import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '@whistle/kernel';
import type { CatalogueIndex } from '@whistle/catalogue';
import { SERVICES, type WriteService } from '@whistle/contracts';
import { START, type EventStore } from '@whistle/event-store';
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
  const ledgerExisted = existsSync(base.ledgerFile);
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
  // No ledger and no checkpoint, over stores that already hold events: an upgrade from before the
  // signed logs, or every file of the audit's lost or deleted. Either way what the stores hold now
  // is taken on trust, and an auditor says so by acknowledging it.
  if (!ledgerExisted && integrity.checkpoints.count() === 0) {
    const held = (await Promise.all(SERVICES.map(async (s) => ((await base.stores[s].headPosition()) === START ? [] : [s])))).flat();
    if (held.length > 0) {
      integrity.report({
        kind: 'unanchored',
        log: null,
        streamId: null,
        revision: null,
        eventId: null,
        message: `the ${held.join(', ')} store(s) hold events, but the audit has neither a ledger nor a signed checkpoint of them: its files were lost or deleted, or this is the first start after an upgrade; what they hold now is taken on trust from here`,
      });
    }
  }
  const bootstrapped = await bootstrapLedger(base);
  integrity.afterLedgerBootstrap();
  return { ...base, integrity, bootstrapped };
}
