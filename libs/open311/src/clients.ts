import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CHANNELS, type Channel } from '@whistle/contracts';
import { ConfigError } from '@whistle/config';
import { InvalidRequest, TooManyRequests } from '@whistle/http';
import { Open311KeyRefused } from './errors';

/** The setting that names the clients' file. */
export const OPEN311_CLIENTS_SETTING = 'OPEN311_CLIENTS_FILE';

/** A system allowed to file service requests (the 12345 hotline, a residents' app), known by its api_key. */
export interface Open311Client {
  /** Recorded as the actor of what it files: `open311:<id>`. */
  readonly id: string;
  readonly name: string;
  /** The channel its reports come through; hotline_12345 when the file does not say. */
  readonly channel: Channel;
}

interface StoredClient extends Open311Client {
  readonly keyHash: Buffer;
}

const ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** sha256 of an api_key as hex: what the clients' file keeps instead of the key itself. */
export function apiKeyHash(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

function problem(message: string): ConfigError {
  return new ConfigError([`${OPEN311_CLIENTS_SETTING}: ${message}`]);
}

/** One entry of the file, checked: a bad entry stops the start, named by its place in the file. */
function clientOf(entry: unknown, index: number): StoredClient {
  const where = `entry ${index + 1}`;
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw problem(`${where} is not an object`);
  const { id, name, apiKeySha256, channel = 'hotline_12345', ...rest } = entry as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw problem(`${where} has fields this file does not take: ${unknown.join(', ')} (id, name, apiKeySha256, channel)`);
  if (typeof id !== 'string' || !ID.test(id)) throw problem(`${where}: id must be 1 to 63 lower-case letters, digits, _ or -`);
  if (typeof name !== 'string' || name.trim() === '') throw problem(`${where} (${id}): name is required`);
  if (typeof apiKeySha256 !== 'string' || !SHA256_HEX.test(apiKeySha256)) {
    throw problem(`${where} (${id}): apiKeySha256 must be the sha256 of the key as 64 lower-case hexadecimal digits (printf %s "$KEY" | sha256sum)`);
  }
  if (typeof channel !== 'string' || !(CHANNELS as readonly string[]).includes(channel)) throw problem(`${where} (${id}): channel must be one of ${CHANNELS.join(', ')}`);
  return { id, name, channel: channel as Channel, keyHash: Buffer.from(apiKeySha256, 'hex') };
}

/**
 * The Open311 clients and their keys, read once at start from OPEN311_CLIENTS_FILE (a JSON array
 * of `{ id, name, apiKeySha256, channel? }`). Only each key's sha256 is kept, so the file is no
 * secret worth stealing; a key is checked against every hash in constant time. Without the
 * setting there are no clients, and every request that needs a key is refused (403) saying so.
 */
export class Open311Clients {
  private windowStart = 0;
  private counts = new Map<string, number>();

  private constructor(
    private readonly clients: readonly StoredClient[],
    /** Requests per minute per client; 0 for no limit (RATE_LIMIT_PER_MINUTE). */
    private readonly requestsPerMinute: number,
    private readonly now: () => number,
  ) {}

  static load(file: string | undefined, options: { requestsPerMinute: number; now?: () => number }): Open311Clients {
    const now = options.now ?? Date.now;
    if (file === undefined) return new Open311Clients([], options.requestsPerMinute, now);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw problem(`cannot read ${file}: ${(error as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw problem(`${file} is not JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw problem(`${file} must hold a JSON array of clients: [{ "id", "name", "apiKeySha256", "channel"? }]`);
    const clients = parsed.map(clientOf);
    const ids = new Set<string>();
    for (const client of clients) {
      if (ids.has(client.id)) throw problem(`client id ${client.id} appears twice`);
      ids.add(client.id);
    }
    return new Open311Clients(clients, options.requestsPerMinute, now);
  }

  get configured(): boolean {
    return this.clients.length > 0;
  }

  /** The client whose key this is, counted against its rate limit; 403 for a wrong key, 400 for none. */
  authenticate(apiKey: string | undefined): Open311Client {
    if (!this.configured) {
      throw new Open311KeyRefused(
        `no Open311 client is configured (${OPEN311_CLIENTS_SETTING}): this system takes no service requests through Open311 until the office names its clients and their keys`,
      );
    }
    if (apiKey === undefined || apiKey === '') throw new InvalidRequest([{ field: 'api_key', message: 'api_key is required to file a service request' }]);
    const hash = createHash('sha256').update(apiKey, 'utf8').digest();
    // Every hash compared, so the time taken says nothing of which came close.
    let found: StoredClient | undefined;
    for (const client of this.clients) if (timingSafeEqual(client.keyHash, hash)) found ??= client;
    if (found === undefined) throw new Open311KeyRefused('invalid api_key: no Open311 client has this key');
    this.count(found.id);
    return { id: found.id, name: found.name, channel: found.channel };
  }

  /** Fixed one-minute windows per client, as the API counts each token's subject. */
  private count(clientId: string): void {
    if (this.requestsPerMinute <= 0) return;
    const at = this.now();
    if (at - this.windowStart >= 60_000) {
      this.windowStart = at - ((at - this.windowStart) % 60_000);
      this.counts = new Map();
    }
    const seen = (this.counts.get(clientId) ?? 0) + 1;
    this.counts.set(clientId, seen);
    if (seen > this.requestsPerMinute) throw new TooManyRequests(Math.ceil((this.windowStart + 60_000 - at) / 1000));
  }

  /** Nothing to release: the clients are read once. A writer's resource is closed with it. */
  close(): void {
    this.counts.clear();
  }
}
