import type { KeyObject } from 'node:crypto';
import { canonicalJson, digest, GENESIS_HASH } from '@whistle/kernel';
import { casesConcerned, historyOrder } from '@whistle/contracts';
import { keyFingerprint, loadPublicKey, verifyCheckpoint, type Checkpoint } from './checkpoint';
import { dossierDigest, largestPerLog, type ProvedEvent } from './dossier-proof';
import { readDossier, Refusal, refuse, type DossierFailure, type DossierInput } from './dossier-input';
import { eventLeafHash, fromHex, inclusionRoot, verifyConsistency } from './merkle';

export type { DossierFailure } from './dossier-input';
export { readHeldCheckpoints } from './dossier-input';

/** A log's checkpoint as the verifier reports it. */
export interface VerifiedCheckpoint {
  readonly log: string;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly timestamp: string;
  /** the earliest checkpoint of the log this one was proved to extend, if the dossier holds one */
  readonly extends: number | null;
}

/** A checkpoint the auditor holds (`--since`), and the dossier's checkpoint of its log proved to extend it (or to be it). */
export interface HeldExtended {
  readonly log: string;
  readonly treeSize: number;
  readonly extendedBy: number;
}

export interface DossierVerified {
  readonly ok: true;
  readonly caseId: string;
  /** the proved events that concern the case: its history, which holds each once, in order */
  readonly events: number;
  /** every event proved: the whole streams the case's events are in */
  readonly provedEvents: number;
  readonly streams: number;
  /** per log, the checkpoint the proofs lead to, in the dossier's order */
  readonly checkpoints: readonly VerifiedCheckpoint[];
  /** per log, the largest checkpoint the auditor holds, which the dossier's extends */
  readonly held: readonly HeldExtended[];
  readonly keyFingerprint: string;
}

export type DossierVerification = DossierVerified | { readonly ok: false; readonly failure: DossierFailure };

/**
 * The offline verifier (离线验证): whether a dossier holds up with nothing but the audit's public
 * key. It checks, in this order, and reports the first failure:
 * 1. the key is Ed25519 and is the one the dossier and every checkpoint name; every checkpoint's
 *    signature; no two checkpoints of one log and size (two signed roots would be a forked log);
 * 2. each event: its body is canonical and names its own id, stream and revision; SHA-256 of its
 *    prevHash and body is its hash; its inclusion proof, for its own leaf index, leads to the
 *    signed root of its log's checkpoint; no event, leaf or revision given twice;
 * 3. each stream: its events are in one log, chain from revision 0 (the genesis hash) without a
 *    gap, and stand in the log in revision order;
 * 4. each earlier checkpoint is proved (consistency) to be extended by the one the proofs lead to;
 *    no checkpoint the dossier was asked to extend (`since`) is missing from the audit; each
 *    checkpoint the auditor holds (`held`, from an earlier dossier: `--since`) is signed with the
 *    key, and the dossier's checkpoint of its log is it or is proved to extend it, so a log
 *    rewritten or put back from an older copy since, and signed again, fails;
 * 5. the history is exactly the proved events that concern the case (the contracts' casesConcerned,
 *    read from the sealed bodies), each once and member for member, in the audit's order (the
 *    contracts' historyOrder: record time, ties in the stores' order);
 * 6. the digest over the body.
 * What it cannot know offline: whether a stream had events after those given that the log took
 * before the checkpoint, or a whole stream was left out (a Merkle log shows what is in it, not
 * what is not); and the case summary, the verification and the minutes, which are the server's
 * account of the events, not folded here from them.
 */
export function verifyDossier(dossier: unknown, publicKeyPem: string, held: readonly Checkpoint[] = []): DossierVerification {
  try {
    return check(readDossier(ofThisRealm(dossier)), publicKeyPem, held);
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, failure: error.failure };
    // A member no check foresaw: still an answer, never a stack trace.
    return { ok: false, failure: { what: 'input', where: 'the dossier', why: `could not be read: ${(error as Error).message}` } };
  }
}

/**
 * JSON parsed in another realm (a test runner's sandbox, a worker) has that realm's prototypes,
 * which the kernel's canonical JSON refuses as not plain: such a value is read as JSON again.
 */
function ofThisRealm(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === Array.prototype || proto === null ? value : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** The failure line the CLI prints after `NOT VERIFIED: `. */
export function failureText(failure: DossierFailure): string {
  return `${failure.where}: ${failure.why}`;
}

const short = (hex: string): string => hex.slice(0, 16);
const checkpointName = (c: { log: string; treeSize: number }): string => `checkpoint ${c.log}@${c.treeSize}`;
const eventName = (e: ProvedEvent): string =>
  `event ${e.eventId} (${e.streamId} revision ${e.revision}, ${e.leafIndex === null ? `not in the ${e.log} log` : `${e.log} leaf ${e.leafIndex}`})`;

/** An event the log holds, with its inclusion proof. */
type LeafEvent = ProvedEvent & { readonly leafIndex: number; readonly inclusion: NonNullable<ProvedEvent['inclusion']> };

/** A checked event and its parsed body, the members later checks read. */
interface Sealed {
  readonly event: LeafEvent;
  readonly prevHash: string;
  /** the cases its sealed body concerns */
  readonly cases: readonly string[];
  readonly members: Readonly<Record<string, unknown>>;
}

function check(input: DossierInput, publicKeyPem: string, held: readonly Checkpoint[]): DossierVerified {
  const { key, fingerprint } = checkKey(input, publicKeyPem);
  const latest = checkCheckpoints(input, key);
  const sealed = new Map<string, Sealed>();
  for (const event of input.proof.events) {
    if (sealed.has(event.eventId)) refuse('event', eventName(event), 'is given twice');
    sealed.set(event.eventId, checkEvent(event, latest));
  }
  const streams = checkStreams([...sealed.values()]);
  const extended = checkConsistency(input, latest);
  const heldExtended = checkHeld(input, held, key, fingerprint, latest);
  checkSince(input);
  checkAbsent(input, latest);
  const events = checkHistory(input, sealed);
  const recomputed = dossierDigest(input.body).value;
  if (recomputed !== input.digest.value) {
    refuse('digest', "the dossier's digest", `is ${short(input.digest.value)}…, but the body gives ${short(recomputed)}…: a member outside the proofs was changed`);
  }
  checkOpenFindings(input);
  return {
    ok: true,
    caseId: input.caseId,
    events,
    provedEvents: input.proof.events.length,
    streams,
    checkpoints: [...latest.values()].map((c) => ({ log: c.log, treeSize: c.treeSize, rootHash: c.rootHash, timestamp: c.timestamp, extends: extended.get(c.log)?.[0] ?? null })),
    held: heldExtended,
    keyFingerprint: fingerprint,
  };
}

/**
 * Last, after every proof held: a dossier the audit made while it held integrity findings no
 * auditor had acknowledged is not taken as verified, whatever its proofs say. The audit itself
 * doubted the record then (a store rewritten in its order, its ledger deleted, a forged message on
 * Kafka): what it found is named, and the auditor who holds the findings is the one to ask.
 */
function checkOpenFindings(input: DossierInput): void {
  const open = input.openFindings;
  if (open.length === 0) return;
  const named = open
    .slice(0, 3)
    .map((f) => `${f.kind}${f.log ? ` (${f.log}${f.streamId ? ` ${f.streamId}@${f.revision ?? '?'}` : ''})` : ''}`)
    .join('; ');
  refuse(
    'findings',
    'the dossier',
    `was made while the audit held ${open.length} integrity finding(s) no auditor had acknowledged: ${named}${open.length > 3 ? '; …' : ''}. The audit doubted the record then; its proofs alone do not settle it (GET /api/audit/findings)`,
  );
}

function checkKey(input: DossierInput, publicKeyPem: string): { key: KeyObject; fingerprint: string } {
  let key: KeyObject;
  try {
    key = loadPublicKey(publicKeyPem, 'the key given');
  } catch (error) {
    refuse('key', 'the public key', (error as Error).message);
  }
  const fingerprint = keyFingerprint(key);
  if (fingerprint !== input.proof.publicKeyFingerprint) {
    refuse('key', 'the public key', `has the fingerprint ${short(fingerprint)}…, but the dossier names ${short(input.proof.publicKeyFingerprint)}…: it is not the key this dossier claims`);
  }
  return { key, fingerprint };
}

/** Every checkpoint's key and signature; per log, the one the proofs must lead to (the largest). */
function checkCheckpoints(input: DossierInput, key: KeyObject): Map<string, Checkpoint> {
  const seen = new Set<string>();
  for (const c of input.proof.checkpoints) {
    if (c.keyFingerprint !== input.proof.publicKeyFingerprint) {
      refuse('checkpoint', checkpointName(c), `is signed by another key (${short(c.keyFingerprint)}…), not the dossier's (${short(input.proof.publicKeyFingerprint)}…)`);
    }
    if (!verifyCheckpoint(c, key)) refuse('checkpoint', checkpointName(c), 'its signature does not verify with the key: the checkpoint was altered or forged');
    const name = `${c.log}@${c.treeSize}`;
    if (seen.has(name)) refuse('checkpoint', checkpointName(c), 'is given twice (two signed checkpoints of one size would be a forked log)');
    seen.add(name);
  }
  return new Map(largestPerLog(input.proof.checkpoints).map((c) => [c.log, c]));
}

function checkEvent(event: ProvedEvent, latest: ReadonlyMap<string, Checkpoint>): Sealed {
  const where = eventName(event);
  const checkpoint = latest.get(event.log);
  if (!checkpoint) refuse('event', where, `its log "${event.log}" has no checkpoint in the dossier`);
  let members: Record<string, unknown>;
  try {
    members = JSON.parse(event.body) as Record<string, unknown>;
  } catch {
    refuse('event', where, 'its body is not JSON');
  }
  if (typeof members !== 'object' || members === null || Array.isArray(members)) refuse('event', where, 'its body is not a JSON object');
  // The stores seal canonical JSON: any other spelling (a key twice, spaces) could read differently elsewhere.
  if (!isCanonical(members, event.body)) refuse('event', where, 'its body is not the canonical JSON the stores seal');
  for (const [member, value] of [
    ['eventId', event.eventId],
    ['streamId', event.streamId],
    ['revision', event.revision],
  ] as const) {
    if (members[member] !== value) refuse('event', where, `its body says ${member} ${JSON.stringify(members[member])}, not ${JSON.stringify(value)}`);
  }
  const prevHash = members['prevHash'];
  if (typeof prevHash !== 'string' || !/^[0-9a-f]{64}$/.test(prevHash)) refuse('event', where, 'its body holds no prevHash of 64 hex digits');
  if (digest(prevHash, event.body) !== event.hash) refuse('event', where, 'SHA-256 of its prevHash and body is not its hash: the body or the hash was altered');
  if (!inLog(event)) refuse('event', where, `the audit's ${event.log} log does not hold it${event.leafIndex === null ? '' : ' under a signed checkpoint'}: it has no inclusion proof`);
  if (event.inclusion.treeSize !== checkpoint.treeSize) {
    refuse('event', where, `its inclusion proof is for ${event.log}@${event.inclusion.treeSize}, not the dossier's ${checkpointName(checkpoint)}`);
  }
  const root = inclusionRoot(
    eventLeafHash(event.hash),
    event.leafIndex,
    event.inclusion.treeSize,
    event.inclusion.path.map((p) => fromHex(p)),
  );
  if (root === null || !root.equals(fromHex(checkpoint.rootHash))) {
    refuse('event', where, `its inclusion proof does not lead to the signed root of ${checkpointName(checkpoint)}: the event is not at leaf ${event.leafIndex} of that log`);
  }
  const cases = casesConcerned({ type: String(members['type']), data: members['data'], streamId: event.streamId, caseId: String(members['caseId']) });
  return { event, prevHash, cases, members };
}

/**
 * A leaf the signed log holds for one of the dossier's streams but whose event the dossier cannot
 * give was removed from the store: once its inclusion proof shows the log really took it, it is
 * named as removed; a proof that does not hold is named as such.
 */
function checkAbsent(input: DossierInput, latest: ReadonlyMap<string, Checkpoint>): void {
  for (const leaf of input.proof.absent ?? []) {
    const where = `event ${leaf.eventId} (${leaf.streamId} revision ${leaf.revision}, ${leaf.log} leaf ${leaf.leafIndex})`;
    const checkpoint = latest.get(leaf.log);
    if (!checkpoint || leaf.inclusion.treeSize !== checkpoint.treeSize) refuse('event', where, `is given as absent, with a proof for no checkpoint of the dossier`);
    const root = inclusionRoot(eventLeafHash(leaf.hash), leaf.leafIndex, leaf.inclusion.treeSize, leaf.inclusion.path.map((p) => fromHex(p)));
    if (root === null || !root.equals(fromHex(checkpoint.rootHash))) refuse('event', where, `is given as absent, but its inclusion proof does not lead to the signed root of ${checkpointName(checkpoint)}`);
    refuse('event', where, `is in the signed ${checkpointName(checkpoint)}, but the record no longer holds it: it was removed from the store`);
  }
}

function inLog(event: ProvedEvent): event is LeafEvent {
  return event.leafIndex !== null && event.inclusion !== null;
}

function isCanonical(members: Record<string, unknown>, body: string): boolean {
  try {
    return canonicalJson(members, 'hash') === body;
  } catch {
    return false;
  }
}

/** Each stream whole: in one log, revisions 0, 1, 2, … chained from the genesis hash, in the log's order. Returns how many streams. */
function checkStreams(events: readonly Sealed[]): number {
  const streams = new Map<string, Sealed[]>();
  const leaves = new Set<string>();
  for (const sealed of events) {
    const e = sealed.event;
    const leaf = `${e.log}:${e.leafIndex}`;
    if (leaves.has(leaf)) refuse('event', eventName(e), `${e.log} leaf ${e.leafIndex} is given for two events`);
    leaves.add(leaf);
    const stream = streams.get(e.streamId) ?? [];
    stream.push(sealed);
    streams.set(e.streamId, stream);
  }
  for (const [streamId, stream] of streams) {
    const where = `stream ${streamId}`;
    stream.sort((a, b) => a.event.revision - b.event.revision);
    const log = stream[0]!.event.log;
    let prevHash = GENESIS_HASH;
    let previous: LeafEvent | null = null;
    for (const { event: e, prevHash: linked } of stream) {
      const expected = previous === null ? 0 : previous.revision + 1;
      if (e.log !== log) refuse('stream', where, `has events in two logs (${log} and ${e.log})`);
      if (previous !== null && e.revision === previous.revision) refuse('stream', where, `revision ${e.revision} is given twice`);
      if (e.revision !== expected) {
        refuse('stream', where, `revision ${e.revision} follows ${previous === null ? 'nothing' : `revision ${previous.revision}`}: ${expected === e.revision - 1 ? `revision ${expected} is` : `revisions ${expected}–${e.revision - 1} are`} left out`);
      }
      if (linked !== prevHash) {
        refuse('stream', where, `revision ${e.revision} does not chain to ${previous === null ? 'the genesis hash' : `revision ${previous.revision}`}`);
      }
      if (previous !== null && e.leafIndex < previous.leafIndex) refuse('stream', where, `revision ${e.revision} stands before revision ${previous.revision} in the ${e.log} log`);
      prevHash = e.hash;
      previous = e;
    }
  }
  return streams.size;
}

/**
 * Every earlier checkpoint extended by its log's latest one, by one consistency proof each;
 * returns, per log, the sizes proved extended, smallest first. A log's latest checkpoint must
 * hold an event of the dossier or a leaf it lost, or be there because the dossier was asked to
 * extend one of its checkpoints (`since`).
 */
function checkConsistency(input: DossierInput, latest: ReadonlyMap<string, Checkpoint>): Map<string, number[]> {
  const extended = new Map<string, number[]>();
  const signed = new Map(input.proof.checkpoints.map((c) => [`${c.log}@${c.treeSize}`, c]));
  for (const entry of input.proof.consistency) {
    const where = `consistency proof ${entry.log}@${entry.fromTreeSize}→${entry.toTreeSize}`;
    const to = latest.get(entry.log);
    if (!to) refuse('consistency', where, `the dossier holds no checkpoint of ${entry.log}`);
    if (entry.toTreeSize !== to.treeSize) refuse('consistency', where, `does not end at the dossier's ${checkpointName(to)}`);
    const from = signed.get(`${entry.log}@${entry.fromTreeSize}`);
    if (!from || from === to) refuse('consistency', where, `starts from no earlier signed checkpoint of ${entry.log} in the dossier`);
    const sizes = extended.get(entry.log) ?? [];
    if (sizes.includes(from.treeSize)) refuse('consistency', where, `is given twice`);
    if (!verifyConsistency(from.treeSize, to.treeSize, fromHex(from.rootHash), fromHex(to.rootHash), entry.path.map((p) => fromHex(p)))) {
      refuse('consistency', where, `does not show that ${checkpointName(to)} extends ${checkpointName(from)}: the log was rewritten between them, or the proof is wrong`);
    }
    extended.set(entry.log, [...sizes, from.treeSize].sort((a, b) => a - b));
  }
  // A log's checkpoint is there for its events, for the leaves the store lost (named below), or because it was asked for.
  const logsProved = new Set([...input.proof.events, ...(input.proof.absent ?? []), ...(input.proof.since ?? []).filter((s) => s.found)].map((e) => e.log));
  for (const c of input.proof.checkpoints) {
    const last = latest.get(c.log)!;
    if (last !== c && !extended.get(c.log)?.includes(c.treeSize)) refuse('checkpoint', checkpointName(c), `no consistency proof ties it to the dossier's ${checkpointName(last)}`);
    if (last === c && !logsProved.has(c.log)) refuse('checkpoint', checkpointName(c), 'no event of the dossier is in that log');
  }
  return extended;
}

const REWRITTEN = 'the log was rewritten or put back from an older copy since the checkpoint you hold';

/**
 * The checkpoints the auditor holds: each signed with the key; per log the largest, which the
 * dossier's checkpoint of that log must be (same root) or extend, by a consistency proof from
 * exactly its size and root. Two roots held for one size would be a forked log.
 */
function checkHeld(input: DossierInput, held: readonly Checkpoint[], key: KeyObject, fingerprint: string, latest: ReadonlyMap<string, Checkpoint>): HeldExtended[] {
  const heldName = (c: Checkpoint) => `the checkpoint you hold, ${c.log}@${c.treeSize}`;
  for (const c of held) {
    if (c.keyFingerprint !== fingerprint) refuse('held', heldName(c), `is signed by another key (${short(c.keyFingerprint)}…), not the one given (${short(fingerprint)}…)`);
    if (!verifyCheckpoint(c, key)) refuse('held', heldName(c), 'its signature does not verify with the key: the file you kept was altered');
    const fork = held.find((o) => o.log === c.log && o.treeSize === c.treeSize && o.rootHash !== c.rootHash);
    if (fork) refuse('held', heldName(c), 'you hold two signed roots for this size: the log forked');
  }
  return largestPerLog(held).map((h): HeldExtended => {
    const where = heldName(h);
    const to = latest.get(h.log);
    const ask = `ask for the dossier with ?since=${h.log}@${h.treeSize}`;
    if (!to) refuse('held', where, `the dossier signs nothing of the ${h.log} log, so it does not show that the log still extends it (${ask})`);
    if (to.treeSize < h.treeSize) refuse('held', where, `the dossier's ${checkpointName(to)} is smaller: ${REWRITTEN}`);
    const same = input.proof.checkpoints.find((c) => c.log === h.log && c.treeSize === h.treeSize);
    if (same && same.rootHash !== h.rootHash) refuse('held', where, `the dossier's ${checkpointName(same)} has another root (${short(same.rootHash)}…, yours ${short(h.rootHash)}…): ${REWRITTEN}`);
    if (to.treeSize > h.treeSize) {
      const entry = input.proof.consistency.find((e) => e.log === h.log && e.fromTreeSize === h.treeSize);
      if (!entry) refuse('held', where, `no consistency proof shows that the dossier's ${checkpointName(to)} extends it (${ask}): without one, ${REWRITTEN} cannot be ruled out`);
      if (!verifyConsistency(h.treeSize, to.treeSize, fromHex(h.rootHash), fromHex(to.rootHash), entry.path.map((p) => fromHex(p)))) {
        refuse('held', where, `the dossier's ${checkpointName(to)} does not extend it: ${REWRITTEN}`);
      }
    }
    return { log: h.log, treeSize: h.treeSize, extendedBy: to.treeSize };
  });
}

/** Each checkpoint the dossier was asked to extend: the audit holds it, and the dossier carries it. */
function checkSince(input: DossierInput): void {
  for (const s of input.proof.since ?? []) {
    const where = `checkpoint ${s.log}@${s.treeSize}, which the dossier was asked to extend`;
    if (!s.found) {
      refuse('since', where, 'the audit holds no signed checkpoint of that size: if you hold one, the audit\'s checkpoints were deleted, or put back from an older copy, since it was signed');
    }
    if (!input.proof.checkpoints.some((c) => c.log === s.log && c.treeSize === s.treeSize)) refuse('since', where, 'is said to be held by the audit, but the dossier does not carry it');
  }
}

/**
 * The history is the case's proved events and nothing else: each proved event whose sealed body
 * concerns the case once, member for member, in the audit's order. Returns how many.
 */
function checkHistory(input: DossierInput, sealed: ReadonlyMap<string, Sealed>): number {
  const ofTheCase = [...sealed.values()]
    .filter((s) => s.cases.includes(input.caseId))
    .sort((a, b) => historyOrder(placeOf(a), placeOf(b)));
  if (ofTheCase.length === 0) refuse('case', `case ${input.caseId}`, 'no proved event concerns this case');
  const seen = new Set<string>();
  for (const h of input.history) {
    const where = `${h.place} (event ${h.eventId})`;
    const proved = sealed.get(h.eventId);
    if (!proved) refuse('history', where, 'is not among the proved events');
    if (seen.has(h.eventId)) refuse('history', where, 'is given twice');
    seen.add(h.eventId);
    if (h.hash !== proved.event.hash) refuse('history', where, `its hash ${short(h.hash)}… is not the proved event's ${short(proved.event.hash)}…`);
    for (const [member, value] of Object.entries(h.entry)) {
      if (member === 'hash') continue;
      if (member === 'service') {
        if (value !== proved.event.log) refuse('history', where, `says it was recorded by ${JSON.stringify(value)}, but its proof is in the ${proved.event.log} log`);
        continue;
      }
      if (!Object.hasOwn(proved.members, member)) refuse('history', where, `carries ${JSON.stringify(member)}, which its sealed body does not hold`);
      if (canonicalJson(value) !== canonicalJson(proved.members[member])) refuse('history', where, `its ${member} is not what its sealed body holds`);
    }
    if (!proved.cases.includes(input.caseId)) {
      const named = proved.cases.length === 0 ? 'no case' : `case ${proved.cases.join(', ')}`;
      refuse('history', where, `does not concern case ${input.caseId}: its sealed body names ${named}`);
    }
  }
  const left = ofTheCase.find((s) => !seen.has(s.event.eventId));
  if (left) refuse('history', 'the history', `leaves out ${eventName(left.event)}, which concerns case ${input.caseId}`);
  input.history.forEach((h, i) => {
    const due = ofTheCase[i]!.event;
    if (h.eventId !== due.eventId) refuse('history', `${h.place} (event ${h.eventId})`, `is out of order: ${eventName(due)} comes first (the history runs by record time, ties in the stores' order)`);
  });
  return ofTheCase.length;
}

/** A proved event's place in a history: its sealed record time, and its leaf in its log (the store's order). */
function placeOf(s: Sealed): { recordedAt: string; service: string; place: number } {
  return { recordedAt: String(s.members['recordedAt']), service: s.event.log, place: s.event.leafIndex };
}
