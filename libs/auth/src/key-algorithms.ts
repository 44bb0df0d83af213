import type { KeyObject } from 'node:crypto';
import type { PublicKeyAlgorithm } from './token-options';

/** Every algorithm a token may be signed with here: HS256 for the development secret, the rest for an issuer's keys. */
export type TokenAlgorithm = 'HS256' | PublicKeyAlgorithm;

/** How node:crypto checks a signature of each algorithm (RFC 7518 §3, RFC 8037 for EdDSA). */
export interface AlgorithmSpec {
  /** The key types that can verify it; a public key never doubles as an HMAC secret. */
  readonly keyTypes: readonly string[];
  /** The digest, or null where the scheme hashes itself (EdDSA). */
  readonly hash: 'sha256' | 'sha384' | 'sha512' | null;
  /** ECDSA: the one curve the algorithm names. */
  readonly curve?: string;
  readonly padding?: 'pss';
}

export const ALGORITHMS: Readonly<Record<TokenAlgorithm, AlgorithmSpec>> = {
  HS256: { keyTypes: ['secret'], hash: 'sha256' },
  RS256: { keyTypes: ['rsa'], hash: 'sha256' },
  RS384: { keyTypes: ['rsa'], hash: 'sha384' },
  RS512: { keyTypes: ['rsa'], hash: 'sha512' },
  PS256: { keyTypes: ['rsa', 'rsa-pss'], hash: 'sha256', padding: 'pss' },
  PS384: { keyTypes: ['rsa', 'rsa-pss'], hash: 'sha384', padding: 'pss' },
  PS512: { keyTypes: ['rsa', 'rsa-pss'], hash: 'sha512', padding: 'pss' },
  ES256: { keyTypes: ['ec'], hash: 'sha256', curve: 'prime256v1' },
  ES384: { keyTypes: ['ec'], hash: 'sha384', curve: 'secp384r1' },
  ES512: { keyTypes: ['ec'], hash: 'sha512', curve: 'secp521r1' },
  EdDSA: { keyTypes: ['ed25519', 'ed448'], hash: null },
};

export const PUBLIC_KEY_ALGORITHMS = (Object.keys(ALGORITHMS) as TokenAlgorithm[]).filter((a): a is PublicKeyAlgorithm => a !== 'HS256');

/** RFC 7518 §3.3: shorter RSA keys are refused, as a verifier must. */
export const MIN_RSA_BITS = 2048;

export function isPublicKeyAlgorithm(value: unknown): value is PublicKeyAlgorithm {
  return typeof value === 'string' && (PUBLIC_KEY_ALGORITHMS as readonly string[]).includes(value);
}

/**
 * The algorithms a public key can verify: its type's, and for an EC key only its curve's, so the
 * algorithm follows the key (an RSA key RS and PS, a P-256 key ES256, an Ed25519 key EdDSA).
 */
export function algorithmsOf(key: KeyObject): readonly PublicKeyAlgorithm[] {
  const type = key.asymmetricKeyType ?? '';
  const curve = key.asymmetricKeyDetails?.namedCurve;
  return PUBLIC_KEY_ALGORITHMS.filter((algorithm) => {
    const spec = ALGORITHMS[algorithm];
    return spec.keyTypes.includes(type) && (spec.curve === undefined || spec.curve === curve);
  });
}

/** Why a public key cannot check tokens at all, or null when it can. */
export function unusableKeyReason(key: KeyObject): string | null {
  if (key.type !== 'public') return `a ${key.type} key is not a public key`;
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (bits !== undefined && bits < MIN_RSA_BITS) return `an RSA key of ${bits} bits is too short (at least ${MIN_RSA_BITS})`;
  if (algorithmsOf(key).length === 0) {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    return `a ${key.asymmetricKeyType ?? 'typeless'}${curve ? ` (${curve})` : ''} key signs with no algorithm this system accepts (RSA, EC P-256/384/521, Ed25519, Ed448)`;
  }
  return null;
}
