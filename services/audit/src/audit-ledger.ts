import type { EventEnvelope } from '@whistle/kernel';
import { casesConcerned } from '@whistle/contracts';
import type { AuditDependencies } from './audit.dependencies';
import { HeadLedger, withHeadLedger } from './head-ledger';
import { readEveryStore } from './stored-events';

/** The consumer's handler, and `close` for its host to call once the consumer has stopped. */
export interface AuditLedgerConsumer {
  readonly handle: (event: EventEnvelope) => Promise<void>;
  /** A batch's heads in one transaction: each is queued at once, and the lot commits together. */
  readonly handleBatch: (events: readonly EventEnvelope[]) => Promise<void>;
  close(): void;
}

/**
 * The audit's consumer of the five topics (the "Kafka copy"): each event moves its stream's head
 * in the ledger and links the stream to the cases it concerns. Redeliveries are harmless: a head
 * never moves back. The ledger stays open while the consumer runs.
 */
export function auditLedgerConsumer(deps: Pick<AuditDependencies, 'ledgerFile' | 'clock'>): AuditLedgerConsumer {
  let ledger: HeadLedger | null = null;
  const open = (): HeadLedger => (ledger ??= HeadLedger.open(deps.ledgerFile));
  return {
    handle: async (event) => open().record(event, casesConcerned(event), deps.clock.now()),
    handleBatch: async (events) => {
      const seenAt = deps.clock.now();
      await Promise.all(events.map((event) => open().record(event, casesConcerned(event), seenAt)));
    },
    close: () => {
      ledger?.close();
      ledger = null;
    },
  };
}

/**
 * Trust on first use: a ledger that was never bootstrapped takes the heads the stores hold now,
 * and vouches only for what happens from then on. Later starts leave it alone, so a store cut
 * short while the audit was down is still caught against the heads seen before. Deleting the
 * ledger file makes the next start trust the stores again: keep it apart from them (its own
 * volume in the distributed mode) and watch that it stays. Call it before consuming.
 */
export async function bootstrapLedger(
  deps: Pick<AuditDependencies, 'stores' | 'ledgerFile' | 'clock'>,
): Promise<{ bootstrapped: boolean; streams: number; events: number }> {
  if (withHeadLedger(deps.ledgerFile, (ledger) => ledger.bootstrappedAt()) !== null) return { bootstrapped: false, streams: 0, events: 0 };
  const stored = await readEveryStore(deps.stores);
  const events = stored.map(({ event }) => ({ event, caseIds: casesConcerned(event) }));
  const streams = new Set(stored.map(({ event }) => event.streamId)).size;
  withHeadLedger(deps.ledgerFile, (ledger) => ledger.bootstrap(events, deps.clock.now(), streams));
  return { bootstrapped: true, streams, events: events.length };
}
