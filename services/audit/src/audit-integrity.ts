import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { createPublicKey, randomUUID } from 'node:crypto';
import { GENESIS_HASH, hashOf, type Clock, type EventEnvelope } from '@whistle/kernel';
import { SERVICES, type WriteService } from '@whistle/contracts';
import { START, type EventStore, type PositionedEvent, type Subscription } from '@whistle/event-store';
import {
  consistencyProof,
  EMPTY_ROOT,
  generateSigningKeys,
  inclusionProof,
  keyFingerprint,
  loadPrivateKey,
  nodeHash,
  signCheckpoint,
  toHex,
  verifyCheckpoint,
  type Checkpoint,
} from '@whistle/transparency';
import { CheckpointStore, type Finding, type FindingInput } from './checkpoint-store';
import { withHeadLedger } from './head-ledger';
import { leafOfHash, MerkleStore, type Leaf } from './merkle-store';

/** How a problem is told to whoever runs the audit: its logger's `error`/`info`, or nothing. */
export interface IntegrityLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface AuditIntegrityOptions {
  readonly stores: Readonly<Record<WriteService, EventStore>>;
  readonly dataDir: string;
  readonly ledgerFile: string;
  /** AUDIT_SIGNING_KEY_FILE; left out, DATA_DIR/audit-signing-key.pem, made on the first start */
  readonly signingKeyFile?: string | undefined;
  readonly checkpointEvents: number;
  readonly checkpointSeconds: number;
  readonly clock: Clock;
  readonly logger?: IntegrityLogger;
  /** Where each new checkpoint is published besides its file (the Kafka topic in the distributed mode). */
  readonly publish?: (checkpoint: Checkpoint) => Promise<void>;
}

/** One log's state against its latest checkpoint, as a full check found it. */
export interface LogCheck {
  readonly log: WriteService;
  /** events the store holds */
  readonly events: number;
  readonly checkpoint: Checkpoint | null;
  /** the store's log extends the checkpoint, and the checkpoint's signature holds */
  readonly ok: boolean;
}

export interface IntegrityCheck {
  readonly checkedAt: string;
  readonly logs: LogCheck[];
  readonly findings: Finding[];
  readonly ok: boolean;
}

/** An event's place in its log and the proof that the checkpoint holds it. */
export interface InclusionProof {
  readonly log: WriteService;
  readonly leafIndex: number;
  readonly eventId: string;
  readonly eventHash: string;
  readonly leafHash: string;
  readonly checkpoint: Checkpoint;
  readonly proof: string[];
}

const PAGE = 500;
/** How long the follower gathers the stores' events before writing them into the trees. */
const GATHER_MS = 250;
const LEDGER_MARK = 'checkpoints';

/**
 * What makes the record trustworthy without trusting the server (可验证的审计记录): a Merkle log
 * per store, following the store in its own order; checkpoints of each signed with the audit's
 * Ed25519 key at an interval; proofs of inclusion and consistency on demand; and checks of the
 * stores against the latest signed checkpoint, at start and on every verification, that name
 * what changed and keep it as a finding until an auditor acknowledges it.
 */
export class AuditIntegrity {
  private readonly subscriptions: Subscription[] = [];
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<IntegrityCheck> | null = null;
  private queued: Promise<IntegrityCheck> | null = null;
  private ledgerMarked = false;
  private readonly publishing = new Set<Promise<void>>();
  /** the stores' events read but not yet written into the trees, per log, in order */
  private readonly pending = new Map<WriteService, PositionedEvent[]>();
  private flushing: NodeJS.Timeout | undefined;
  private readonly signing = new Map<WriteService, Promise<Checkpoint | null>>();
  readonly publicKey: KeyObject;
  readonly fingerprint: string;

  private constructor(
    private readonly options: AuditIntegrityOptions,
    readonly checkpoints: CheckpointStore,
    readonly merkle: MerkleStore,
    private readonly signingKey: KeyObject,
  ) {
    this.publicKey = createPublicKey(signingKey);
    this.fingerprint = keyFingerprint(this.publicKey);
    checkpoints.onFinding((finding) => options.logger?.error({ finding }, `integrity finding: ${finding.kind}: ${finding.message}`));
  }

  /**
   * Opens the audit's files and notes what is missing that should not be: the ledger gone while
   * checkpoints remain, or the checkpoints gone while the ledger says they were kept. Call it
   * before the ledger's bootstrap (which would otherwise make a new ledger look old), and
   * `afterLedgerBootstrap` after.
   */
  static open(options: AuditIntegrityOptions): AuditIntegrity {
    const signingKey = loadSigningKey(options.signingKeyFile ?? join(options.dataDir, 'audit-signing-key.pem'), options.signingKeyFile === undefined);
    const checkpoints = CheckpointStore.open(join(options.dataDir, 'audit-checkpoints.db'));
    const merkle = MerkleStore.open(join(options.dataDir, 'audit-merkle.db'));
    const integrity = new AuditIntegrity(options, checkpoints, merkle, signingKey.key);
    const now = options.clock.now();
    checkpoints.rememberKey(integrity.fingerprint, integrity.publicKey.export({ type: 'spki', format: 'pem' }).toString(), now);
    options.logger?.info({ fingerprint: integrity.fingerprint, keyFile: signingKey.file, made: signingKey.made }, 'the audit signs its checkpoints with this Ed25519 key');
    if (signingKey.made) {
      options.logger?.warn(
        { keyFile: signingKey.file },
        'AUDIT_SIGNING_KEY_FILE is not set: a signing key was made in DATA_DIR, beside the data it vouches for; in production keep the key apart (npm run keys) and set AUDIT_SIGNING_KEY_FILE',
      );
    }
    integrity.checkLedger((finding) => checkpoints.report(finding, now));
    integrity.checkKeys((finding) => checkpoints.report(finding, now));
    return integrity;
  }

  /**
   * The ledger and the checkpoints each say the other exists: the ledger gone (or another one in
   * its place) while checkpoints remain, or the checkpoints gone while the ledger says they were
   * kept, is a finding. A missing ledger file is not made here: the next bootstrap makes it.
   */
  private checkLedger(report: (finding: FindingInput) => void): void {
    const { ledgerFile } = this.options;
    const ledger = existsSync(ledgerFile) ? withHeadLedger(ledgerFile, (l) => ({ bootstrappedAt: l.bootstrappedAt(), mark: l.meta(LEDGER_MARK) })) : { bootstrappedAt: null, mark: null };
    const signed = this.checkpoints.count();
    const knownLedger = this.checkpoints.meta('ledger_bootstrapped_at');
    const none = { log: null, streamId: null, revision: null, eventId: null };
    if (signed > 0 && ledger.bootstrappedAt === null) {
      report({ ...none, kind: 'ledger_missing', message: `the head ledger (${ledgerFile}) is gone while ${signed} signed checkpoints remain: it was deleted or replaced; a new one trusts only what the stores hold now` });
    } else if (knownLedger !== null && ledger.bootstrappedAt !== null && knownLedger !== ledger.bootstrappedAt) {
      report({ ...none, kind: 'ledger_missing', message: `the head ledger was replaced: it was begun at ${ledger.bootstrappedAt}, the one the checkpoints were kept beside at ${knownLedger}` });
    }
    if (ledger.mark !== null && signed === 0) {
      report({ ...none, kind: 'checkpoints_missing', message: `the signed checkpoints are gone (audit-checkpoints.db), though the ledger records they were kept since ${ledger.mark}: they were deleted or replaced` });
    }
  }

  /**
   * A log whose newest checkpoint was signed by another key this audit used before: the key was
   * changed (a key file set where one was made, a rotation). Checkpoints are still held to the key
   * they name; from now on this key signs, starting with the same sizes again, and an auditor
   * confirms the change by acknowledging it. A key the audit never used is a forged checkpoint.
   */
  private checkKeys(report: (finding: FindingInput) => void): void {
    for (const log of SERVICES) {
      const newest = this.checkpoints.latest(log);
      if (newest === null || newest.keyFingerprint === this.fingerprint) continue;
      if (this.keyOf(newest.keyFingerprint) === null) continue; // named by the check as checkpoint_signature
      report({
        kind: 'key_changed',
        log: null,
        streamId: null,
        revision: null,
        eventId: null,
        message: `the audit now signs with key ${this.fingerprint}; its checkpoints until now were signed with key ${newest.keyFingerprint}: an auditor confirms the change (and hands the new public key to those who verify dossiers)`,
      });
      return;
    }
  }

  /** A key this audit has signed with, by fingerprint. */
  private keyOf(fingerprint: string): KeyObject | null {
    if (fingerprint === this.fingerprint) return this.publicKey;
    const pem = this.checkpoints.keyOf(fingerprint);
    return pem === null ? null : createPublicKey(pem);
  }

  /** Whether the checkpoint carries the signature of the key it names, a key this audit has signed with. */
  private signatureHolds(checkpoint: Checkpoint): boolean {
    const key = this.keyOf(checkpoint.keyFingerprint);
    return key !== null && verifyCheckpoint(checkpoint, key);
  }

  /** The log's newest checkpoint whose signature holds: one damaged row does not turn the check of the store off. */
  private newestSigned(log: WriteService): Checkpoint | null {
    for (const checkpoint of this.checkpoints.newest(log, 64)) if (this.signatureHolds(checkpoint)) return checkpoint;
    return null;
  }

  /**
   * Holds the audit's own checkpoints to the copies it published elsewhere (the Kafka topic in the
   * distributed mode), read back at start: a copy the checkpoint file no longer holds is restored
   * from it and named (the file was deleted or put back from an older copy), so the stores are
   * held to it again; a copy signed by a key this audit does not know, or a second root for one
   * size, is named too. Call it before `start`.
   */
  anchorTo(published: readonly unknown[], where: string): void {
    const now = this.options.clock.now();
    const report = (finding: FindingInput) => this.checkpoints.report(finding, now);
    const newest = new Map<WriteService, Checkpoint>();
    for (const value of published) {
      const c = value as Checkpoint;
      if (typeof c !== 'object' || c === null || !(SERVICES as readonly string[]).includes(c.log) || !Number.isSafeInteger(c.treeSize)) continue;
      const log = c.log as WriteService;
      if ((newest.get(log)?.treeSize ?? -1) < c.treeSize) newest.set(log, c);
    }
    for (const [log, c] of newest) {
      const at = { log, streamId: null, revision: null, eventId: null };
      if (!this.signatureHolds(c)) {
        report({ ...at, kind: 'checkpoint_signature', message: `the ${where} holds ${log}@${c.treeSize} signed by key ${c.keyFingerprint}, which this audit does not sign with or know: its key was replaced (with its files), or the copy was forged` });
        continue;
      }
      const local = this.checkpoints.at(log, c.treeSize, c.keyFingerprint);
      if (local !== null && local.keyFingerprint === c.keyFingerprint) {
        if (local.rootHash !== c.rootHash) report({ ...at, kind: 'log_inconsistent', message: `two roots signed for ${log}@${c.treeSize}: ${local.rootHash} in the audit's file, ${c.rootHash} in the ${where}` });
        continue;
      }
      this.checkpoints.add(c);
      report({
        ...at,
        kind: 'checkpoints_missing',
        message: `the ${where} holds the checkpoint ${log}@${c.treeSize} (${c.timestamp}), which the audit's own checkpoint file no longer did: the file was deleted or put back from an older copy; it is restored from the copy, and the store is held to it`,
      });
    }
  }

  /** Ties the ledger and the checkpoints to each other, so either going missing is seen next time. */
  afterLedgerBootstrap(): void {
    withHeadLedger(this.options.ledgerFile, (ledger) => {
      const bootstrappedAt = ledger.bootstrappedAt();
      if (bootstrappedAt !== null) this.checkpoints.setMeta('ledger_bootstrapped_at', bootstrappedAt);
    });
    if (this.checkpoints.count() > 0) this.markLedger();
  }

  /** The ledger notes that checkpoints are kept (from the first one on), so their file going missing is seen. */
  private markLedger(): void {
    if (this.ledgerMarked) return;
    withHeadLedger(this.options.ledgerFile, (ledger) => {
      if (ledger.meta(LEDGER_MARK) === null) ledger.setMeta(LEDGER_MARK, this.options.clock.now());
    });
    this.ledgerMarked = true;
  }

  /** Follows the stores into the logs, signs checkpoints as they grow, and checks the stores against the latest checkpoints once. */
  start(): void {
    for (const log of SERVICES) {
      this.subscriptions.push(
        this.options.stores[log].subscribe({
          // In memory (the tree keeps its own position); unique, as tests may follow one store twice.
          subscriptionId: `audit-merkle-${log}-${randomUUID().slice(0, 8)}`,
          inMemory: true,
          from: this.merkle.position(log),
          // Gathered and written a few times a second: one transaction per page of a busy store cost 9 % of the embedded system's CPU.
          handleBatch: async (events) => this.gather(log, events),
        }),
      );
    }
    this.timer = setInterval(() => void this.checkpointAll().catch((error: unknown) => this.options.logger?.error({ err: error }, 'checkpointing failed')), this.options.checkpointSeconds * 1000);
    this.timer.unref();
    void this.check().catch((error: unknown) => this.options.logger?.error({ err: error }, 'the integrity check at start failed'));
  }

  /** Resolves once the logs hold every event their stores held when called. */
  async caughtUp(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.caughtUp()));
    await this.flushAll();
  }

  private gather(log: WriteService, events: readonly PositionedEvent[]): void {
    const pending = this.pending.get(log);
    if (pending) pending.push(...events);
    else this.pending.set(log, [...events]);
    this.flushing ??= setTimeout(() => {
      this.flushing = undefined;
      void this.flushAll().catch((error: unknown) => this.options.logger?.error({ err: error }, 'the Merkle logs could not take the stores’ new events; retried'));
    }, GATHER_MS);
  }

  /**
   * Writes what was gathered into the trees, and signs where a log grew past the interval. What a
   * write failed on stays gathered, in order, for the next try: a tree never skips an event.
   */
  private async flushAll(): Promise<void> {
    for (const log of SERVICES) {
      const events = this.pending.get(log);
      if (!events || events.length === 0) continue;
      this.pending.set(log, []);
      let size: number;
      try {
        size = this.merkle.append(log, events);
      } catch (error) {
        this.pending.set(log, [...events, ...(this.pending.get(log) ?? [])]);
        this.flushing ??= setTimeout(() => {
          this.flushing = undefined;
          void this.flushAll().catch(() => undefined);
        }, 1000);
        throw error;
      }
      const latest = this.checkpoints.latest(log);
      if (size - (latest?.treeSize ?? 0) >= this.options.checkpointEvents) await this.checkpoint(log);
    }
  }

  /** A checkpoint of every log that grew since its last one. */
  async checkpointAll(): Promise<Checkpoint[]> {
    const made = await Promise.all(SERVICES.map((log) => this.checkpoint(log)));
    return made.filter((c): c is Checkpoint => c !== null);
  }

  /**
   * Signs the log's current tree if it grew, after making sure the tree still extends the last
   * checkpoint (the tree file is the audit's copy, and could have been changed or rebuilt from a
   * changed store): if it does not, nothing is signed and a finding says why.
   */
  checkpoint(log: WriteService): Promise<Checkpoint | null> {
    const running = this.signing.get(log);
    if (running) return running;
    const signing = Promise.resolve()
      .then(() => this.signNow(log))
      .finally(() => this.signing.delete(log));
    this.signing.set(log, signing);
    return signing;
  }

  private async signNow(log: WriteService): Promise<Checkpoint | null> {
    const size = this.merkle.size(log);
    const latest = this.newestSigned(log);
    // Nothing new, unless the last was signed by a key this audit no longer signs with: then this key signs the same size again.
    if (size === 0 || (latest !== null && (size < latest.treeSize || (size === latest.treeSize && latest.keyFingerprint === this.fingerprint)))) return null;
    if (latest !== null && !this.treeExtends(log, latest)) {
      this.checkpoints.report(
        {
          kind: 'log_inconsistent',
          log,
          streamId: null,
          revision: null,
          eventId: null,
          message: `the audit's tree of the ${log} log no longer extends its checkpoint at ${latest.treeSize} events (root ${latest.rootHash}): no further checkpoint is signed until an auditor has looked`,
        },
        this.options.clock.now(),
      );
      return null;
    }
    const checkpoint = signCheckpoint({ log, treeSize: size, rootHash: toHex(this.merkle.root(log, size)), timestamp: this.options.clock.now() }, this.signingKey);
    this.checkpoints.add(checkpoint);
    this.markLedger();
    this.options.logger?.info({ log, treeSize: size, rootHash: checkpoint.rootHash }, 'checkpoint signed');
    // Published without holding the tree back: a slow broker must not stall the follower, dossiers or proofs.
    if (this.options.publish) {
      const publishing = this.options
        .publish(checkpoint)
        .catch((error: unknown) => this.options.logger?.error({ err: error, log, treeSize: size }, 'the checkpoint could not be published; it is kept in its file'))
        .finally(() => this.publishing.delete(publishing));
      this.publishing.add(publishing);
    }
    return checkpoint;
  }

  /** Whether the audit's tree of the log, at the checkpoint's size, has the checkpoint's root, and the checkpoint's signature holds. */
  private treeExtends(log: WriteService, checkpoint: Checkpoint): boolean {
    return this.signatureHolds(checkpoint) && this.merkle.size(log) >= checkpoint.treeSize && toHex(this.merkle.root(log, checkpoint.treeSize)) === checkpoint.rootHash;
  }

  /**
   * Makes sure each of these leaves is under a signed checkpoint, signing one now where not, and
   * gives the checkpoint each log's proofs lead to.
   */
  async covering(leaves: readonly Leaf[]): Promise<Map<WriteService, Checkpoint>> {
    const logs = new Set(leaves.map((l) => l.log as WriteService));
    const result = new Map<WriteService, Checkpoint>();
    for (const log of logs) {
      const needed = Math.max(...leaves.filter((l) => l.log === log).map((l) => l.leafIndex)) + 1;
      // The dossier's checkpoints are this key's: the one its readers verify with.
      let latest = this.checkpoints.latest(log, this.fingerprint);
      if (latest === null || latest.treeSize < needed) latest = (await this.checkpoint(log)) ?? this.checkpoints.latest(log, this.fingerprint);
      if (latest !== null && latest.treeSize >= needed) result.set(log, latest);
    }
    return result;
  }

  /** The inclusion proof of a leaf against a checkpoint of its log. */
  inclusion(leaf: Leaf, checkpoint: Checkpoint): InclusionProof {
    return {
      log: leaf.log as WriteService,
      leafIndex: leaf.leafIndex,
      eventId: leaf.eventId,
      eventHash: leaf.eventHash,
      leafHash: toHex(leafOfHash(leaf.eventHash)),
      checkpoint,
      proof: inclusionProof(this.merkle.source(leaf.log), leaf.leafIndex, checkpoint.treeSize).map(toHex),
    };
  }

  consistency(log: WriteService, from: number, to: number): string[] {
    return consistencyProof(this.merkle.source(log), from, to).map(toHex);
  }

  /** Open findings call for attention on /api/ready, named (the first few), until an auditor acknowledges them. */
  readiness(): { attention: string } | undefined {
    const open = this.checkpoints.open();
    if (open.length === 0) return undefined;
    const named = open.slice(0, 3).map((f) => `${f.kind}${f.log ? ` (${f.log}${f.streamId ? ` ${f.streamId}@${f.revision}` : ''})` : ''}`);
    return { attention: `${open.length} integrity finding(s) not acknowledged: ${named.join('; ')}${open.length > 3 ? '; …' : ''} (GET /api/audit/findings)` };
  }

  report(finding: FindingInput): Finding {
    return this.checkpoints.report(finding, this.options.clock.now());
  }

  /**
   * Reads every store whole, in its own order: recomputes each event's hash and each stream's
   * chain, and holds the store's log against its latest signed checkpoint (its root at the
   * checkpoint's size, and whether the store still holds that many). What is wrong is named and
   * recorded as a finding. Runs one at a time; a caller during a run shares it.
   */
  check(): Promise<IntegrityCheck> {
    // A check asked for while one runs waits for it and then reads afresh (what it must see may
    // have happened after the running one read past it); callers waiting meanwhile share that next one.
    if (this.checking) {
      this.queued ??= this.checking.catch(() => undefined).then(() => {
        this.queued = null;
        return this.check();
      });
      return this.queued;
    }
    this.checking = this.checkNow().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  /**
   * The same check over events a caller has already read from every store, each store's in its
   * order (the whole verification reads them for the chains and the ledger's heads, which it
   * checks itself): the stores are not read again, and the chains are not recomputed here.
   */
  checkRead(read: ReadonlyMap<WriteService, readonly EventEnvelope[]>): Promise<IntegrityCheck> {
    return this.checkNow(read);
  }

  private async checkNow(read?: ReadonlyMap<WriteService, readonly EventEnvelope[]>): Promise<IntegrityCheck> {
    const checkedAt = this.options.clock.now();
    const found: Finding[] = [];
    const report = (finding: FindingInput) => found.push(this.checkpoints.report(finding, checkedAt));
    this.checkLedger(report);
    const logs: LogCheck[] = [];
    for (const log of SERVICES) logs.push(await this.checkLog(log, report, read?.get(log) ?? (read ? [] : undefined)));
    const open = this.checkpoints.open();
    return { checkedAt, logs, findings: found, ok: found.length === 0 && open.length === 0 };
  }

  /** The store's events in its order, page by page: read from the store, or the ones given. */
  private async *pagesOf(log: WriteService, given: readonly EventEnvelope[] | undefined): AsyncGenerator<readonly EventEnvelope[]> {
    if (given) {
      yield given;
      return;
    }
    for (let from = START; ; ) {
      const page = await this.options.stores[log].readAll({ from, maxCount: PAGE });
      const last = page.at(-1);
      if (!last) return;
      yield page.map((p) => p.event);
      from = last.position;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** `given`: the store's events already read (the chains then are the caller's to check). */
  private async checkLog(log: WriteService, reportTo: (finding: FindingInput) => void, given?: readonly EventEnvelope[]): Promise<LogCheck> {
    let problems = 0;
    const report = (finding: FindingInput) => {
      problems += 1;
      reportTo(finding);
    };
    const newest = this.checkpoints.latest(log);
    if (newest !== null && !this.signatureHolds(newest)) {
      report({
        kind: 'checkpoint_signature',
        log,
        streamId: null,
        revision: null,
        eventId: null,
        message: `the ${log} log's checkpoint at ${newest.treeSize} events does not carry the signature of the key it names (${newest.keyFingerprint}), a key this audit signs with: the checkpoint file was altered`,
      });
    }
    // Held against the newest checkpoint that still verifies, so a damaged row does not hide a changed store.
    const checkpoint = this.newestSigned(log);
    const signed = newest;
    const range = new CompactRange();
    const chains = new Map<string, { revision: number; hash: string }>();
    let events = 0;
    let rootAtCheckpoint: Buffer | null = checkpoint !== null && checkpoint.treeSize === 0 ? EMPTY_ROOT : null;
    for await (const page of this.pagesOf(log, given)) {
      for (const event of page) {
        if (!given) checkChain(log, event, chains, report);
        range.push(leafOfHash(event.hash));
        events += 1;
        if (checkpoint !== null && events === checkpoint.treeSize) rootAtCheckpoint = range.root();
      }
    }
    let consistent = true;
    if (checkpoint !== null) {
      if (events < checkpoint.treeSize) {
        consistent = false;
        const firstGone = this.treeExtends(log, checkpoint) ? this.merkle.leafAt(log, events) : null;
        report({
          kind: 'log_truncated',
          log,
          streamId: firstGone?.streamId ?? null,
          revision: firstGone?.revision ?? null,
          eventId: firstGone?.eventId ?? null,
          message: `the ${log} store holds ${events} events, but the audit signed its log at ${checkpoint.treeSize} (${checkpoint.timestamp}): events were cut off the end or the store was replaced by an older copy${firstGone ? `; the first one gone is ${firstGone.streamId}@${firstGone.revision} (event ${firstGone.eventId})` : ''}`,
        });
      } else if (toHex(rootAtCheckpoint ?? EMPTY_ROOT) !== checkpoint.rootHash) {
        consistent = false;
        report(await this.firstDifference(log, checkpoint));
      }
    }
    return { log, events, checkpoint: signed, ok: consistent && problems === 0 };
  }

  /** Names the first event where the store's log leaves the signed one, when the audit's tree can say. */
  private async firstDifference(log: WriteService, checkpoint: Checkpoint): Promise<FindingInput> {
    const generic = `the ${log} store's log no longer extends the checkpoint signed at ${checkpoint.treeSize} events (${checkpoint.timestamp}): an event before it was edited, deleted, inserted or reordered`;
    if (!this.treeExtends(log, checkpoint)) {
      return { kind: 'log_inconsistent', log, streamId: null, revision: null, eventId: null, message: `${generic}; the audit's own tree was rebuilt or changed too, so the event cannot be named here (a dossier made before names it)` };
    }
    let index = 0;
    for (let from = START; index < checkpoint.treeSize; ) {
      const page = await this.options.stores[log].readAll({ from, maxCount: PAGE });
      const last = page.at(-1);
      if (!last) break;
      for (const { event } of page) {
        if (index >= checkpoint.treeSize) break;
        const signed = this.merkle.leafAt(log, index);
        if (signed !== null && signed.eventHash !== event.hash) {
          const kind = signed.eventId === event.eventId ? 'edited (its hash changed)' : `not the one signed there (${signed.streamId}@${signed.revision}, event ${signed.eventId}): deleted, inserted or reordered`;
          return {
            kind: 'log_inconsistent',
            log,
            streamId: event.streamId,
            revision: event.revision,
            eventId: event.eventId,
            message: `${generic}: the first difference is at event ${index} of the log, where the store holds ${event.streamId}@${event.revision} (event ${event.eventId}), ${kind}`,
          };
        }
        index += 1;
      }
      from = last.position;
    }
    return { kind: 'log_inconsistent', log, streamId: null, revision: null, eventId: null, message: generic };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled(this.subscriptions.map((s) => s.stop()));
    clearTimeout(this.flushing);
    await this.flushAll().catch((error: unknown) => this.options.logger?.error({ err: error }, 'the Merkle logs could not take the last events; the next start reads them again'));
    await this.checking?.catch(() => undefined);
    await this.checkpointAll().catch(() => []);
    await Promise.allSettled([...this.publishing]);
    this.merkle.close();
    this.checkpoints.close();
  }
}

/** The stream's chain, one event at a time in the store's order: the kernel's verifyStream, kept per stream. */
function checkChain(log: WriteService, event: EventEnvelope, chains: Map<string, { revision: number; hash: string }>, report: (finding: FindingInput) => void): void {
  const before = chains.get(event.streamId);
  const expectedRevision = before ? before.revision + 1 : 0;
  const prevHash = before?.hash ?? GENESIS_HASH;
  const at = { log, streamId: event.streamId, revision: event.revision, eventId: event.eventId };
  const where = `${event.streamId}@${event.revision} (event ${event.eventId}, ${event.type})`;
  if (event.revision !== expectedRevision) report({ ...at, kind: 'revision_gap', message: `${where}: revision ${event.revision} where ${expectedRevision} was due` });
  if (event.prevHash !== prevHash) report({ ...at, kind: 'prev_hash_mismatch', message: `${where}: does not chain to the event before it (one was removed, inserted or altered)` });
  if (hashOf(event) !== event.hash) report({ ...at, kind: 'hash_mismatch', message: `${where}: its content does not match its hash (altered)` });
  chains.set(event.streamId, { revision: event.revision, hash: event.hash });
}

/**
 * The right edge of a growing tree: the perfect subtrees its leaves make so far, largest first.
 * O(log n) memory, so a store of any size is held against a checkpoint without keeping its leaves.
 */
export class CompactRange {
  private readonly stack: { size: number; hash: Buffer }[] = [];

  push(leaf: Buffer): void {
    let node = { size: 1, hash: leaf };
    for (let top = this.stack.at(-1); top !== undefined && top.size === node.size; top = this.stack.at(-1)) {
      this.stack.pop();
      node = { size: node.size * 2, hash: nodeHash(top.hash, node.hash) };
    }
    this.stack.push(node);
  }

  /** MTH of the leaves pushed so far. */
  root(): Buffer {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let root = this.stack.at(-1)!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) root = nodeHash(this.stack[i]!.hash, root);
    return root;
  }
}

/** The signing key from its file; made there (0600) on the first start when the setting was left out. */
function loadSigningKey(file: string, makeIfMissing: boolean): { key: KeyObject; file: string; made: boolean } {
  let made = false;
  if (!existsSync(file)) {
    if (!makeIfMissing) throw new Error(`AUDIT_SIGNING_KEY_FILE: no key at ${file} (npm run keys makes a pair)`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, generateSigningKeys().privatePem, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    made = true;
  }
  return { key: loadPrivateKey(readFileSync(file, 'utf8'), `AUDIT_SIGNING_KEY_FILE (${file})`), file, made };
}
