import type { Clock } from '@whistle/kernel';
import type { CatalogueIndex } from '@whistle/catalogue';
import type { Logger } from '@whistle/messaging';
import { Notifier, type NotifierSettings } from './notifier';
import { loadWebhookSecrets } from './webhook-secrets';

/**
 * The notifier as either mode opens it: its secrets read and checked first against the catalogue
 * file's webhooks, so a missing one stops the start. A webhook a catalogue change (目录变更) added
 * is checked when a notification is delivered to it: a missing secret is then a delivery failure
 * that names it, not a start that a change made while the system ran would stop.
 */
export function openNotifier(
  settings: NotifierSettings & { readonly WEBHOOK_SECRETS_FILE: string | undefined },
  deps: { readonly catalogue: CatalogueIndex; readonly clock: Clock; readonly logger: Logger },
): Notifier {
  const secrets = loadWebhookSecrets(settings.WEBHOOK_SECRETS_FILE, deps.catalogue.starting);
  return new Notifier(settings, { ...deps, secrets });
}
