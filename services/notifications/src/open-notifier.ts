import type { Clock } from '@whistle/kernel';
import type { CatalogueIndex } from '@whistle/catalogue';
import type { Logger } from '@whistle/messaging';
import { Notifier, type NotifierSettings } from './notifier';
import { loadWebhookSecrets } from './webhook-secrets';

/** The notifier as either mode opens it: its secrets read and checked first, so a missing one stops the start. */
export function openNotifier(
  settings: NotifierSettings & { readonly WEBHOOK_SECRETS_FILE: string | undefined },
  deps: { readonly catalogue: CatalogueIndex; readonly clock: Clock; readonly logger: Logger },
): Notifier {
  const secrets = loadWebhookSecrets(settings.WEBHOOK_SECRETS_FILE, deps.catalogue.catalogue);
  return new Notifier(settings, { ...deps, secrets });
}
