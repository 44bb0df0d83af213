import { checkpointText, type Checkpoint } from './checkpoint';
import { DOSSIER_PROOF_FORMAT, type AbsentLeaf, type ConsistencyEntry, type DossierDigest, type DossierProof, type ProvedEvent, type SinceEntry } from './dossier-proof';

/**
 * Reading a dossier given as parsed JSON, member by member: whatever a server (or anyone on the
 * way) put there, a member of the wrong type is refused with its place named, before any check
 * relies on it. The offline verifier trusts nothing the dossier says until it has checked it.
 */

/** What failed first: the kind of thing, which one (event, stream, checkpoint, member), and why. */
export interface DossierFailure {
  /** `held`: a checkpoint the auditor holds (`--since`); `since`: one the dossier was asked to extend */
  readonly what: 'input' | 'key' | 'checkpoint' | 'event' | 'stream' | 'consistency' | 'held' | 'since' | 'history' | 'case' | 'digest' | 'findings';
  readonly where: string;
  readonly why: string;
}

/** Thrown inside the verifier, caught at its edge: the first failure ends the check. */
export class Refusal extends Error {
  constructor(readonly failure: DossierFailure) {
    super(`${failure.where}: ${failure.why}`);
  }
}

export function refuse(what: DossierFailure['what'], where: string, why: string): never {
  throw new Refusal({ what, where, why });
}

/** A history entry as the dossier gives it: the whole entry, to be held against its proved event member by member. */
export interface HistoryInput {
  readonly place: string;
  readonly eventId: string;
  readonly hash: string;
  readonly entry: Readonly<Record<string, unknown>>;
}

/** An integrity finding the audit had not had acknowledged when it made the dossier (its own word). */
export interface OpenFinding {
  readonly kind: string;
  readonly log: string | null;
  readonly streamId: string | null;
  readonly revision: number | null;
  readonly message: string;
}

export interface DossierInput {
  readonly caseId: string;
  /** left out by dossiers made before it existed: none */
  readonly openFindings: readonly OpenFinding[];
  readonly history: readonly HistoryInput[];
  readonly proof: DossierProof;
  readonly digest: DossierDigest;
  /** every member but `digest`: what the digest covers */
  readonly body: Readonly<Record<string, unknown>>;
}

const HEX_HASH = /^[0-9a-f]{64}$/;
/** An Ed25519 signature (64 bytes) in base64: 86 digits and two pads. */
const SIGNATURE = /^[A-Za-z0-9+/]{86}==$/;

function kindOf(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function record(value: unknown, where: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) refuse('input', where, `is ${kindOf(value)}, not an object`);
  return value as Record<string, unknown>;
}

function list(value: unknown, where: string): readonly unknown[] {
  if (!Array.isArray(value)) refuse('input', where, `is ${kindOf(value)}, not an array`);
  return value;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string') refuse('input', where, `is ${kindOf(value)}, not a string`);
  if (value === '') refuse('input', where, 'is empty');
  return value;
}

function count(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    refuse('input', where, `is ${typeof value === 'number' ? String(value) : kindOf(value)}, not a whole number`);
  }
  return value;
}

function hexHash(value: unknown, where: string): string {
  if (typeof value !== 'string' || !HEX_HASH.test(value)) refuse('input', where, `is ${typeof value === 'string' ? 'a string' : kindOf(value)} that is not 64 lowercase hex digits`);
  return value;
}

function path(value: unknown, at: (member: string) => string, member: string): string[] {
  return list(value, at(member)).map((p, i) => hexHash(p, at(`${member}[${i}]`)));
}

/** `proof.events[3].hash (event e-17)`: a member's place, and what it belongs to when that much can be read. */
function placeIn(where: string, of: string | null): (member: string) => string {
  return (member) => `${where}.${member}${of === null ? '' : ` (${of})`}`;
}

function checkpoint(value: unknown, where: string): Checkpoint {
  const c = record(value, where);
  const at = placeIn(where, typeof c['log'] === 'string' && typeof c['treeSize'] === 'number' ? `checkpoint ${c['log']}@${c['treeSize']}` : null);
  const read: Checkpoint = {
    log: text(c['log'], at('log')),
    treeSize: count(c['treeSize'], at('treeSize')),
    rootHash: hexHash(c['rootHash'], at('rootHash')),
    timestamp: text(c['timestamp'], at('timestamp')),
    keyFingerprint: hexHash(c['keyFingerprint'], at('keyFingerprint')),
    signature: text(c['signature'], at('signature')),
  };
  try {
    checkpointText(read);
  } catch (error) {
    refuse('input', `${where} (checkpoint ${read.log}@${read.treeSize})`, (error as Error).message);
  }
  // Only the one base64 spelling of the 64 bytes: another (a changed pad bit) would decode to the same signature.
  if (!SIGNATURE.test(read.signature) || Buffer.from(read.signature, 'base64').toString('base64') !== read.signature) {
    refuse('input', at('signature'), 'is not an Ed25519 signature in base64 (64 bytes)');
  }
  return read;
}

function provedEvent(value: unknown, where: string): ProvedEvent {
  const e = record(value, where);
  const at = placeIn(where, typeof e['eventId'] === 'string' ? `event ${e['eventId']}` : null);
  return {
    log: text(e['log'], at('log')),
    leafIndex: e['leafIndex'] === null ? null : count(e['leafIndex'], at('leafIndex')),
    streamId: text(e['streamId'], at('streamId')),
    revision: count(e['revision'], at('revision')),
    eventId: text(e['eventId'], at('eventId')),
    body: text(e['body'], at('body')),
    hash: hexHash(e['hash'], at('hash')),
    inclusion: e['inclusion'] === null ? null : inclusionOf(record(e['inclusion'], at('inclusion')), at),
  };
}

function inclusionOf(inclusion: Readonly<Record<string, unknown>>, at: (member: string) => string): NonNullable<ProvedEvent['inclusion']> {
  return { treeSize: count(inclusion['treeSize'], at('inclusion.treeSize')), path: path(inclusion['path'], at, 'inclusion.path') };
}

function absentLeaf(value: unknown, where: string): AbsentLeaf {
  const e = record(value, where);
  const at = placeIn(where, typeof e['eventId'] === 'string' ? `event ${e['eventId']}` : null);
  return {
    log: text(e['log'], at('log')),
    leafIndex: count(e['leafIndex'], at('leafIndex')),
    streamId: text(e['streamId'], at('streamId')),
    revision: count(e['revision'], at('revision')),
    eventId: text(e['eventId'], at('eventId')),
    hash: hexHash(e['hash'], at('hash')),
    inclusion: inclusionOf(record(e['inclusion'], at('inclusion')), at),
  };
}

function consistencyEntry(value: unknown, where: string): ConsistencyEntry {
  const c = record(value, where);
  const at = placeIn(where, null);
  return {
    log: text(c['log'], at('log')),
    fromTreeSize: count(c['fromTreeSize'], at('fromTreeSize')),
    toTreeSize: count(c['toTreeSize'], at('toTreeSize')),
    path: path(c['path'], at, 'path'),
  };
}

function sinceEntry(value: unknown, where: string): SinceEntry {
  const e = record(value, where);
  const at = placeIn(where, null);
  if (typeof e['found'] !== 'boolean') refuse('input', at('found'), `is ${kindOf(e['found'])}, not true or false`);
  return { log: text(e['log'], at('log')), treeSize: count(e['treeSize'], at('treeSize')), found: e['found'] };
}

function proofOf(value: unknown): DossierProof {
  const p = record(value, 'proof');
  if (p['format'] !== DOSSIER_PROOF_FORMAT) refuse('input', 'proof.format', `is ${JSON.stringify(p['format'])}, not ${DOSSIER_PROOF_FORMAT}`);
  const checkpoints = list(p['checkpoints'], 'proof.checkpoints').map((c, i) => checkpoint(c, `proof.checkpoints[${i}]`));
  const events = list(p['events'], 'proof.events').map((e, i) => provedEvent(e, `proof.events[${i}]`));
  if (checkpoints.length === 0) refuse('input', 'proof.checkpoints', 'is empty: nothing is signed');
  if (events.length === 0) refuse('input', 'proof.events', 'is empty: no event is proved');
  return {
    format: DOSSIER_PROOF_FORMAT,
    publicKeyFingerprint: hexHash(p['publicKeyFingerprint'], 'proof.publicKeyFingerprint'),
    checkpoints,
    events,
    consistency: list(p['consistency'], 'proof.consistency').map((c, i) => consistencyEntry(c, `proof.consistency[${i}]`)),
    absent: p['absent'] === undefined ? [] : list(p['absent'], 'proof.absent').map((a, i) => absentLeaf(a, `proof.absent[${i}]`)),
    since: p['since'] === undefined ? [] : list(p['since'], 'proof.since').map((e, i) => sinceEntry(e, `proof.since[${i}]`)),
  };
}

function digestOf(value: unknown): DossierDigest {
  const d = record(value, 'digest');
  if (d['algorithm'] !== 'sha256') refuse('input', 'digest.algorithm', `is ${JSON.stringify(d['algorithm'])}, not "sha256"`);
  if (d['canonicalization'] !== 'canonical-json') refuse('input', 'digest.canonicalization', `is ${JSON.stringify(d['canonicalization'])}, not "canonical-json"`);
  return { algorithm: 'sha256', canonicalization: 'canonical-json', value: hexHash(d['value'], 'digest.value') };
}

/** The dossier's members the verifier relies on, each of the type it must be; the first that is not is refused. */
export function readDossier(value: unknown): DossierInput {
  const dossier = record(value, 'the dossier');
  const caseId = text(dossier['caseId'], 'caseId');
  const proof = proofOf(dossier['proof']);
  const history = list(dossier['history'], 'history').map((h, i): HistoryInput => {
    const place = `history[${i}]`;
    const entry = record(h, place);
    return { place, eventId: text(entry['eventId'], `${place}.eventId`), hash: hexHash(entry['hash'], `${place}.hash`), entry };
  });
  const openFindings = dossier['openFindings'] === undefined ? [] : list(dossier['openFindings'], 'openFindings').map((f, i): OpenFinding => {
    const place = `openFindings[${i}]`;
    const entry = record(f, place);
    const orNull = <T>(value: unknown, read: (v: unknown, where: string) => T, member: string): T | null => (value === null || value === undefined ? null : read(value, `${place}.${member}`));
    return {
      kind: text(entry['kind'], `${place}.kind`),
      log: orNull(entry['log'], text, 'log'),
      streamId: orNull(entry['streamId'], text, 'streamId'),
      revision: orNull(entry['revision'], count, 'revision'),
      message: text(entry['message'], `${place}.message`),
    };
  });
  const digest = digestOf(dossier['digest']);
  const { digest: _digest, ...body } = dossier;
  return { caseId, openFindings, history, proof, digest, body };
}

/**
 * The checkpoints an auditor holds (`--since`), read from what they kept: an earlier dossier (its
 * proof's checkpoints), a list of checkpoints, `GET /api/audit/checkpoints/latest`'s answer (each
 * log's checkpoint or null) or a page of `GET /api/audit/checkpoints` (its items). Each is read
 * member by member; what is not one of these, or holds no checkpoint, is refused.
 */
export function readHeldCheckpoints(value: unknown): Checkpoint[] {
  let held: Checkpoint[];
  if (Array.isArray(value)) held = value.map((c, i) => checkpoint(c, `[${i}]`));
  else {
    const file = record(value, 'the file');
    if (file['proof'] !== undefined) held = list(record(file['proof'], 'proof')['checkpoints'], 'proof.checkpoints').map((c, i) => checkpoint(c, `proof.checkpoints[${i}]`));
    else if (file['items'] !== undefined) held = list(file['items'], 'items').map((c, i) => checkpoint(c, `items[${i}]`));
    else {
      held = Object.entries(file).flatMap(([log, c]) => {
        if (c === null) return [];
        const read = checkpoint(c, log);
        if (read.log !== log) refuse('input', log, `is a checkpoint of the ${read.log} log`);
        return [read];
      });
    }
  }
  if (held.length === 0) refuse('input', 'the file', 'holds no checkpoint: give an earlier dossier, or the checkpoints GET /api/audit/checkpoints/latest gave');
  return held;
}
