import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@whistle/config';
import { InvalidRequest, TooManyRequests } from '@whistle/http';
import { Open311Clients, apiKeyHash } from './clients';
import { Open311KeyRefused } from './errors';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'open311-clients-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const fileWith = (content: unknown): string => {
  const file = join(dir, 'clients.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};
const hotline = { id: 'hotline-12345', name: '12345 热线', apiKeySha256: apiKeyHash('the-hotline-key') };
const app = { id: 'resident-app', name: '居民端', apiKeySha256: apiKeyHash('the-app-key'), channel: 'resident_app' };

describe('the Open311 clients (OPEN311_CLIENTS_FILE)', () => {
  it('knows each client by its key, and only by its key', () => {
    const clients = Open311Clients.load(fileWith([hotline, app]), { requestsPerMinute: 0 });
    expect(clients.authenticate('the-hotline-key')).toEqual({ id: 'hotline-12345', name: '12345 热线', channel: 'hotline_12345' });
    expect(clients.authenticate('the-app-key')).toEqual({ id: 'resident-app', name: '居民端', channel: 'resident_app' });
    expect(() => clients.authenticate('the-hotline-key ')).toThrow(Open311KeyRefused);
    expect(() => clients.authenticate(apiKeyHash('the-hotline-key'))).toThrow(Open311KeyRefused);
    expect(() => clients.authenticate(undefined)).toThrow(InvalidRequest);
  });

  it('refuses every key, saying why, when no file is set', () => {
    const clients = Open311Clients.load(undefined, { requestsPerMinute: 0 });
    expect(clients.configured).toBe(false);
    expect(() => clients.authenticate('the-hotline-key')).toThrow(/no Open311 client is configured \(OPEN311_CLIENTS_FILE\)/);
    expect(() => clients.authenticate(undefined)).toThrow(Open311KeyRefused);
  });

  it.each([
    ['no file', null, /cannot read/],
    ['not JSON', '[{', /is not JSON/],
    ['not a list', { clients: [] }, /must hold a JSON array/],
    ['a key kept in clear', [{ ...hotline, apiKeySha256: 'the-hotline-key' }], /apiKeySha256 must be the sha256/],
    ['an unknown channel', [{ ...hotline, channel: 'fax' }], /channel must be one of/],
    ['an unknown field', [{ ...hotline, apiKey: 'x' }], /fields this file does not take: apiKey/],
    ['a bad id', [{ ...hotline, id: 'Hot Line' }], /entry 1: id must be/],
    ['an id twice', [hotline, { ...app, id: 'hotline-12345' }], /appears twice/],
  ])('stops the start on %s, naming the setting', (_what, content, message) => {
    const file = content === null ? join(dir, 'missing.json') : fileWith(content);
    const load = () => Open311Clients.load(file, { requestsPerMinute: 0 });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
    expect(load).toThrow(/OPEN311_CLIENTS_FILE/);
  });

  it('counts each client’s requests per minute, as the API counts each caller', () => {
    let now = 120_000;
    const clients = Open311Clients.load(fileWith([hotline, app]), { requestsPerMinute: 2, now: () => now });
    clients.authenticate('the-hotline-key');
    clients.authenticate('the-hotline-key');
    expect(() => clients.authenticate('the-hotline-key')).toThrow(TooManyRequests);
    // Another client has its own budget; the next minute, so has this one again.
    expect(clients.authenticate('the-app-key').id).toBe('resident-app');
    now += 60_000;
    expect(clients.authenticate('the-hotline-key').id).toBe('hotline-12345');
  });
});
