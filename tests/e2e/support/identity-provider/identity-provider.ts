import { generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { ManagedProcess, freePort } from '@whistle/deployment';

const ROOT = join(__dirname, '..', '..', '..', '..');

export interface ProviderAccount {
  readonly name: string;
  /** What the provider puts in the account's access tokens: the role and its scope. */
  readonly claims: Record<string, string>;
}

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly jwk: JsonWebKey & { kid: string };
}

export function signingKey(kid: string): SigningKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, jwk: { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } };
}

export interface IdentityProviderOptions {
  /** The console's origin, whose /auth/callback the provider redirects to. */
  readonly consoleOrigin: string;
  /** The API's resource indicator: the audience of the access tokens. */
  readonly audience: string;
  readonly accounts: Readonly<Record<string, ProviderAccount>>;
  /** Clients that get tokens for themselves (client credentials), with the claims those carry. */
  readonly robots?: Readonly<Record<string, { secret: string; claims: Record<string, string> }>>;
  /** The first signs; all are published. */
  readonly keys?: readonly SigningKey[];
  readonly accessTokenTtlSeconds?: number;
}

/**
 * A real OpenID provider (`oidc-provider`, Node) on a free port of this machine, with the web
 * console as a public client (code with PKCE) and the given accounts; see provider.mjs.
 */
export class IdentityProvider {
  private keys: readonly SigningKey[];
  private process: ManagedProcess;

  private constructor(
    private readonly options: IdentityProviderOptions,
    private readonly port: number,
  ) {
    this.keys = options.keys ?? [signingKey('key-1')];
    this.process = this.managed();
  }

  static async start(options: IdentityProviderOptions): Promise<IdentityProvider> {
    const provider = new IdentityProvider(options, await freePort());
    await provider.process.start();
    return provider;
  }

  get issuer(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get logs(): string {
    return this.process.output;
  }

  /** Restarts on the same port publishing other keys, the first of which signs: a key rotation. */
  async rotate(keys: readonly SigningKey[]): Promise<void> {
    await this.process.stop();
    this.keys = keys;
    this.process = this.managed();
    await this.process.start();
  }

  /** A token a robot client gets for itself at the token endpoint (client credentials), for the API's audience. */
  async robotToken(clientId: string): Promise<string> {
    const robot = this.options.robots?.[clientId];
    if (!robot) throw new Error(`no robot ${clientId}`);
    const response = await fetch(`${this.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${robot.secret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource: this.options.audience, scope: 'whistle' }),
    });
    const body = (await response.json()) as { access_token?: string };
    if (!response.ok || !body.access_token) throw new Error(`the provider gave no token (${response.status}): ${JSON.stringify(body)}`);
    return body.access_token;
  }

  async stop(): Promise<void> {
    await this.process.stop();
  }

  private managed(): ManagedProcess {
    const config = {
      port: this.port,
      consoleOrigin: this.options.consoleOrigin,
      audience: this.options.audience,
      keys: this.keys.map((k) => k.jwk),
      accounts: this.options.accounts,
      robots: this.options.robots ?? {},
      accessTokenTtl: this.options.accessTokenTtlSeconds ?? 600,
    };
    return new ManagedProcess({
      name: 'the identity provider',
      command: `node ${join(__dirname, 'provider.mjs')}`,
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', FLW_IDP: JSON.stringify(config), NODE_NO_WARNINGS: '1' },
      readyUrl: `http://127.0.0.1:${this.port}/.well-known/openid-configuration`,
      readyWithinMs: 30_000,
    });
  }
}
