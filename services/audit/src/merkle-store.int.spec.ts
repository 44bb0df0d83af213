import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventEnvelope } from '@whistle/kernel';
import { consistencyProof, eventLeafHash, inclusionProof, MemorySubtrees, toHex } from '@whistle/transparency';
import { MerkleStore } from './merkle-store';

const hashOf = (n: number) => createHash('sha256').update(`event ${n}`).digest('hex');
const event = (n: number) => ({
  position: BigInt(10 * n + 3),
  event: { eventId: `e-${n}`, streamId: `case-c${n % 7}`, revision: Math.floor(n / 7), caseId: `c${n % 7}`, hash: hashOf(n) } as EventEnvelope,
});

describe('the audit’s Merkle log in SQLite', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'merkle-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the roots and proofs of the tree in memory, for every size, across pages of any length and a reopening', () => {
    const file = join(dir, 'audit-merkle.db');
    let store = MerkleStore.open(file);
    const reference = new MemorySubtrees();
    let n = 0;
    for (const page of [1, 2, 3, 1, 7, 16, 5, 1, 1, 30, 4, 0, 9, 33]) {
      if (n === 40) {
        // a new process: what was waiting in memory is read back from the file
        store.close();
        store = MerkleStore.open(file);
      }
      const events = Array.from({ length: page }, (_, i) => event(n + i));
      store.append('intake', events);
      // a page read again after a retry adds nothing
      store.append('intake', events);
      for (const e of events) reference.push(eventLeafHash(e.event.hash));
      n += page;
      expect(store.size('intake')).toBe(n);
      const last = events.at(-1);
      if (last) expect(store.position('intake')).toBe(last.position);
    }
    for (let size = 1; size <= n; size++) {
      expect(toHex(store.root('intake', size))).toBe(toHex(reference.root(size)));
      for (const leaf of [0, size - 1, Math.floor(size / 2)]) {
        expect(inclusionProof(store.source('intake'), leaf, size).map(toHex)).toEqual(inclusionProof(reference, leaf, size).map(toHex));
      }
      expect(consistencyProof(store.source('intake'), Math.ceil(size / 3), size).map(toHex)).toEqual(consistencyProof(reference, Math.ceil(size / 3), size).map(toHex));
    }
    expect(store.leafOf('e-17')).toMatchObject({ log: 'intake', leafIndex: 17, streamId: 'case-c3', revision: 2, eventHash: hashOf(17) });
    expect(store.leavesOfCase('c3', []).map((l) => l.eventId)).toEqual(Array.from({ length: n }, (_, i) => i).filter((i) => i % 7 === 3).map((i) => `e-${i}`));
    // another log is a tree of its own
    expect(store.size('escalation')).toBe(0);
    store.close();
  });
});
