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
    expect(loadWebhookSecrets(undefined, base).secretOf('first-unit')).toEqual({ problem: 'no secret "first-unit": WEBHOOK_SECRETS_FILE is not set' });
  });

  it('gives each secretRef its secret, the ones no webhook needs yet too, if they are secrets', () => {
    const secrets = loadWebhookSecrets(file({ 'first-unit': 'a-secret-of-enough-length', later: 'another-secret-of-length', short: 'x' }), withHook);
    expect(secrets.secretOf('first-unit')).toEqual({ secret: 'a-secret-of-enough-length' });
    expect(secrets.secretOf('later')).toEqual({ secret: 'another-secret-of-length' });
    expect(secrets.secretOf('short')).toEqual({ problem: expect.stringMatching(/^the secret "short" in WEBHOOK_SECRETS_FILE \(.*\) must be a string of at least 16 characters$/) });
    // A file while no webhook needs it is read too: a webhook added while the system runs finds its secret there.
    expect(loadWebhookSecrets(file({ later: 'another-secret-of-length' }), base).secretOf('later')).toEqual({ secret: 'another-secret-of-length' });
  });

  it('finds a secret added to the file after the start, naming the secretRef and the setting while it is missing', () => {
    const path = file({ 'first-unit': 'a-secret-of-enough-length' });
    const secrets = loadWebhookSecrets(path, withHook);
    expect(secrets.secretOf('added-later')).toEqual({ problem: `no secret "added-later" in WEBHOOK_SECRETS_FILE (${path}): add it there; the next try reads the file again` });
    writeFileSync(path, JSON.stringify({ 'first-unit': 'a-secret-of-enough-length', 'added-later': 'a-later-secret-of-length' }));
    expect(secrets.secretOf('added-later')).toEqual({ secret: 'a-later-secret-of-length' });
    writeFileSync(path, '{broken');
    expect(secrets.secretOf('first-unit')).toEqual({ secret: 'a-secret-of-enough-length' });
    expect(secrets.secretOf('never')).toEqual({ problem: expect.stringMatching(/^no secret "never": WEBHOOK_SECRETS_FILE: .* is not a readable JSON file/) });
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
