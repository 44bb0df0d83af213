import type { KeyObject } from 'node:crypto';
import type { PublicKeyAlgorithm } from './token-options';

/** The asymmetric algorithms each key type can verify; a public key never doubles as an HMAC secret. */
export const ALGORITHMS_OF_KEY_TYPE: Readonly<Record<string, readonly PublicKeyAlgorithm[]>> = {
  rsa: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'],
  'rsa-pss': ['PS256', 'PS384', 'PS512'],
  ec: ['ES256', 'ES384', 'ES512'],
};

export const PUBLIC_KEY_ALGORITHMS: readonly PublicKeyAlgorithm[] = [...new Set(Object.values(ALGORITHMS_OF_KEY_TYPE).flat())];

export function isPublicKeyAlgorithm(value: unknown): value is PublicKeyAlgorithm {
  return typeof value === 'string' && (PUBLIC_KEY_ALGORITHMS as readonly string[]).includes(value);
}

export function algorithmsOf(key: KeyObject): readonly PublicKeyAlgorithm[] {
  return ALGORITHMS_OF_KEY_TYPE[key.asymmetricKeyType ?? ''] ?? [];
}
