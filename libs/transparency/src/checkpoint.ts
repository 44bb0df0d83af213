import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * A signed checkpoint (签名检查点): the audit's word, under its Ed25519 key, that a log held
 * `treeSize` leaves with this root at this time. Any later state of the log must extend it (a
 * consistency proof shows that), and any event's place in it is shown by an inclusion proof.
 */
export interface CheckpointBody {
  /** the log: the writing service whose store it mirrors (intake, escalation, enforcement, adjudication) */
  readonly log: string;
  readonly treeSize: number;
  /** lowercase hex */
  readonly rootHash: string;
  /** ISO 8601, when it was signed */
  readonly timestamp: string;
  /** SHA-256 (hex) of the signing key's public half, SPKI DER */
  readonly keyFingerprint: string;
}

export interface Checkpoint extends CheckpointBody {
  /** Ed25519 over checkpointText(body), base64 */
  readonly signature: string;
}

export const CHECKPOINT_FORMAT = 'whistle-checkpoint/v1';

const LOG_ID = /^[a-z][a-z0-9-]{0,63}$/;

/** The exact text a checkpoint's signature covers: one field a line, in a fixed order. */
export function checkpointText(c: CheckpointBody): string {
  if (!LOG_ID.test(c.log)) throw new TypeError(`checkpoint log id ${JSON.stringify(c.log)} is not a lowercase name`);
  if (!Number.isSafeInteger(c.treeSize) || c.treeSize < 0) throw new TypeError(`checkpoint treeSize ${c.treeSize} is not a whole number of leaves`);
  if (!/^[0-9a-f]{64}$/.test(c.rootHash)) throw new TypeError('checkpoint rootHash is not 64 lowercase hex digits');
  if (!/^[0-9a-f]{64}$/.test(c.keyFingerprint)) throw new TypeError('checkpoint keyFingerprint is not 64 lowercase hex digits');
  if (typeof c.timestamp !== 'string' || Number.isNaN(Date.parse(c.timestamp)) || /\n/.test(c.timestamp)) throw new TypeError('checkpoint timestamp is not an ISO 8601 time');
  return `${CHECKPOINT_FORMAT}\n${c.log}\n${c.treeSize}\n${c.rootHash}\n${c.timestamp}\n${c.keyFingerprint}\n`;
}

export function signCheckpoint(body: Omit<CheckpointBody, 'keyFingerprint'>, privateKey: KeyObject): Checkpoint {
  const whole: CheckpointBody = { log: body.log, treeSize: body.treeSize, rootHash: body.rootHash, timestamp: body.timestamp, keyFingerprint: keyFingerprint(createPublicKey(privateKey)) };
  return { ...whole, signature: sign(null, Buffer.from(checkpointText(whole), 'utf8'), privateKey).toString('base64') };
}

/** Whether the signature is this key's over exactly this checkpoint, and the checkpoint names this key. */
export function verifyCheckpoint(c: Checkpoint, publicKey: KeyObject): boolean {
  try {
    if (c.keyFingerprint !== keyFingerprint(publicKey)) return false;
    return verify(null, Buffer.from(checkpointText(c), 'utf8'), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

/** SHA-256 (hex) of the public key's SPKI DER: what a checkpoint and a dossier name the key by. */
export function keyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function generateSigningKeys(): { privatePem: string; publicPem: string; fingerprint: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: keyFingerprint(publicKey),
  };
}

/** An Ed25519 private key from PKCS#8 PEM; an error naming the problem otherwise (`what` names where it came from). */
export function loadPrivateKey(pem: string, what = 'the signing key'): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new TypeError(`${what} is not a PEM private key: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError(`${what} is an ${key.asymmetricKeyType} key; checkpoints are signed with Ed25519 (npm run keys makes a pair)`);
  return key;
}

/** An Ed25519 public key from SPKI PEM (a private key's PEM gives its public half); an error naming the problem otherwise. */
export function loadPublicKey(pem: string, what = 'the public key'): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new TypeError(`${what} is not a PEM public key: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError(`${what} is an ${key.asymmetricKeyType} key; checkpoints are verified with Ed25519`);
  return key;
}
