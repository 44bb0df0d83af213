import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogue } from '@whistle/catalogue';
import type { Catalogue } from '@whistle/contracts';
import { loadWebhookSecrets } from './webhook-secrets';

const base = loadCatalogue();
const withHook: Catalogue = { ...base, units: base.units.map((u, i) => (i === 0 ? { ...u, webhook: { url: 'https://h.example/x', secretRef: 'first-unit' } } : u)) };
const file = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'secrets-')), 'secrets.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('the webhook secrets, read at start', () => {
  it('are not needed while the catalogue names no webhook', () => {
    expect(loadWebhookSecrets(undefined, base).size).toBe(0);
  });

  it('gives each secretRef its secret', () => {
    expect(loadWebhookSecrets(file({ 'first-unit': 'a-secret-of-enough-length', unused: 'x' }), withHook)).toEqual(new Map([['first-unit', 'a-secret-of-enough-length']]));
  });

  it('stop the start, named, when the file is left out, unreadable, or lacks or shortens a secret', () => {
    const unit = base.units[0]!.id;
    expect(() => loadWebhookSecrets(undefined, withHook)).toThrow(`WEBHOOK_SECRETS_FILE is required: the catalogue names webhooks (unit ${unit})`);
    expect(() => loadWebhookSecrets(file('{not json'), withHook)).toThrow(/WEBHOOK_SECRETS_FILE: .* is not a readable JSON file/);
    expect(() => loadWebhookSecrets(file(['x']), withHook)).toThrow(/must hold a JSON object/);
    expect(() => loadWebhookSecrets(file({}), withHook)).toThrow(`WEBHOOK_SECRETS_FILE: no secret "first-unit" (the webhook of unit ${unit})`);
    expect(() => loadWebhookSecrets(file({ 'first-unit': 'short' }), withHook)).toThrow('must be a string of at least 16 characters');
  });
});
