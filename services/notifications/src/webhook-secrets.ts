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

/** The shortest secret taken: anything shorter is a placeholder, not a secret. */
const MIN_SECRET_LENGTH = 16;

/** The secret a webhook's secretRef names, or why there is none, said for the operator. */
export type SecretLookup = { readonly secret: string } | { readonly problem: string };

/**
 * The webhook secrets (WEBHOOK_SECRETS_FILE: a JSON object from each secretRef to its secret,
 * mounted from a secret store; never in the catalogue). Read and checked at start against the
 * catalogue file's webhooks; a webhook the catalogue gains while the system runs (目录变更) may name a
 * secretRef the start did not need: the file is read again when one is missing, so a secret added
 * to it (a secret store updates a mounted file in place) is found without a restart.
 */
export class WebhookSecrets {
  constructor(
    private readonly file: string | undefined,
    private secrets: ReadonlyMap<string, string>,
  ) {}

  /** The secret of `secretRef`; a secretRef not known is looked for in the file again. */
  secretOf(secretRef: string): SecretLookup {
    const known = this.secrets.get(secretRef);
    if (known !== undefined) return { secret: known };
    if (!this.file) return { problem: `no secret "${secretRef}": WEBHOOK_SECRETS_FILE is not set` };
    let entries: ReadonlyMap<string, unknown>;
    try {
      entries = readSecretsFile(this.file);
    } catch (error) {
      return { problem: `no secret "${secretRef}": ${error instanceof Error ? error.message : String(error)}` };
    }
    const secret = entries.get(secretRef);
    if (secret === undefined) return { problem: `no secret "${secretRef}" in WEBHOOK_SECRETS_FILE (${this.file}): add it there; the next try reads the file again` };
    if (!isSecret(secret)) return { problem: `the secret "${secretRef}" in WEBHOOK_SECRETS_FILE (${this.file}) must be a string of at least ${MIN_SECRET_LENGTH} characters` };
    this.secrets = usable(entries);
    return { secret };
  }
}

/**
 * Reads the secrets at start and checks them against the catalogue: a webhook whose secret is
 * missing or too short to be a secret stops the start, named, rather than failing every delivery.
 * Every usable secret of the file is kept, needed yet or not.
 */
export function loadWebhookSecrets(file: string | undefined, catalogue: Catalogue): WebhookSecrets {
  const needed = webhooksOf(catalogue);
  if (needed.length === 0 && !file) return new WebhookSecrets(undefined, new Map());
  if (!file) throw new ConfigError([`WEBHOOK_SECRETS_FILE is required: the catalogue names webhooks (${needed.map((n) => n.path).join(', ')}) whose secrets it holds`]);
  let secrets: ReadonlyMap<string, unknown>;
  try {
    secrets = readSecretsFile(file);
  } catch (error) {
    // Needed by no webhook yet, a broken file is read again when one needs it.
    if (needed.length === 0) return new WebhookSecrets(file, new Map());
    throw new ConfigError([(error as Error).message]);
  }
  const problems = needed.flatMap(({ path, secretRef }) => {
    const secret = secrets.get(secretRef);
    if (secret === undefined) return [`WEBHOOK_SECRETS_FILE: no secret "${secretRef}" (the webhook of ${path})`];
    if (!isSecret(secret)) return [`WEBHOOK_SECRETS_FILE: the secret "${secretRef}" (the webhook of ${path}) must be a string of at least ${MIN_SECRET_LENGTH} characters`];
    return [];
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return new WebhookSecrets(file, usable(secrets));
}

function readSecretsFile(file: string): ReadonlyMap<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`WEBHOOK_SECRETS_FILE: ${file} is not a readable JSON file (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`WEBHOOK_SECRETS_FILE: ${file} must hold a JSON object from each secretRef to its secret`);
  return new Map(Object.entries(parsed as Record<string, unknown>));
}

const isSecret = (value: unknown): value is string => typeof value === 'string' && value.length >= MIN_SECRET_LENGTH;

function usable(entries: ReadonlyMap<string, unknown>): ReadonlyMap<string, string> {
  return new Map([...entries].filter((entry): entry is [string, string] => isSecret(entry[1])));
}
