import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { NotFound } from '@whistle/application';
import type { Minutes } from '@whistle/adjudication-domain';
import { AUDIT, type AuditDependencies } from './audit.dependencies';
import { caseDetail, type CaseDetail } from '@whistle/read-models';
import { caseEvents, historyEntry, type HistoryEntry } from './case-history';
import { foldCase, type CaseAggregates, type UnreadableEvent } from './case-state';
import { verifyCaseChains, verifyChains, type CaseVerificationReport, type VerificationReport } from './chain-verification';
import { digestOf, meetingMinutes } from './dossier';
import { withHeadLedger } from './head-ledger';
import { readEveryStore, type StoredEvent } from './stored-events';

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

/** What a case's record is made of: every stored event, the case's own in history order, and the streams that concern it. */
interface CaseRecord {
  readonly stored: StoredEvent[];
  readonly events: StoredEvent[];
  readonly streams: ReadonlySet<string>;
}

/** 审计: replay, state at a moment, verification and dossiers, read straight from the four stores and the head ledger. */
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
    const { stored, streams } = await this.record(caseId);
    return { caseId, verifiedAt, ...verifyCaseChains(stored, this.heads(), streams) };
  }

  async dossier(caseId: string): Promise<Dossier> {
    const { stored, events, streams } = await this.record(caseId);
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
      verification: verifyCaseChains(stored, this.heads(), streams),
      minutes: meetingMinutes(streams, stored, this.deps.catalogue),
    };
    return { ...body, digest: digestOf(body) };
  }

  /** 404 only when neither the stores nor the ledger know the case: a case whose events were all deleted is still reported. */
  private async record(caseId: string): Promise<CaseRecord> {
    const stored = await readEveryStore(this.deps.stores);
    const events = caseEvents(stored, caseId);
    const known = withHeadLedger(this.deps.ledgerFile, (ledger) => ledger.streamsOf(caseId));
    if (events.length === 0 && known.length === 0) throw new NotFound('case', caseId);
    return { stored, events, streams: new Set([...events.map((s) => s.event.streamId), ...known]) };
  }

  private heads() {
    return withHeadLedger(this.deps.ledgerFile, (ledger) => ledger.heads());
  }
}
