import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a webhook is signed (like Stripe's and Standard Webhooks'): the sender puts the Unix time in
 * seconds in `Whistle-Webhook-Timestamp` and `v1=` + the hex HMAC-SHA256, keyed by the shared
 * secret, of `timestamp + "." + body` in `Whistle-Webhook-Signature`. The receiver recomputes it
 * over the raw body and refuses a timestamp older (or newer) than its tolerance, so a captured
 * request cannot be replayed later; `Whistle-Webhook-Id` is the same on every retry, to dedupe.
 */
export const WEBHOOK_HEADERS = {
  id: 'whistle-webhook-id',
  timestamp: 'whistle-webhook-timestamp',
  signature: 'whistle-webhook-signature',
} as const;

/** Five minutes either way, as Stripe's and Standard Webhooks' libraries default to. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type WebhookCheck = { readonly ok: true } | { readonly ok: false; readonly reason: 'missing_headers' | 'stale_timestamp' | 'bad_signature' };

/** A receiver's check of one request (exported for receivers written in TypeScript, and the tests). */
export function verifyWebhook(
  secret: string,
  headers: Readonly<Record<string, string | undefined>>,
  body: string,
  nowSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): WebhookCheck {
  const timestamp = Number(headers[WEBHOOK_HEADERS.timestamp]);
  const signature = headers[WEBHOOK_HEADERS.signature];
  if (!Number.isInteger(timestamp) || signature === undefined) return { ok: false, reason: 'missing_headers' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: 'stale_timestamp' };
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
