/**
 * Dossiers made the way the audit makes them, from events sealed by the kernel's own sealBatch,
 * logs hashed into MemorySubtrees and checkpoints signed with a real Ed25519 key: for the
 * verifier's specs and the bench; specs and benches only (`@whistle/transparency/testing`).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { sealBatch, sealedBody, type EventEnvelope } from '@whistle/kernel';
import { casesConcerned, historyOrder } from '@whistle/contracts';
import { loadPrivateKey, signCheckpoint, generateSigningKeys, type Checkpoint } from './checkpoint';
import { dossierDigest, DOSSIER_PROOF_FORMAT, type CheckpointAt, type ConsistencyEntry, type DossierProof, type ProvedEvent } from './dossier-proof';
import { consistencyProof, eventLeafHash, inclusionProof, MemorySubtrees, toHex } from './merkle';

export interface SampleKeys {
  readonly privatePem: string;
  readonly publicPem: string;
  readonly fingerprint: string;
}

/** A fresh Ed25519 pair, as `npm run keys` makes. */
export const sampleKeys = (): SampleKeys => generateSigningKeys();

interface SampleLog {
  readonly events: EventEnvelope[];
  readonly tree: MemorySubtrees;
  readonly checkpoints: Checkpoint[];
}

/** A dossier as plain JSON, as it arrives in a file: specs change it freely. */
export type DossierJson = Record<string, unknown> & { proof: Record<string, unknown> & { events: ProvedEventJson[]; checkpoints: CheckpointJson[]; consistency: ConsistencyJson[] } };
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** The sample's events are all in their logs under a checkpoint: a spec that says otherwise sets null itself. */
export type ProvedEventJson = Mutable<Omit<ProvedEvent, 'leafIndex' | 'inclusion'>> & { leafIndex: number; inclusion: { treeSize: number; path: string[] } };
export type CheckpointJson = Mutable<Checkpoint>;
export type ConsistencyJson = Mutable<Omit<ConsistencyEntry, 'path'>> & { path: string[] };

/**
 * The four stores' logs (or any), each event sealed into its stream and appended to its log's
 * tree, one second apart; checkpoints signed when asked, or when a dossier needs one.
 */
export class SampleLogs {
  private readonly logs = new Map<string, SampleLog>();
  private readonly heads = new Map<string, { revision: number; hash: string }>();
  private readonly privateKey;
  private clock: number;
  private ids = 0;
  private holding = false;

  constructor(
    readonly keys: SampleKeys = sampleKeys(),
    start = '2026-11-21T08:00:00.000Z',
  ) {
    this.privateKey = loadPrivateKey(keys.privatePem);
    this.clock = Date.parse(start);
  }

  now(): string {
    return new Date(this.clock).toISOString();
  }

  /** What `record` appends is recorded at one moment (one second after the last), as events of one command are. */
  sameMoment(record: () => void): void {
    this.clock += 1000;
    this.holding = true;
    try {
      record();
    } finally {
      this.holding = false;
    }
  }

  /** Seals one event at the end of its stream and appends it to the log. */
  append(log: string, streamId: string, caseId: string, type: string, data: Record<string, unknown> = {}): EventEnvelope {
    if (!this.holding) this.clock += 1000;
    this.ids += 1;
    const at = this.now();
    const [event] = sealBatch(
      streamId,
      [
        {
          eventId: `ev-${this.ids}`,
          type,
          data: { caseId, ...data },
          caseId,
          occurredAt: at,
          actor: { id: `station-north-${this.ids % 3}`, role: 'station', stationId: 'station-north' },
          correlationId: `corr-${this.ids}`,
          causationId: null,
        },
      ],
      this.heads.get(streamId) ?? null,
      at,
    );
    this.heads.set(streamId, { revision: event!.revision, hash: event!.hash });
    return this.appendSealed(log, event!);
  }

  /** Appends an event sealed elsewhere, as it is: a log holding what a tampered store held when it was signed. */
  appendSealed(log: string, event: EventEnvelope): EventEnvelope {
    const held = this.log(log);
    held.events.push(event);
    held.tree.push(eventLeafHash(event.hash));
    return event;
  }

  /**
   * The logs as an audit whose files were all deleted would rebuild them from stores that kept
   * only the events `keep` keeps, with the same key and no checkpoint yet: a new history that
   * verifies alone. Later appends go on from the events kept.
   */
  rebuilt(keep: (log: string, event: EventEnvelope) => boolean): SampleLogs {
    const copy = new SampleLogs(this.keys, this.now());
    copy.ids = this.ids;
    for (const [log, held] of this.logs) {
      for (const event of held.events.filter((e) => keep(log, e))) {
        copy.appendSealed(log, event);
        copy.heads.set(event.streamId, { revision: event.revision, hash: event.hash });
      }
    }
    return copy;
  }

  /** Signs the log as it stands. */
  checkpoint(log: string): Checkpoint {
    const held = this.log(log);
    const signed = signCheckpoint({ log, treeSize: held.tree.size, rootHash: toHex(held.tree.root()), timestamp: this.now() }, this.privateKey);
    held.checkpoints.push(signed);
    return signed;
  }

  /**
   * The case's dossier as the audit exports it: its history, and the proof section over every
   * stream holding one of its events.
   */
  dossier(caseId: string, since: readonly CheckpointAt[] = []): DossierJson {
    const streams = new Set([...this.logs.values()].flatMap((l) => l.events.filter((e) => casesConcerned(e).includes(caseId)).map((e) => e.streamId)));
    const proof = this.proof(streams, since);
    // The audit's rules: the events that concern the case, by record time, ties in the stores' order.
    const history = [...this.logs]
      .flatMap(([service, held]) => held.events.flatMap((e, leafIndex) => (casesConcerned(e).includes(caseId) ? [{ service, e, leafIndex }] : [])))
      .sort((a, b) => historyOrder({ recordedAt: a.e.recordedAt, service: a.service, place: a.leafIndex }, { recordedAt: b.e.recordedAt, service: b.service, place: b.leafIndex }))
      .map(({ service, e }) => historyEntry(service, e));
    const body = {
      caseId,
      format: 'json',
      generatedAt: this.now(),
      case: { id: caseId, status: 'closed' },
      history,
      verification: { ok: true, checkedStreams: streams.size, checkedEvents: proof.events.length, breaks: [] },
      minutes: [],
      proof,
    };
    return JSON.parse(JSON.stringify({ ...body, digest: dossierDigest(body) })) as DossierJson;
  }

  /**
   * The proof section over these streams, whole: every event of theirs, in (log, leaf) order,
   * leading to each log's latest checkpoint (signed now when none covers them), with the
   * consistency proof from the first checkpoint that covered any of them, and from each
   * checkpoint asked for (`since`), as the audit makes it.
   */
  proof(streams: ReadonlySet<string>, since: readonly CheckpointAt[] = []): DossierProof {
    const events: ProvedEvent[] = [];
    const checkpoints: Checkpoint[] = [];
    const consistency: ConsistencyEntry[] = [];
    const asked = since.map((s) => ({ ...s, checkpoint: this.logs.get(s.log)?.checkpoints.find((c) => c.treeSize === s.treeSize) ?? null }));
    for (const [log, held] of this.logs) {
      const leaves = held.events.flatMap((e, leafIndex) => (streams.has(e.streamId) ? [{ e, leafIndex }] : []));
      const earlier = asked.flatMap((a) => (a.log === log && a.checkpoint !== null ? [a.checkpoint] : []));
      if (leaves.length === 0 && earlier.length === 0) continue;
      const lastLeaf = leaves.at(-1)?.leafIndex ?? -1;
      const latest = held.checkpoints.at(-1);
      const target = latest !== undefined && latest.treeSize > lastLeaf ? latest : this.checkpoint(log);
      const first = leaves.length > 0 ? held.checkpoints.find((c) => c.treeSize > leaves[0]!.leafIndex)! : undefined;
      for (const from of [...new Set([first, ...earlier])].filter((c): c is Checkpoint => c !== undefined && c !== target).sort((a, b) => a.treeSize - b.treeSize)) {
        checkpoints.push(from);
        consistency.push({ log, fromTreeSize: from.treeSize, toTreeSize: target.treeSize, path: consistencyProof(held.tree, from.treeSize, target.treeSize).map(toHex) });
      }
      checkpoints.push(target);
      for (const { e, leafIndex } of leaves) {
        events.push({
          log,
          leafIndex,
          streamId: e.streamId,
          revision: e.revision,
          eventId: e.eventId,
          body: sealedBody(e),
          hash: e.hash,
          inclusion: { treeSize: target.treeSize, path: inclusionProof(held.tree, leafIndex, target.treeSize).map(toHex) },
        });
      }
    }
    return {
      format: DOSSIER_PROOF_FORMAT,
      publicKeyFingerprint: this.keys.fingerprint,
      checkpoints,
      events,
      consistency,
      ...(since.length > 0 ? { since: asked.map(({ log, treeSize, checkpoint }) => ({ log, treeSize, found: checkpoint !== null })) } : {}),
    };
  }

  private log(log: string): SampleLog {
    let held = this.logs.get(log);
    if (!held) this.logs.set(log, (held = { events: [], tree: new MemorySubtrees(), checkpoints: [] }));
    return held;
  }
}

/** An entry of the audit's history: the envelope as stored, less the case id, with the service that holds it. */
function historyEntry(service: string, e: EventEnvelope) {
  const { streamId, revision, eventId, type, occurredAt, recordedAt, actor, correlationId, causationId, prevHash, hash, data } = e;
  return { service, streamId, revision, eventId, type, occurredAt, recordedAt, actor, correlationId, causationId, prevHash, hash, data };
}

/**
 * Case c1's record across the four logs, among other cases' events: its own stream, its whistle,
 * a task, and a meeting stream that begins with another case's event. Intake and escalation were
 * signed part-way, so their dossier carries a consistency proof from that earlier checkpoint.
 */
export function sampleCase(keys: SampleKeys = sampleKeys()): SampleLogs {
  const logs = new SampleLogs(keys);
  const noise = (n: number) => {
    for (let i = 0; i < n; i++) {
      const other = `c${10 + i}`;
      logs.append(['intake', 'escalation', 'enforcement', 'adjudication'][i % 4]!, `stream-${other}`, other, 'intake.CaseReported.v1', { n: i });
    }
  };
  noise(5);
  logs.append('intake', 'case-c1', 'c1', 'intake.CaseReported.v1', { description: '消防通道被占用 <b>', reporter: { keyId: 'pd-c1', ciphertext: 'c2VhbGVk' } });
  logs.append('intake', 'case-c1', 'c1', 'intake.CaseRouted.v1', { stationId: 'station-north' });
  logs.append('escalation', 'whistle-c1', 'c1', 'escalation.TriageOpened.v1');
  logs.checkpoint('intake');
  logs.checkpoint('escalation');
  noise(13);
  logs.append('escalation', 'whistle-c1', 'c1', 'escalation.WhistleBlown.v1', { level: 2, units: ['unit-chengguan'] });
  logs.append('enforcement', 'task-c1-a', 'c1', 'enforcement.TaskAssigned.v1', { unitId: 'unit-chengguan' });
  noise(7);
  logs.append('enforcement', 'task-c1-a', 'c1', 'enforcement.TaskReportedIn.v1', { unitId: 'unit-chengguan' });
  logs.append('adjudication', 'meeting-m1', 'c2', 'adjudication.MeetingScheduled.v1', { agenda: ['c2'] });
  logs.append('adjudication', 'meeting-m1', 'c1', 'adjudication.CaseTabled.v1', { meetingId: 'm1' });
  noise(9);
  logs.append('intake', 'case-c1', 'c1', 'intake.CaseClosed.v1');
  return logs;
}

/** Recomputes a dossier's digest after a spec changed its body, as a server that lies would. */
export function redigest(dossier: DossierJson): DossierJson {
  const { digest: _digest, ...body } = dossier;
  return { ...body, digest: dossierDigest(body) } as DossierJson;
}

const ROOT = join(__dirname, '..', '..', '..');

/** `npm run <script> -- args` (verify, keys), typed in `cwd` as a user would type it there (npm finds the package by --prefix). */
export function npmRun(cwd: string, script: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('npm', ['--prefix', ROOT, 'run', '-s', script, '--', ...args], { cwd, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
