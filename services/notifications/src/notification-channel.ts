import type { Webhook } from '@whistle/contracts';
import { WEBHOOK_HEADERS, webhookSignature } from './webhook-signature';

/** What one try of a delivery came to: `httpStatus` when the receiver answered, `error` when it failed. */
export interface DeliveryOutcome {
  readonly delivered: boolean;
  readonly httpStatus?: number;
  readonly error?: string;
}

/**
 * A way to reach a recipient. Only the webhook is built; an SMS gateway or enterprise messaging
 * (企业微信, 钉钉) would be another implementation, chosen per recipient by `channelFor`.
 */
export interface NotificationChannel {
  readonly name: string;
  send(notification: { readonly id: string; readonly body: string }): Promise<DeliveryOutcome>;
}

/** POSTs the notification's JSON to the URL, signed afresh on each try (see webhook-signature.ts). */
export class WebhookChannel implements NotificationChannel {
  readonly name = 'webhook';

  constructor(
    private readonly webhook: Webhook,
    private readonly secret: string,
    private readonly options: { readonly timeoutMs: number; readonly nowSeconds: () => number },
  ) {}

  async send(notification: { readonly id: string; readonly body: string }): Promise<DeliveryOutcome> {
    const timestamp = this.options.nowSeconds();
    try {
      const response = await fetch(this.webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'four-level-whistle-notifications',
          [WEBHOOK_HEADERS.id]: notification.id,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: webhookSignature(this.secret, timestamp, notification.body),
        },
        body: notification.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.body?.cancel();
      return response.ok ? { delivered: true, httpStatus: response.status } : { delivered: false, httpStatus: response.status, error: `HTTP ${response.status}` };
    } catch (error) {
      return { delivered: false, error: reasonOf(error) };
    }
  }
}

/**
 * fetch says only "fetch failed"; the cause (ECONNREFUSED, a timeout) is what an operator needs.
 * Read by shape, not instanceof: undici's errors may come from another realm.
 */
function reasonOf(error: unknown): string {
  const { name, message, cause } = (error ?? {}) as { name?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  if (name === 'TimeoutError') return `timed out`;
  if (typeof message !== 'string') return String(error);
  const why = cause && (typeof cause.code === 'string' ? cause.code : typeof cause.message === 'string' ? cause.message : undefined);
  return why ? `${message}: ${why}` : message;
}
