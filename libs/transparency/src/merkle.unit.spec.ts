import { createHash } from 'node:crypto';
import {
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  inclusionRoot,
  leafHash,
  MemorySubtrees,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle';

// The leaves and roots of Certificate Transparency's reference tests (RFC 6962 hashing, kept by RFC 9162).
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** MTH straight from RFC 9162's definition, for comparison. */
function referenceRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

const tree = new MemorySubtrees(LEAVES.map(leafHash));

describe('RFC 9162 Merkle tree', () => {
  it('gives the reference roots for 1 to 8 leaves, and the empty root for none', () => {
    for (let n = 1; n <= 8; n++) expect(tree.root(n).toString('hex')).toBe(ROOTS[n - 1]);
    expect(tree.root(0).equals(EMPTY_ROOT)).toBe(true);
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('gives the reference audit paths (RFC 6962 test vectors)', () => {
    const hex = (proof: Buffer[]) => proof.map((p) => p.toString('hex'));
    expect(hex(inclusionProof(tree, 0, 1))).toEqual([]);
    expect(hex(inclusionProof(tree, 0, 8))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hex(inclusionProof(tree, 5, 8))).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(hex(inclusionProof(tree, 2, 3))).toEqual(['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']);
    expect(hex(inclusionProof(tree, 1, 5))).toEqual([
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
  });

  it('gives the reference consistency proofs (RFC 6962 test vectors)', () => {
    const hex = (proof: Buffer[]) => proof.map((p) => p.toString('hex'));
    expect(hex(consistencyProof(tree, 1, 1))).toEqual([]);
    expect(hex(consistencyProof(tree, 1, 8))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hex(consistencyProof(tree, 6, 8))).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(hex(consistencyProof(tree, 2, 5))).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
  });

  it('proves and verifies every leaf of every tree up to 70 leaves, and every pair of sizes', () => {
    const leaves = Array.from({ length: 70 }, (_, i) => leafHash(Buffer.from(`event ${i}`)));
    const big = new MemorySubtrees(leaves);
    for (let n = 1; n <= 70; n++) {
      const root = big.root(n);
      expect(root.equals(referenceRoot(leaves.slice(0, n)))).toBe(true);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(big, i, n);
        expect(verifyInclusion(leaves[i]!, i, n, proof, root)).toBe(true);
        // another leaf, index or size does not verify
        expect(verifyInclusion(leafHash(Buffer.from('forged')), i, n, proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion(leaves[i]!, (i + 1) % n, n, proof, root)).toBe(false);
      }
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(big, m, n);
        expect(verifyConsistency(m, n, big.root(m), root, proof)).toBe(true);
        if (m < n) {
          expect(verifyConsistency(m, n, leafHash(Buffer.from('other')), root, proof)).toBe(false);
          // a log whose first m leaves changed cannot prove it extends the old root
          const rewritten = new MemorySubtrees(leaves.slice(0, n).map((l, i) => (i === m - 1 ? leafHash(Buffer.from('edited')) : l)));
          expect(verifyConsistency(m, n, big.root(m), rewritten.root(n), consistencyProof(rewritten, m, n))).toBe(false);
        }
      }
    }
  });

  it('refuses proofs of the wrong length or for leaves outside the tree', () => {
    const root = tree.root(8);
    const proof = inclusionProof(tree, 3, 8);
    expect(inclusionRoot(leafHash(LEAVES[3]!), 3, 8, proof.slice(1))).toBeNull();
    expect(inclusionRoot(leafHash(LEAVES[3]!), 3, 8, [...proof, root])).toBeNull();
    expect(inclusionRoot(leafHash(LEAVES[3]!), 8, 8, proof)).toBeNull();
    expect(() => inclusionProof(tree, 8, 8)).toThrow(RangeError);
    expect(verifyConsistency(3, 8, tree.root(3), root, [])).toBe(false);
    expect(verifyConsistency(8, 3, root, tree.root(3), [])).toBe(false);
  });
});
