import { createHash } from 'node:crypto';
import { canonicalJson } from '@whistle/kernel';
import type { Checkpoint } from './checkpoint';

/**
 * The proof section (证明) of a case's dossier: what lets anyone holding the audit's public key
 * check the dossier without the servers. Every event of every stream the dossier covers, with its
 * sealed body exactly as stored and its inclusion proof; the signed checkpoints those proofs lead
 * to; and, where a log's events were first covered by an earlier checkpoint, that checkpoint and
 * the consistency proof from it to the later one.
 */
export const DOSSIER_PROOF_FORMAT = 'whistle-dossier-proof/v1';

export interface DossierProof {
  readonly format: typeof DOSSIER_PROOF_FORMAT;
  /** SHA-256 (hex) of the signing key's SPKI DER */
  readonly publicKeyFingerprint: string;
  /**
   * Per log holding an event of the dossier: the checkpoint its inclusion proofs lead to (the
   * log's largest here), and any earlier checkpoint a consistency entry starts from.
   */
  readonly checkpoints: readonly Checkpoint[];
  /** whole streams, in (log, leafIndex) order */
  readonly events: readonly ProvedEvent[];
  readonly consistency: readonly ConsistencyEntry[];
  /**
   * Leaves the audit's signed log holds for the dossier's streams that the store no longer gives:
   * events removed from the store (cut off, deleted, an older copy put back). Each comes with its
   * inclusion proof, so the verifier knows the log took it; an honest dossier has none, and any
   * one makes it fail. Left out by dossiers made before it existed.
   */
  readonly absent?: readonly AbsentLeaf[];
  /**
   * The checkpoints the dossier was asked to extend (`?since=<log>@<treeSize>,…`: the ones an
   * auditor kept from an earlier dossier), as the audit found them. One it holds is among
   * `checkpoints`, with a consistency entry from it to its log's latest there (even for a log
   * holding none of the dossier's events); one it does not hold is given with `found: false`
   * (its checkpoints were deleted, or put back from an older copy, since it was signed), and the
   * verifier fails on it. Left out when none was asked for.
   */
  readonly since?: readonly SinceEntry[];
}

/** A checkpoint the dossier was asked to extend, and whether the audit holds it. */
export interface SinceEntry {
  readonly log: string;
  readonly treeSize: number;
  readonly found: boolean;
}

/** A log's checkpoint by size: what `?since=` names. */
export interface CheckpointAt {
  readonly log: string;
  readonly treeSize: number;
}

/**
 * The largest of each log's checkpoints, logs in the order first given: what a later dossier is
 * held to. `sinceParameter` spells them as `?since=` takes them.
 */
export function largestPerLog<C extends CheckpointAt>(checkpoints: readonly C[]): C[] {
  const largest = new Map<string, C>();
  for (const c of checkpoints) {
    const before = largest.get(c.log);
    if (!before || before.treeSize < c.treeSize) largest.set(c.log, c);
  }
  return [...largest.values()];
}

export const sinceParameter = (checkpoints: readonly CheckpointAt[]): string => largestPerLog(checkpoints).map((c) => `${c.log}@${c.treeSize}`).join(',');

/** A leaf of the signed log whose event the dossier cannot give: its id, place and hash, and the proof the log holds it. */
export interface AbsentLeaf {
  readonly log: string;
  readonly leafIndex: number;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly hash: string;
  readonly inclusion: { readonly treeSize: number; readonly path: readonly string[] };
}

export interface ProvedEvent {
  readonly log: string;
  /** null when the audit's log does not hold the event (the verifier names it) */
  readonly leafIndex: number | null;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  /** the sealed body, exactly as stored: its hash is SHA-256 of its prevHash followed by this text */
  readonly body: string;
  readonly hash: string;
  /** null when no signed checkpoint of the log reaches the event */
  readonly inclusion: { readonly treeSize: number; readonly path: readonly string[] } | null;
}

/** That the log's checkpoint of `toTreeSize` leaves extends its earlier one of `fromTreeSize` (both in `checkpoints`). */
export interface ConsistencyEntry {
  readonly log: string;
  readonly fromTreeSize: number;
  readonly toTreeSize: number;
  readonly path: readonly string[];
}

export interface DossierDigest {
  readonly algorithm: 'sha256';
  readonly canonicalization: 'canonical-json';
  readonly value: string;
}

/** SHA-256 of the kernel's canonical JSON of the dossier's body (everything but `digest`): anyone can recompute it from the export. */
export function dossierDigest(body: object): DossierDigest {
  return { algorithm: 'sha256', canonicalization: 'canonical-json', value: createHash('sha256').update(canonicalJson(body)).digest('hex') };
}
