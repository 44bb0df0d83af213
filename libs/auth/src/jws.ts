import { constants, createHmac, type KeyObject, sign, timingSafeEqual, verify } from 'node:crypto';
import { ALGORITHMS, type TokenAlgorithm } from './key-algorithms';
import { InvalidToken } from './token-errors';

/** A token in JWS compact form (RFC 7515 §7.1), decoded but not yet trusted. */
export interface Jws {
  readonly header: { readonly alg: string; readonly kid?: string };
  readonly claims: Readonly<Record<string, unknown>>;
  readonly signingInput: string;
  readonly signature: Buffer;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;
/** RFC 7518 §3.5: the salt is as long as the digest. */
const PSS_SALT_LENGTH = { sha256: 32, sha384: 48, sha512: 64 } as const;

/**
 * Splits and decodes a token. Only the canonical base64url of each part is taken, so one token
 * has one spelling; a header with `crit` is refused, as RFC 7515 §4.1.11 asks of a verifier
 * that understands no extension.
 */
export function decodeJws(token: string): Jws {
  const parts = token.split('.');
  if (parts.length !== 3) throw malformed('jwt malformed');
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = jsonPart(headerPart, 'header');
  const claims = jsonPart(payloadPart, 'payload');
  if (typeof header['alg'] !== 'string') throw malformed('the token header names no algorithm (alg)');
  if (header['kid'] !== undefined && typeof header['kid'] !== 'string') throw malformed('the key id (kid) is not a string');
  if (header['crit'] !== undefined) throw malformed('the token header has critical extensions (crit), which this system does not understand');
  return {
    header: { alg: header['alg'], ...(typeof header['kid'] === 'string' ? { kid: header['kid'] } : {}) },
    claims,
    signingInput: `${headerPart}.${payloadPart}`,
    signature: canonical(signaturePart, 'signature'),
  };
}

/**
 * A token in compact form signed with `key` (a secret for HS256, else a private key): the
 * development tokens, and in tests the tokens an identity provider would issue.
 */
export function signJws(claims: object, key: KeyObject, algorithm: TokenAlgorithm, kid?: string): string {
  const header = { alg: algorithm, typ: 'JWT', ...(kid === undefined ? {} : { kid }) };
  const signingInput = `${base64url(header)}.${base64url(claims)}`;
  const data = Buffer.from(signingInput, 'ascii');
  const spec = ALGORITHMS[algorithm];
  let signature: Buffer;
  if (algorithm === 'HS256') signature = createHmac('sha256', key).update(data).digest();
  else if (spec.curve !== undefined) signature = sign(spec.hash, data, { key, dsaEncoding: 'ieee-p1363' });
  else if (spec.padding === 'pss') signature = sign(spec.hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: PSS_SALT_LENGTH[spec.hash ?? 'sha256'] });
  else signature = sign(spec.hash, data, key);
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** Whether the signature is the key's over the token's header and payload, by `algorithm`. */
export function hasValidSignature(jws: Jws, key: KeyObject, algorithm: TokenAlgorithm): boolean {
  const spec = ALGORITHMS[algorithm];
  const data = Buffer.from(jws.signingInput, 'ascii');
  if (algorithm === 'HS256') {
    const expected = createHmac('sha256', key).update(data).digest();
    return expected.length === jws.signature.length && timingSafeEqual(expected, jws.signature);
  }
  try {
    if (spec.curve !== undefined) return verify(spec.hash, data, { key, dsaEncoding: 'ieee-p1363' }, jws.signature);
    if (spec.padding === 'pss') {
      return verify(spec.hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: PSS_SALT_LENGTH[spec.hash ?? 'sha256'] }, jws.signature);
    }
    return verify(spec.hash, data, key, jws.signature);
  } catch {
    // node:crypto throws on a signature of impossible length or encoding: a bad signature all the same.
    return false;
  }
}

function jsonPart(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(canonical(part, what).toString('utf8'));
  } catch (error) {
    if (error instanceof InvalidToken) throw error;
    throw malformed(`the token ${what} is not JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw malformed(`the token ${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

function canonical(part: string, what: string): Buffer {
  const bytes = Buffer.from(part, 'base64url');
  if (!BASE64URL.test(part) || bytes.toString('base64url') !== part) throw malformed(`the token ${what} is not base64url`);
  return bytes;
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function malformed(message: string): InvalidToken {
  return new InvalidToken('malformed', `invalid token: ${message}`);
}
