import { verifyStream, type ChainBreakKind } from '@whistle/kernel';
import type { WriteService } from '@whistle/contracts';
import type { FindingKind } from './checkpoint-store';
import type { LedgerHead } from './head-ledger';
import { byStream, type StoredEvent } from './stored-events';

/**
 * What verification finds: the kernel's chain breaks, and against the ledger's heads
 * `missing_events` (the stream ends before the head the audit saw), `missing_stream` (no store
 * holds a stream the audit saw) and `head_mismatch` (the event at the seen head is another one:
 * replaced, its chain recomputed).
 */
export type BreakKind = ChainBreakKind | 'missing_events' | 'missing_stream' | 'head_mismatch' | Exclude<FindingKind, ChainBreakKind>;

export interface Break {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly kind: BreakKind;
  readonly message: string;
}

export interface VerificationReport {
  readonly checkedStreams: number;
  readonly checkedEvents: number;
  readonly ok: boolean;
  readonly breaks: Break[];
}

/** One stream's result: what the store holds, the head the audit's ledger saw, and whether it all holds together. */
export interface StreamCheck {
  readonly streamId: string;
  /** the store that holds it; null when none does any more */
  readonly service: WriteService | null;
  readonly events: number;
  readonly last: { readonly revision: number; readonly hash: string } | null;
  readonly ledgerHead: { readonly revision: number; readonly hash: string } | null;
  readonly ok: boolean;
  /** how many of the report's breaks are this stream's */
  readonly breaks: number;
}

/** A case's verification names each of its streams; the whole system's only counts them (there may be hundreds of thousands). */
export type CaseVerificationReport = VerificationReport & { readonly streams: StreamCheck[] };

/** `verifyChains` over a case's streams, with each stream's own result beside the breaks. */
export function verifyCaseChains(stored: readonly StoredEvent[], heads: readonly LedgerHead[], scope: ReadonlySet<string>): CaseVerificationReport {
  const report = verifyChains(stored, heads, scope);
  const held = byStream(stored);
  const headOf = new Map(heads.map((h) => [h.streamId, h]));
  const streams = [...scope].sort().map((streamId): StreamCheck => {
    const events = held.get(streamId) ?? [];
    const last = events.at(-1);
    const head = headOf.get(streamId);
    const breaks = report.breaks.filter((b) => b.streamId === streamId).length;
    return {
      streamId,
      service: last?.service ?? null,
      events: events.length,
      last: last ? { revision: last.event.revision, hash: last.event.hash } : null,
      ledgerHead: head ? { revision: head.revision, hash: head.hash } : null,
      ok: breaks === 0,
      breaks,
    };
  });
  return { ...report, streams };
}

/** Recomputes the chain of every stream in scope (all when left out) and holds each against its head in the ledger. */
export function verifyChains(stored: readonly StoredEvent[], heads: readonly LedgerHead[], scope?: ReadonlySet<string>): VerificationReport {
  const inScope = (streamId: string) => scope === undefined || scope.has(streamId);
  const streams = [...byStream(stored)].filter(([streamId]) => inScope(streamId));
  const headOf = new Map(heads.filter((h) => inScope(h.streamId)).map((h) => [h.streamId, h]));
  const breaks: Break[] = [];
  let checkedEvents = 0;

  for (const [streamId, events] of streams) {
    const chain = verifyStream(
      streamId,
      events.map((s) => s.event),
    );
    checkedEvents += chain.checked;
    breaks.push(...chain.breaks.map(({ streamId: id, revision, eventId, kind, message }) => ({ streamId: id, revision, eventId, kind, message })));
    const head = headOf.get(streamId);
    if (head) breaks.push(...againstHead(head, events));
    headOf.delete(streamId);
  }
  for (const head of headOf.values()) {
    breaks.push({
      streamId: head.streamId,
      revision: head.revision,
      eventId: head.eventId,
      kind: 'missing_stream',
      message: `${head.streamId}: the audit saw it up to revision ${head.revision} (event ${head.eventId}), but no store holds it any more`,
    });
  }
  return { checkedStreams: streams.length + headOf.size, checkedEvents, ok: breaks.length === 0, breaks };
}

/** A store ahead of the ledger is only the ledger catching up; behind it, or different at the head, is tampering. */
function againstHead(head: LedgerHead, events: readonly StoredEvent[]): Break[] {
  const last = events.at(-1)?.event;
  if (last !== undefined && last.revision < head.revision) {
    return [
      {
        streamId: head.streamId,
        revision: head.revision,
        eventId: head.eventId,
        kind: 'missing_events',
        message: `${head.streamId} ends at revision ${last.revision}, but the audit saw it reach revision ${head.revision} (event ${head.eventId}): events were removed from its end`,
      },
    ];
  }
  const atHead = events.find((s) => s.event.revision === head.revision)?.event;
  if (atHead === undefined || (atHead.hash === head.hash && atHead.eventId === head.eventId)) return [];
  return [
    {
      streamId: head.streamId,
      revision: head.revision,
      eventId: atHead.eventId,
      kind: 'head_mismatch',
      message: `${head.streamId}@${head.revision}: the store holds event ${atHead.eventId} with hash ${atHead.hash}, but the audit saw event ${head.eventId} with hash ${head.hash} there: it was replaced`,
    },
  ];
}
