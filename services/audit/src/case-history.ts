import type { Actor } from '@whistle/kernel';
import { casesConcerned, historyOrder, type WriteService } from '@whistle/contracts';
import type { StoredEvent } from './stored-events';

/** One event of a case's history, as recorded: who, when, why (correlation and cause) and its place in the chain. */
export interface HistoryEntry {
  readonly service: WriteService;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly prevHash: string;
  readonly hash: string;
  /** exactly as stored: a reporter's personal data is sealed ciphertext here, never plain text */
  readonly data: unknown;
}

/**
 * Every event that concerns the case (the contracts' casesConcerned), across the stores, in the
 * contracts' historyOrder: by record time, events recorded at the same moment in the stores'
 * order. The offline verifier holds a dossier's history to the same two rules.
 */
export function caseEvents(stored: readonly StoredEvent[], caseId: string): StoredEvent[] {
  return stored
    .filter((s) => casesConcerned(s.event).includes(caseId))
    .sort((a, b) => historyOrder({ recordedAt: a.event.recordedAt, service: a.service, place: a.position }, { recordedAt: b.event.recordedAt, service: b.service, place: b.position }));
}

export function historyEntry({ service, event }: StoredEvent): HistoryEntry {
  const { streamId, revision, eventId, type, occurredAt, recordedAt, actor, correlationId, causationId, prevHash, hash, data } = event;
  return { service, streamId, revision, eventId, type, occurredAt, recordedAt, actor, correlationId, causationId, prevHash, hash, data };
}
