import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { NotFound } from '@whistle/application';
import type { Minutes } from '@whistle/adjudication-domain';
import { AUDIT, type AuditDependencies } from './audit.dependencies';
import { caseDetail, type CaseDetail } from '@whistle/read-models';
import { caseEvents, historyEntry, type HistoryEntry } from './case-history';
import { foldCase, type CaseAggregates, type UnreadableEvent } from './case-state';
import { verifyCaseChains, verifyChains, type CaseVerificationReport, type VerificationReport } from './chain-verification';
import { digestOf, meetingMinutes } from './dossier';
import { withHeadLedger, type LedgerHead } from './head-ledger';
import { readCaseStreams, readEveryStore, type StoredEvent } from './stored-events';

export type CaseStateAt = CaseDetail & {
  readonly asOf: { readonly at: string; readonly eventsApplied: number; readonly lastEventId: string | null };
  readonly aggregates: CaseAggregates;
  readonly unreadable: readonly UnreadableEvent[];
};

export interface Dossier {
  readonly caseId: string;
  readonly format: 'json';
  readonly generatedAt: string;
  readonly case: CaseDetail | null;
  readonly history: HistoryEntry[];
  readonly verification: CaseVerificationReport;
  readonly minutes: Minutes[];
  readonly digest: ReturnType<typeof digestOf>;
}

/**
 * What a case's record is made of: every event of the streams that may concern it, the case's own
 * in history order, the streams that concern it, and the heads the ledger saw of those.
 */
interface CaseRecord {
  readonly stored: StoredEvent[];
  readonly events: StoredEvent[];
  readonly streams: ReadonlySet<string>;
  readonly heads: readonly LedgerHead[];
}

/**
 * 审计: replay, state at a moment, verification and dossiers, read straight from the four stores
 * and the head ledger. One case's reads cost its own streams; only the whole system's
 * verification reads every store.
 */
@Injectable()
export class AuditQueries {
  constructor(@Inject(AUDIT) private readonly deps: AuditDependencies) {}

  async history(caseId: string): Promise<{ caseId: string; events: HistoryEntry[] }> {
    const { events } = await this.record(caseId);
    return { caseId, events: events.map(historyEntry) };
  }

  async stateAt(caseId: string, at: string): Promise<CaseStateAt> {
    const { events } = await this.record(caseId);
    const first = events[0]?.event;
    if (first === undefined) throw new NotFoundException(`no store holds an event of case ${caseId} any more; POST /api/audit/verify names what is missing`);
    const applied = events.filter((s) => Date.parse(s.event.recordedAt) <= Date.parse(at)).map((s) => s.event);
    const folded = foldCase(caseId, applied);
    if (folded === undefined) {
      throw new NotFoundException(`case ${caseId} did not exist yet at ${at}: its first event was recorded at ${first.recordedAt}`);
    }
    return {
      ...caseDetail(folded.view, this.deps.catalogue),
      asOf: { at, eventsApplied: applied.length, lastEventId: applied.at(-1)?.eventId ?? null },
      aggregates: folded.aggregates,
      unreadable: folded.unreadable,
    };
  }

  async verify(caseId?: string): Promise<(VerificationReport | CaseVerificationReport) & { caseId: string | null; verifiedAt: string }> {
    const verifiedAt = this.deps.clock.now();
    if (caseId === undefined) {
      const stored = await readEveryStore(this.deps.stores);
      return { caseId: null, verifiedAt, ...verifyChains(stored, this.heads()) };
    }
    const { stored, streams, heads } = await this.record(caseId);
    return { caseId, verifiedAt, ...verifyCaseChains(stored, heads, streams) };
  }

  async dossier(caseId: string): Promise<Dossier> {
    const { stored, events, streams, heads } = await this.record(caseId);
    const folded = foldCase(
      caseId,
      events.map((s) => s.event),
    );
    const body = {
      caseId,
      format: 'json' as const,
      generatedAt: this.deps.clock.now(),
      case: folded ? caseDetail(folded.view, this.deps.catalogue) : null,
      history: events.map(historyEntry),
      verification: verifyCaseChains(stored, heads, streams),
      minutes: meetingMinutes(streams, stored, this.deps.catalogue),
    };
    return { ...body, digest: digestOf(body) };
  }

  /**
   * The case's streams, read from the stores in proportion to the case (readCaseStreams). 404
   * only when neither the stores nor the ledger know the case: a case whose events were all
   * deleted is still reported. The ledger is read first: it hears an event only once its store
   * holds it, so the stores read after hold at least the heads it gave, and a stream still being
   * written is not taken for one cut short. Only a stream the ledger had not linked to the case
   * has its head looked up after the stores were read.
   */
  private async record(caseId: string): Promise<CaseRecord> {
    const { linked, linkedHeads } = withHeadLedger(this.deps.ledgerFile, (ledger) => {
      const streams = ledger.streamsOf(caseId);
      return { linked: streams, linkedHeads: ledger.headsOf(streams) };
    });
    const stored = await readCaseStreams(this.deps.stores, caseId, linked);
    const events = caseEvents(stored, caseId);
    if (events.length === 0 && linked.length === 0) throw new NotFound('case', caseId);
    const streams = new Set([...events.map((s) => s.event.streamId), ...linked]);
    const unlinked = [...streams].filter((id) => !linked.includes(id));
    const laterHeads = unlinked.length > 0 ? withHeadLedger(this.deps.ledgerFile, (ledger) => ledger.headsOf(unlinked)) : [];
    return { stored, events, streams, heads: [...linkedHeads, ...laterHeads] };
  }

  private heads() {
    return withHeadLedger(this.deps.ledgerFile, (ledger) => ledger.heads());
  }
}
