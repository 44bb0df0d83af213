import { readFileSync } from 'node:fs';
import { ConfigError } from '@whistle/config';
import type { Catalogue } from '@whistle/contracts';

/** The catalogue's webhooks, each with where it is (for messages): units' and stations'. */
export function webhooksOf(catalogue: Catalogue): { readonly path: string; readonly secretRef: string }[] {
  return [
    ...catalogue.units.flatMap((u) => (u.webhook ? [{ path: `unit ${u.id}`, secretRef: u.webhook.secretRef }] : [])),
    ...catalogue.stations.flatMap((s) => (s.webhook ? [{ path: `station ${s.id}`, secretRef: s.webhook.secretRef }] : [])),
  ];
}

/**
 * The webhook secrets, read at start from WEBHOOK_SECRETS_FILE (a JSON object from each secretRef
 * to its secret, mounted from a secret store; never in the catalogue). A webhook whose secret is
 * missing or too short to be a secret stops the start, named, rather than failing every delivery.
 */
export function loadWebhookSecrets(file: string | undefined, catalogue: Catalogue): ReadonlyMap<string, string> {
  const needed = webhooksOf(catalogue);
  if (needed.length === 0) return new Map();
  if (!file) throw new ConfigError([`WEBHOOK_SECRETS_FILE is required: the catalogue names webhooks (${needed.map((n) => n.path).join(', ')}) whose secrets it holds`]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`WEBHOOK_SECRETS_FILE: ${file} is not a readable JSON file (${error instanceof Error ? error.message : String(error)})`]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError([`WEBHOOK_SECRETS_FILE: ${file} must hold a JSON object from each secretRef to its secret`]);
  const secrets = new Map(Object.entries(parsed as Record<string, unknown>));
  const problems = needed.flatMap(({ path, secretRef }) => {
    const secret = secrets.get(secretRef);
    if (secret === undefined) return [`WEBHOOK_SECRETS_FILE: no secret "${secretRef}" (the webhook of ${path})`];
    if (typeof secret !== 'string' || secret.length < 16) return [`WEBHOOK_SECRETS_FILE: the secret "${secretRef}" (the webhook of ${path}) must be a string of at least 16 characters`];
    return [];
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return new Map(needed.map(({ secretRef }) => [secretRef, secrets.get(secretRef) as string]));
}
