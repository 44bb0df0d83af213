import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signJws, type TokenAlgorithm } from '@whistle/auth';

/** A key pair as an issuer holds it, with the algorithm its type signs with. */
export interface IssuerKey {
  readonly kid: string;
  readonly algorithm: TokenAlgorithm;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly pem: string;
}

export type KeyKind = 'rsa' | 'ec' | 'ed25519';

const ALGORITHM_OF: Record<KeyKind, TokenAlgorithm> = { rsa: 'RS256', ec: 'ES256', ed25519: 'EdDSA' };

export function issuerKey(kind: KeyKind, kid = `${kind}-${Math.random().toString(36).slice(2, 8)}`): IssuerKey {
  const { privateKey, publicKey } =
    kind === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : kind === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }) : generateKeyPairSync('ed25519');
  return { kid, algorithm: ALGORITHM_OF[kind], privateKey, publicKey, pem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/**
 * An identity provider reduced to what a resource server reads of it, on node:http: its OpenID
 * discovery document and its JWKS, which the test rotates. It counts the JWKS fetches.
 */
export class TestIssuer {
  keys: IssuerKey[];
  jwksFetches = 0;

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    keys: IssuerKey[],
  ) {
    this.keys = keys;
  }

  static async start(keys: IssuerKey[]): Promise<TestIssuer> {
    const started: { issuer?: TestIssuer } = {};
    const server = createServer((request, response) => {
      const body = started.issuer?.document(request.url ?? '');
      response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body ?? { error: 'not_found' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    started.issuer = new TestIssuer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, keys);
    return started.issuer;
  }

  get jwksUri(): string {
    return `${this.issuer}/jwks`;
  }

  /** A token as this issuer signs them: with its first key, for `audience`, living `lifetime` seconds. */
  token(claims: Record<string, unknown>, options: { key?: IssuerKey; audience?: string; lifetime?: number } = {}): string {
    const key = options.key ?? this.keys[0];
    if (!key) throw new Error('the issuer has no key');
    const iat = Math.floor(Date.now() / 1000);
    const payload = { iss: this.issuer, sub: 'robot', role: 'auditor', ...(options.audience ? { aud: options.audience } : {}), iat, exp: iat + (options.lifetime ?? 300), ...claims };
    return signJws(payload, key.privateKey, key.algorithm, key.kid);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private document(url: string): unknown {
    if (url === '/.well-known/openid-configuration') {
      return { issuer: this.issuer, jwks_uri: this.jwksUri, authorization_endpoint: `${this.issuer}/auth`, token_endpoint: `${this.issuer}/token` };
    }
    if (url === '/jwks') {
      this.jwksFetches++;
      return { keys: this.keys.map((k) => ({ ...k.publicKey.export({ format: 'jwk' }), kid: k.kid, use: 'sig', alg: k.algorithm })) };
    }
    return undefined;
  }
}
