import { createHash } from 'node:crypto';
import { sha256Hex } from '../../services/console/src/evidence/sha256';

// The console's own SHA-256, used where the browser gives a page no crypto.subtle (plain http), against Node's.
describe('the console’s SHA-256 of evidence files', () => {
  const nodeHash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  it.each([0, 1, 3, 55, 56, 63, 64, 65, 119, 120, 1000, 70_000])('matches Node’s hash for %i bytes', (length) => {
    const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) % 256);
    expect(sha256Hex(bytes)).toBe(nodeHash(bytes));
  });

  it('gives the known hash of "abc"', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
