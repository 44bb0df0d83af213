import { createHash } from 'node:crypto';

/**
 * A Merkle tree hashed as RFC 9162 §2.1 (Certificate Transparency v2) does: a leaf is
 * SHA-256(0x00 || input), an inner node SHA-256(0x01 || left || right), and the tree over n
 * leaves splits at the largest power of two below n. The audit keeps one such log (审计日志) per
 * store, its leaves the store's events in the store's own order.
 */

const LEAF_PREFIX = Buffer.from([0]);
const NODE_PREFIX = Buffer.from([1]);

export function leafHash(input: Buffer): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(input).digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

const HEX_HASH = /^[0-9a-f]{64}$/;

/** A leaf's input is the 32 bytes of the event's chain hash (itself SHA-256 of prevHash and the sealed body). */
export function leafInputOfEventHash(hex: string): Buffer {
  if (!HEX_HASH.test(hex)) throw new TypeError(`an event hash is 64 lowercase hex digits, not ${JSON.stringify(hex.slice(0, 80))}`);
  return Buffer.from(hex, 'hex');
}

/** The leaf hash of an event, from its chain hash. */
export function eventLeafHash(hex: string): Buffer {
  return leafHash(leafInputOfEventHash(hex));
}

/** The largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Where the hashes of perfect subtrees come from: `node(level, index)` is the root of the 2^level
 * leaves that start at leaf index·2^level, asked only for subtrees that are complete.
 */
export interface SubtreeSource {
  node(level: number, index: number): Buffer;
}

/** The root of the leaves [lo, hi), built from the perfect subtrees the source holds: O(log) nodes. */
export function rangeHash(source: SubtreeSource, lo: number, hi: number): Buffer {
  const size = hi - lo;
  if (size <= 0) return EMPTY_ROOT;
  // A perfect subtree aligned on its own size is one node.
  if ((size & (size - 1)) === 0 && lo % size === 0) return source.node(Math.log2(size), lo / size);
  const k = splitPoint(size);
  return nodeHash(rangeHash(source, lo, lo + k), rangeHash(source, lo + k, hi));
}

/** MTH(D[0:n]). */
export function treeRoot(source: SubtreeSource, treeSize: number): Buffer {
  return rangeHash(source, 0, treeSize);
}

/** PATH(m, D[0:n]) of RFC 9162 §2.1.3.1: the audit path of leaf m in the tree of size n, leaf side first. */
export function inclusionProof(source: SubtreeSource, leafIndex: number, treeSize: number): Buffer[] {
  if (!(Number.isInteger(leafIndex) && Number.isInteger(treeSize) && leafIndex >= 0 && leafIndex < treeSize)) {
    throw new RangeError(`leaf ${leafIndex} is not in a tree of ${treeSize} leaves`);
  }
  const path: Buffer[] = [];
  const walk = (m: number, lo: number, hi: number): void => {
    const n = hi - lo;
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, lo, lo + k);
      path.push(rangeHash(source, lo + k, hi));
    } else {
      walk(m - k, lo + k, hi);
      path.push(rangeHash(source, lo, lo + k));
    }
  };
  walk(leafIndex, 0, treeSize);
  return path;
}

/** PROOF(m, D[0:n]) of RFC 9162 §2.1.4.1: that the tree of size n extends the one of size m. */
export function consistencyProof(source: SubtreeSource, m: number, n: number): Buffer[] {
  if (!(Number.isInteger(m) && Number.isInteger(n) && m >= 0 && m <= n)) throw new RangeError(`no consistency proof from ${m} to ${n} leaves`);
  if (m === 0 || m === n) return [];
  const proof: Buffer[] = [];
  const subproof = (mm: number, lo: number, hi: number, whole: boolean): void => {
    const size = hi - lo;
    if (mm === size) {
      if (!whole) proof.push(rangeHash(source, lo, hi));
      return;
    }
    const k = splitPoint(size);
    if (mm <= k) {
      subproof(mm, lo, lo + k, whole);
      proof.push(rangeHash(source, lo + k, hi));
    } else {
      subproof(mm - k, lo + k, hi, false);
      proof.push(rangeHash(source, lo, lo + k));
    }
  };
  subproof(m, 0, n, true);
  return proof;
}

/**
 * The root an inclusion proof leads to (RFC 9162 §2.1.3.2), or null when the proof cannot be one
 * for that leaf and size (wrong length).
 */
export function inclusionRoot(leaf: Buffer, leafIndex: number, treeSize: number, proof: readonly Buffer[]): Buffer | null {
  if (!(Number.isInteger(leafIndex) && Number.isInteger(treeSize) && leafIndex >= 0 && leafIndex < treeSize)) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

export function verifyInclusion(leaf: Buffer, leafIndex: number, treeSize: number, proof: readonly Buffer[], root: Buffer): boolean {
  const computed = inclusionRoot(leaf, leafIndex, treeSize, proof);
  return computed !== null && computed.equals(root);
}

/** RFC 9162 §2.1.4.2: whether the proof shows the tree of size n (newRoot) extends the one of size m (oldRoot). */
export function verifyConsistency(m: number, n: number, oldRoot: Buffer, newRoot: Buffer, proof: readonly Buffer[]): boolean {
  if (!(Number.isInteger(m) && Number.isInteger(n) && m >= 0 && m <= n)) return false;
  if (m === n) return proof.length === 0 && oldRoot.equals(newRoot);
  if (m === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  // When m is a power of two, the old root itself is the first node of the path.
  const path = (m & (m - 1)) === 0 ? [oldRoot, ...proof] : [...proof];
  let fn = m - 1;
  let sn = n - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}

/**
 * Perfect subtrees over leaf hashes held in memory, built level by level as leaves are added: for
 * tests, the offline verifier and small logs. The audit keeps its logs' nodes in SQLite instead.
 */
export class MemorySubtrees implements SubtreeSource {
  private readonly levels: Buffer[][] = [[]];

  constructor(leaves: Iterable<Buffer> = []) {
    for (const leaf of leaves) this.push(leaf);
  }

  get size(): number {
    return this.levels[0]!.length;
  }

  /** Adds a leaf hash, and every perfect subtree it completes. */
  push(leaf: Buffer): void {
    let level = 0;
    let hash = leaf;
    for (;;) {
      const row = (this.levels[level] ??= []);
      row.push(hash);
      const index = row.length - 1;
      if (index % 2 === 0) return;
      hash = nodeHash(row[index - 1]!, hash);
      level += 1;
    }
  }

  node(level: number, index: number): Buffer {
    const hash = this.levels[level]?.[index];
    if (hash === undefined) throw new RangeError(`no complete subtree at level ${level}, index ${index}`);
    return hash;
  }

  root(treeSize = this.size): Buffer {
    if (treeSize > this.size) throw new RangeError(`the log holds ${this.size} leaves, not ${treeSize}`);
    return treeRoot(this, treeSize);
  }
}

export const toHex = (hash: Buffer): string => hash.toString('hex');

/** Hex to hash, or a TypeError naming what is wrong. */
export function fromHex(hex: string, what = 'hash'): Buffer {
  if (typeof hex !== 'string' || !HEX_HASH.test(hex)) throw new TypeError(`${what} is not 64 lowercase hex digits`);
  return Buffer.from(hex, 'hex');
}
