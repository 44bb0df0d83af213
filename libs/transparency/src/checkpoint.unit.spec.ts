import { generateKeyPairSync } from 'node:crypto';
import { checkpointText, generateSigningKeys, keyFingerprint, loadPrivateKey, loadPublicKey, signCheckpoint, verifyCheckpoint } from './checkpoint';

const keys = generateSigningKeys();
const privateKey = loadPrivateKey(keys.privatePem);
const publicKey = loadPublicKey(keys.publicPem);
const body = { log: 'intake', treeSize: 1234, rootHash: 'ab'.repeat(32), timestamp: '2026-12-05T01:02:03.000Z' };

describe('signed checkpoints', () => {
  it('signs the fixed text with Ed25519 and names the key by the SHA-256 of its SPKI', () => {
    const c = signCheckpoint(body, privateKey);
    expect(c.keyFingerprint).toBe(keys.fingerprint);
    expect(keyFingerprint(publicKey)).toBe(keys.fingerprint);
    expect(checkpointText(c)).toBe(`whistle-checkpoint/v1\nintake\n1234\n${'ab'.repeat(32)}\n2026-12-05T01:02:03.000Z\n${keys.fingerprint}\n`);
    expect(verifyCheckpoint(c, publicKey)).toBe(true);
  });

  it('refuses a checkpoint changed in any field, or checked with another key', () => {
    const c = signCheckpoint(body, privateKey);
    expect(verifyCheckpoint({ ...c, treeSize: 1235 }, publicKey)).toBe(false);
    expect(verifyCheckpoint({ ...c, rootHash: 'cd'.repeat(32) }, publicKey)).toBe(false);
    expect(verifyCheckpoint({ ...c, log: 'escalation' }, publicKey)).toBe(false);
    expect(verifyCheckpoint({ ...c, timestamp: '2026-12-05T01:02:04.000Z' }, publicKey)).toBe(false);
    expect(verifyCheckpoint({ ...c, signature: Buffer.alloc(64).toString('base64') }, publicKey)).toBe(false);
    const other = loadPublicKey(generateSigningKeys().publicPem);
    expect(verifyCheckpoint(c, other)).toBe(false);
    // the other key's fingerprint put in does not help: the signature is still the first key's
    expect(verifyCheckpoint({ ...c, keyFingerprint: keyFingerprint(other) }, other)).toBe(false);
  });

  it('names what is wrong with a key that is not Ed25519, or not a key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(() => loadPrivateKey(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'AUDIT_SIGNING_KEY_FILE')).toThrow(
      /AUDIT_SIGNING_KEY_FILE is an rsa key; checkpoints are signed with Ed25519/,
    );
    expect(() => loadPublicKey('not a key', 'public.pem')).toThrow(/public.pem is not a PEM public key/);
    // a private key's PEM gives its public half
    expect(keyFingerprint(loadPublicKey(keys.privatePem))).toBe(keys.fingerprint);
  });

  it('refuses to sign a checkpoint with a malformed field', () => {
    expect(() => signCheckpoint({ ...body, rootHash: 'xyz' }, privateKey)).toThrow(/rootHash/);
    expect(() => signCheckpoint({ ...body, treeSize: -1 }, privateKey)).toThrow(/treeSize/);
    expect(() => signCheckpoint({ ...body, log: 'Intake\nforged' }, privateKey)).toThrow(/log id/);
  });
});
