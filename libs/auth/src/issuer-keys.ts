import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { fetchJson as httpFetchJson, type FetchJson } from './fetch-json';
import { algorithmsOf, isPublicKeyAlgorithm, unusableKeyReason } from './key-algorithms';
import { InvalidToken, InvalidTokenOptions } from './token-errors';
import type { PublicKeyAlgorithm } from './token-options';

export interface IssuerKeysOptions {
  /** The issuer's JWKS document (`jwks_uri` of its discovery). */
  readonly jwksUri: string;
  readonly fetchJson?: FetchJson;
  /** Milliseconds since the epoch; the system clock when left out. */
  readonly now?: () => number;
  /** How old the keys may grow before they are fetched again in the background. */
  readonly refreshAfterMs?: number;
  /** The least time between two fetches asked for by a key id nobody knows, so forged ids cannot flood the provider. */
  readonly minRefetchMs?: number;
}

interface IssuerKey {
  readonly key: KeyObject;
  /** The algorithms the token may name: the JWK's own `alg`, or every one its key type serves. */
  readonly algorithms: readonly PublicKeyAlgorithm[];
}

/**
 * The signing keys an identity provider publishes (its JWKS: RSA, EC and OKP keys), fetched at start and kept: fetched
 * again in the background once they are older than `refreshAfterMs`, and at once (at most every
 * `minRefetchMs`) when a token names a key id not among them, which is how a provider's key
 * rotation shows. Keys the provider no longer publishes are forgotten at the next fetch.
 */
export class IssuerKeys {
  private keys = new Map<string, IssuerKey>();
  private keysVersion = 0;
  private fetchedAt = 0;
  private lastAttempt = 0;
  private fetching: Promise<void> | null = null;
  private readonly fetchJson: FetchJson;
  private readonly now: () => number;

  private constructor(private readonly options: IssuerKeysOptions) {
    this.fetchJson = options.fetchJson ?? httpFetchJson;
    this.now = options.now ?? Date.now;
  }

  /** Fetches the keys once; a document without a usable key is an error of the configuration. */
  static async load(options: IssuerKeysOptions): Promise<IssuerKeys> {
    const keys = new IssuerKeys(options);
    try {
      await keys.refresh();
    } catch (error) {
      throw new InvalidTokenOptions(`the issuer's keys could not be read: ${(error as Error).message}`);
    }
    return keys;
  }

  /** Key ids as last fetched, for a message or a test. */
  get keyIds(): readonly string[] {
    return [...this.keys.keys()];
  }

  /**
   * A counter that grows whenever a fetch changes the published keys: a verifier that remembers
   * tokens checks again, under a newer version, that the key they were checked with is still here.
   * Asking starts the background fetch of old keys, as key() does, so a withdrawn key is noticed
   * even while every request carries a token already checked.
   */
  version(): number {
    if (this.now() - this.fetchedAt >= (this.options.refreshAfterMs ?? 10 * 60_000)) this.refresh().catch(() => undefined);
    return this.keysVersion;
  }

  /** Whether `key` (as key() handed it out) is still published. */
  publishes(key: KeyObject): boolean {
    return [...this.keys.values()].some((entry) => entry.key === key);
  }

  /**
   * The key a token's header names. Synchronous while the key is known; a promise when the keys
   * must be fetched again first. Throws (or rejects with) InvalidToken when no key fits.
   */
  key(kid: string | undefined, algorithm: PublicKeyAlgorithm): KeyObject | Promise<KeyObject> {
    const now = this.now();
    if (now - this.fetchedAt >= (this.options.refreshAfterMs ?? 10 * 60_000)) this.refresh().catch(() => undefined);
    const known = this.find(kid, algorithm);
    if (known) return known;
    // A fetch under way (another request's, or the background one) may bring the key: wait for it.
    const fetching = this.fetching ?? (now - this.lastAttempt < (this.options.minRefetchMs ?? 5_000) ? null : this.refresh());
    if (fetching === null) throw unknownKey(kid);
    return fetching.then(
      () => this.find(kid, algorithm) ?? Promise.reject(unknownKey(kid)),
      () => Promise.reject(unknownKey(kid)),
    );
  }

  /** Fetches the keys again; calls while one fetch runs share it. */
  refresh(): Promise<void> {
    this.fetching ??= this.fetchKeys().finally(() => {
      this.fetching = null;
    });
    return this.fetching;
  }

  private async fetchKeys(): Promise<void> {
    this.lastAttempt = this.now();
    const document = await this.fetchJson(this.options.jwksUri);
    const entries = (document as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(entries)) throw new Error(`${this.options.jwksUri} is not a JWKS document (no "keys" list)`);
    const keys = new Map<string, IssuerKey>();
    entries.forEach((entry: JsonWebKey & { kid?: unknown; use?: unknown; alg?: unknown }, index) => {
      if (entry.use !== undefined && entry.use !== 'sig') return;
      let key: KeyObject;
      try {
        key = createPublicKey({ key: entry, format: 'jwk' });
      } catch {
        return; // a key type this verifier has no use for (a symmetric key, an unknown curve)
      }
      if (unusableKeyReason(key) !== null) return;
      const served = algorithmsOf(key);
      const algorithms = isPublicKeyAlgorithm(entry.alg) ? served.filter((a) => a === entry.alg) : served;
      if (algorithms.length === 0) return;
      keys.set(typeof entry.kid === 'string' ? entry.kid : `#${index}`, { key, algorithms });
    });
    if (keys.size === 0) throw new Error(`${this.options.jwksUri} publishes no RSA, EC or EdDSA (Ed25519, Ed448) signing key`);
    this.keys = this.keptWhereUnchanged(keys);
    this.fetchedAt = this.now();
  }

  /**
   * The fetched keys, with the entry of the last fetch wherever a key id still names the same key
   * and algorithms, so publishes() knows it by identity; the version grows only when the set changed.
   */
  private keptWhereUnchanged(fetched: Map<string, IssuerKey>): Map<string, IssuerKey> {
    let changed = fetched.size !== this.keys.size;
    const kept = new Map<string, IssuerKey>();
    for (const [kid, entry] of fetched) {
      const before = this.keys.get(kid);
      const same = before !== undefined && before.key.equals(entry.key) && before.algorithms.join() === entry.algorithms.join();
      if (!same) changed = true;
      kept.set(kid, same ? before : entry);
    }
    if (changed) this.keysVersion++;
    return kept;
  }

  private find(kid: string | undefined, algorithm: PublicKeyAlgorithm): KeyObject | undefined {
    // A token without a key id is only taken when the issuer publishes a single key.
    const entry = kid === undefined ? (this.keys.size === 1 ? [...this.keys.values()][0] : undefined) : this.keys.get(kid);
    if (!entry) return undefined;
    if (!entry.algorithms.includes(algorithm)) {
      throw new InvalidToken('wrong_algorithm', `the issuer's key ${kid ?? ''} does not sign with ${algorithm}`.replace('  ', ' '));
    }
    return entry.key;
  }
}

function unknownKey(kid: string | undefined): InvalidToken {
  return new InvalidToken('unknown_key', kid === undefined ? 'the token names no key id (kid) and the issuer publishes several keys' : `no key of the issuer has the id "${kid}"`);
}
