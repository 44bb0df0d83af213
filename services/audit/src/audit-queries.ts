import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { invalid, sealedBody, type EventEnvelope } from '@whistle/kernel';
import { SERVICES, type WriteService } from '@whistle/contracts';
import {
  dossierDigest,
  DOSSIER_PROOF_FORMAT,
  verifyInclusion,
  fromHex,
  type Checkpoint,
  type AbsentLeaf,
  type ConsistencyEntry,
  type DossierProof,
  type ProvedEvent,
} from '@whistle/transparency';
import type { Finding } from './checkpoint-store';
import type { InclusionProof, IntegrityCheck } from './audit-integrity';
import { leafOfHash } from './merkle-store';
import { NotFound } from '@whistle/application';
import type { Minutes } from '@whistle/adjudication-domain';
import { AUDIT, type AuditDependencies } from './audit.dependencies';
import { caseDetail, type CaseDetail } from '@whistle/read-models';
import { caseEvents, historyEntry, type HistoryEntry } from './case-history';
import { foldCase, type CaseAggregates, type UnreadableEvent } from './case-state';
import { verifyCaseChains, verifyChains, type Break, type CaseVerificationReport, type VerificationReport } from './chain-verification';
import { meetingMinutes } from './dossier';
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
  /** the integrity findings open when it was made: a dossier with any does not verify offline */
  readonly openFindings: readonly Omit<Finding, 'id' | 'lastSeenAt' | 'acknowledged'>[];
  readonly proof: DossierProof;
  readonly digest: ReturnType<typeof dossierDigest>;
}

/** A signed checkpoint the dossier's caller already holds, by log and size (`?since=`). */
export interface SinceCheckpoint {
  readonly log: WriteService;
  readonly treeSize: number;
}

/** Every event with its proof and the signed checkpoints: the library's format, which the offline verifier reads. */
type DossierEvent = ProvedEvent & { readonly log: WriteService };

/** One log's part in a case's verification: how many of the case's events its latest checkpoint includes, and how many it does not reach yet. */
export interface LogInclusion {
  readonly log: WriteService;
  readonly checkpoint: Checkpoint | null;
  events: number;
  included: number;
  pending: number;
}

/** The kinds the chain verification already names; the log check adds the others. */
const CHAIN_KINDS = new Set(['hash_mismatch', 'prev_hash_mismatch', 'revision_gap', 'foreign_stream', 'missing_events', 'missing_stream', 'head_mismatch']);

/** Every store's events, each store's in its own order, as readEveryStore read them. */
function byLog(stored: readonly StoredEvent[]): Map<WriteService, EventEnvelope[]> {
  const logs = new Map<WriteService, EventEnvelope[]>(SERVICES.map((s) => [s, []]));
  for (const { service, event } of stored) logs.get(service)!.push(event);
  return logs;
}

function breakOf(f: Finding): Break {
  return { streamId: f.streamId ?? '', revision: f.revision ?? -1, eventId: f.eventId ?? '', kind: f.kind as Break['kind'], message: f.message };
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
 * 审计: replay, state at a moment, verification and dossiers, read straight from the five stores
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

  async verify(caseId?: string): Promise<(VerificationReport | CaseVerificationReport) & { caseId: string | null; verifiedAt: string; logs: IntegrityCheck['logs'] | LogInclusion[] }> {
    const verifiedAt = this.deps.clock.now();
    if (caseId === undefined) {
      const stored = await readEveryStore(this.deps.stores);
      const chains = verifyChains(stored, this.heads());
      // The stores against the latest signed checkpoints; the chains and heads are checked above.
      const logs = await this.deps.integrity.checkRead(byLog(stored));
      // ... and what the audit found in the Kafka copy and has not had acknowledged (the stores may be whole while a topic lies).
      const topics = this.deps.integrity.checkpoints.open().filter((f) => f.kind.startsWith('topic_'));
      const more = [...logs.findings.filter((f) => !CHAIN_KINDS.has(f.kind) && !f.kind.startsWith('topic_')), ...topics].map(breakOf);
      return { caseId: null, verifiedAt, ...chains, ok: chains.ok && more.length === 0, breaks: [...chains.breaks, ...more], logs: logs.logs };
    }
    const { stored, streams, heads } = await this.record(caseId);
    const chains = verifyCaseChains(stored, heads, streams);
    const { breaks, logs } = await this.inclusionOf(stored);
    for (const b of breaks) this.deps.integrity.report({ kind: 'log_inconsistent', log: b.log, streamId: b.streamId, revision: b.revision, eventId: b.eventId, message: b.message });
    return { caseId, verifiedAt, ...chains, ok: chains.ok && breaks.length === 0, breaks: [...chains.breaks, ...breaks], logs };
  }

  /**
   * Each event against the audit's log: the leaf it is there (same hash), and its inclusion in the
   * latest signed checkpoint of its log. An event the log never took at a place the audit has
   * followed past was inserted; one whose hash differs from its leaf was changed.
   */
  private async inclusionOf(stored: readonly StoredEvent[]): Promise<{ breaks: (Break & { log: WriteService })[]; logs: LogInclusion[] }> {
    const { integrity } = this.deps;
    await integrity.caughtUp();
    const leaves = integrity.merkle.leavesOf(stored.map((s) => s.event.eventId));
    const breaks: (Break & { log: WriteService })[] = [];
    const logs = new Map<WriteService, LogInclusion & { readonly followedTo: bigint }>();
    for (const { service, position, event } of stored) {
      // Each log's latest checkpoint and how far its tree has followed the store: looked up once per log, not per event.
      let entry = logs.get(service);
      if (entry === undefined) {
        entry = { log: service, checkpoint: integrity.checkpoints.latest(service), events: 0, included: 0, pending: 0, followedTo: integrity.merkle.position(service) };
        logs.set(service, entry);
      }
      const { checkpoint } = entry;
      entry.events += 1;
      const leaf = leaves.get(event.eventId);
      const at = { log: service, streamId: event.streamId, revision: event.revision, eventId: event.eventId };
      if (leaf === undefined || leaf.log !== service) {
        if (position <= entry.followedTo) {
          breaks.push({ ...at, kind: 'log_inconsistent', message: `${event.streamId}@${event.revision} (event ${event.eventId}): the ${service} store holds it at a place the audit's log passed without it: it was inserted` });
        } else entry.pending += 1;
        continue;
      }
      if (leaf.eventHash !== event.hash) {
        breaks.push({ ...at, kind: 'log_inconsistent', message: `${event.streamId}@${event.revision} (event ${event.eventId}): the store holds hash ${event.hash}, the audit's log took ${leaf.eventHash}: it was changed after the audit saw it` });
        continue;
      }
      if (checkpoint === null || leaf.leafIndex >= checkpoint.treeSize) {
        entry.pending += 1;
        continue;
      }
      const proof = integrity.inclusion(leaf, checkpoint);
      if (!verifyInclusion(leafOfHash(event.hash), leaf.leafIndex, checkpoint.treeSize, proof.proof.map((p) => fromHex(p)), fromHex(checkpoint.rootHash))) {
        breaks.push({ ...at, kind: 'log_inconsistent', message: `${event.streamId}@${event.revision} (event ${event.eventId}): not included in the ${service} log's checkpoint at ${checkpoint.treeSize} events: the audit's tree was changed` });
      } else entry.included += 1;
    }
    return { breaks, logs: [...logs.values()].map(({ followedTo: _followedTo, ...inclusion }) => inclusion) };
  }

  /** The public half of the key that signs the checkpoints. */
  publicKey(): { algorithm: 'Ed25519'; fingerprint: string; publicKeyPem: string } {
    const { integrity } = this.deps;
    return { algorithm: 'Ed25519', fingerprint: integrity.fingerprint, publicKeyPem: integrity.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  }

  checkpoints(log: WriteService | undefined, page: number, pageSize: number): { items: Checkpoint[]; total: number; page: number; pageSize: number } {
    return { ...this.deps.integrity.checkpoints.page(log, (page - 1) * pageSize, pageSize), page, pageSize };
  }

  latestCheckpoints(): Record<WriteService, Checkpoint | null> {
    return Object.fromEntries(SERVICES.map((log) => [log, this.deps.integrity.checkpoints.latest(log)])) as Record<WriteService, Checkpoint | null>;
  }

  consistency(log: WriteService, from: number, to: number): { log: WriteService; from: Checkpoint; to: Checkpoint; proof: string[] } {
    if (from > to) invalid('to', `to (${to}) must not be before from (${from})`);
    const { checkpoints } = this.deps.integrity;
    const older = checkpoints.at(log, from);
    const newer = checkpoints.at(log, to);
    if (older === null) throw new NotFound('checkpoint', `${log}@${from}`);
    if (newer === null) throw new NotFound('checkpoint', `${log}@${to}`);
    return { log, from: older, to: newer, proof: this.deps.integrity.consistency(log, from, to) };
  }

  async inclusion(eventId: string, treeSize: number | undefined): Promise<InclusionProof> {
    const { integrity } = this.deps;
    await integrity.caughtUp();
    const leaf = integrity.merkle.leafOf(eventId);
    if (leaf === null) throw new NotFound('event', eventId);
    const log = leaf.log as WriteService;
    const checkpoint = treeSize === undefined ? (await integrity.covering([leaf])).get(log) ?? null : integrity.checkpoints.at(log, treeSize);
    if (checkpoint === null) throw new NotFound('checkpoint', `${log}@${treeSize ?? 'latest'}`);
    if (leaf.leafIndex >= checkpoint.treeSize) {
      throw new BadRequestException(`event ${eventId} is leaf ${leaf.leafIndex} of the ${log} log, after the checkpoint at ${checkpoint.treeSize} events: ask for a later one, or leave treeSize out`);
    }
    return integrity.inclusion(leaf, checkpoint);
  }

  findings(page: number, pageSize: number): { items: Finding[]; total: number; open: number; page: number; pageSize: number } {
    return { ...this.deps.integrity.checkpoints.findings((page - 1) * pageSize, pageSize), page, pageSize };
  }

  acknowledge(by: string, reason: string): { acknowledged: Finding[] } {
    return { acknowledged: this.deps.integrity.checkpoints.acknowledge(by, reason, this.deps.clock.now()) };
  }

  /** The case's dossier; `since`: the checkpoints the caller already holds, which its proof must show its logs extend. */
  async dossier(caseId: string, since: readonly SinceCheckpoint[] = []): Promise<Dossier> {
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
      // What the audit doubts now and no auditor has acknowledged: the offline verifier does not pass a dossier made meanwhile.
      openFindings: this.deps.integrity.checkpoints.open().map(({ kind, log, streamId, revision, eventId, message, detectedAt }) => ({ kind, log, streamId, revision, eventId, message, detectedAt })),
      proof: await this.proofOf(caseId, stored, streams, since),
    };
    return { ...body, digest: dossierDigest(body) };
  }

  /**
   * Every event of the dossier's streams with its inclusion proof against a signed checkpoint of
   * its log (one is signed now for a log whose latest does not reach them), and, where the events
   * were first covered by an earlier checkpoint, the proof that the later one extends it. Each
   * checkpoint asked for (`since`) that the audit holds comes with the proof that its log's
   * checkpoint here extends it, even for a log without an event of the dossier; one it does not
   * hold is said so, and the offline verifier fails on it.
   */
  private async proofOf(caseId: string, stored: readonly StoredEvent[], streams: ReadonlySet<string>, since: readonly SinceCheckpoint[]): Promise<DossierProof> {
    const { integrity } = this.deps;
    await integrity.caughtUp();
    // Looked up first: whatever each log's proofs lead to below is signed no earlier, so it is no smaller.
    const asked = since.map((s) => ({ ...s, checkpoint: integrity.checkpoints.at(s.log, s.treeSize, integrity.fingerprint) }));
    const leaves = integrity.merkle.leavesOf(stored.map((s) => s.event.eventId));
    // What the log took of the case or of these streams that the stores no longer give.
    const held = new Set(stored.map((s) => s.event.eventId));
    const gone = integrity.merkle.leavesOfCase(caseId, [...streams]).filter((leaf) => !held.has(leaf.eventId));
    const covering = await integrity.covering([...leaves.values(), ...gone]);
    const events = stored.map(({ service, event }): DossierEvent => {
      const leaf = leaves.get(event.eventId);
      const checkpoint = covering.get(service);
      const inLog = leaf !== undefined && leaf.log === service;
      return {
        log: service,
        leafIndex: inLog ? leaf.leafIndex : null,
        streamId: event.streamId,
        revision: event.revision,
        eventId: event.eventId,
        body: sealedBody(event),
        hash: event.hash,
        inclusion: inLog && checkpoint !== undefined && leaf.leafIndex < checkpoint.treeSize ? { treeSize: checkpoint.treeSize, path: integrity.inclusion(leaf, checkpoint).proof } : null,
      };
    });
    events.sort((a, b) => SERVICES.indexOf(a.log) - SERVICES.indexOf(b.log) || (a.leafIndex ?? -1) - (b.leafIndex ?? -1));
    // A log asked for that holds no event of the dossier leads to its latest checkpoint.
    const targets = new Map(covering);
    for (const { log, checkpoint } of asked) if (checkpoint !== null && !targets.has(log)) targets.set(log, integrity.checkpoints.latest(log, integrity.fingerprint) ?? checkpoint);
    const checkpoints: Checkpoint[] = [];
    const consistency: ConsistencyEntry[] = [];
    for (const [log, checkpoint] of targets) {
      const indexes = events.filter((e) => e.log === log && e.leafIndex !== null).map((e) => e.leafIndex!);
      const earliest = indexes.length > 0 ? integrity.checkpoints.firstCovering(log, Math.min(...indexes) + 1, integrity.fingerprint) : null;
      const earlier = new Map<number, Checkpoint>();
      for (const c of [earliest, ...asked.filter((a) => a.log === log).map((a) => a.checkpoint)]) if (c !== null && c.treeSize < checkpoint.treeSize) earlier.set(c.treeSize, c);
      for (const from of [...earlier.values()].sort((a, b) => a.treeSize - b.treeSize)) {
        checkpoints.push(from);
        consistency.push({ log, fromTreeSize: from.treeSize, toTreeSize: checkpoint.treeSize, path: integrity.consistency(log, from.treeSize, checkpoint.treeSize) });
      }
      checkpoints.push(checkpoint);
    }
    const absent = gone.flatMap((leaf): AbsentLeaf[] => {
      const checkpoint = covering.get(leaf.log as WriteService);
      if (checkpoint === undefined || leaf.leafIndex >= checkpoint.treeSize) return [];
      const { log, leafIndex, streamId, revision, eventId, eventHash } = leaf;
      return [{ log, leafIndex, streamId, revision, eventId, hash: eventHash, inclusion: { treeSize: checkpoint.treeSize, path: integrity.inclusion(leaf, checkpoint).proof } }];
    });
    return {
      format: DOSSIER_PROOF_FORMAT,
      publicKeyFingerprint: integrity.fingerprint,
      checkpoints,
      events,
      consistency,
      absent,
      ...(asked.length > 0 ? { since: asked.map(({ log, treeSize, checkpoint }) => ({ log, treeSize, found: checkpoint !== null })) } : {}),
    };
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
    // A case every store lost is still reported while the audit's log remembers it.
    if (events.length === 0 && linked.length === 0 && this.deps.integrity.merkle.leavesOfCase(caseId, []).length === 0) throw new NotFound('case', caseId);
    const streams = new Set([...events.map((s) => s.event.streamId), ...linked]);
    const unlinked = [...streams].filter((id) => !linked.includes(id));
    const laterHeads = unlinked.length > 0 ? withHeadLedger(this.deps.ledgerFile, (ledger) => ledger.headsOf(unlinked)) : [];
    return { stored, events, streams, heads: [...linkedHeads, ...laterHeads] };
  }

  private heads() {
    return withHeadLedger(this.deps.ledgerFile, (ledger) => ledger.heads());
  }
}
