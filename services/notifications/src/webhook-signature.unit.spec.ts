import { createHmac } from 'node:crypto';
import { verifyWebhook, webhookSignature, WEBHOOK_HEADERS } from './webhook-signature';
import { afterFailure, retryDelayMs } from './retry-policy';

const secret = 'whsec-0123456789abcdef';
const body = '{"id":"ntf_1","kind":"summoned"}';
const headersAt = (timestamp: number, signature = webhookSignature(secret, timestamp, body)) => ({ [WEBHOOK_HEADERS.timestamp]: String(timestamp), [WEBHOOK_HEADERS.signature]: signature });

describe('the webhook signature (签名)', () => {
  it('is v1= and the hex HMAC-SHA256 of timestamp + "." + body, as a receiver recomputes it', () => {
    const expected = createHmac('sha256', secret).update(`1764925200.${body}`).digest('hex');
    expect(webhookSignature(secret, 1764925200, body)).toBe(`v1=${expected}`);
  });

  it('verifies a fresh, untouched request', () => {
    expect(verifyWebhook(secret, headersAt(1764925200), body, 1764925200 + 299)).toEqual({ ok: true });
  });

  it('refuses a stale or future timestamp (a replay), a changed body, another secret, and missing headers', () => {
    expect(verifyWebhook(secret, headersAt(1764925200), body, 1764925200 + 301)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifyWebhook(secret, headersAt(1764925200), body, 1764925200 - 301)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifyWebhook(secret, headersAt(1764925200), body.replace('summoned', 'meeting'), 1764925200)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyWebhook('another-secret-entirely', headersAt(1764925200), body, 1764925200)).toEqual({ ok: false, reason: 'bad_signature' });
    // The timestamp is signed: moving it forward to look fresh breaks the signature.
    expect(verifyWebhook(secret, headersAt(1764925999, webhookSignature(secret, 1764925200, body)), body, 1764925999)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyWebhook(secret, {}, body, 1764925200)).toEqual({ ok: false, reason: 'missing_headers' });
  });
});

describe('retries (重试)', () => {
  const policy = { attempts: 4, initialDelayMs: 1_000, maxDelayMs: 5_000 };

  it('waits between half and all of a doubling delay, capped', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, () => 0))).toEqual([500, 1_000, 2_000, 2_500]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, () => 1))).toEqual([1_000, 2_000, 4_000, 5_000]);
    expect(retryDelayMs(2, policy, () => 0.5)).toBe(1_500);
  });

  it('dead-letters after the last try of the round', () => {
    expect(afterFailure(3, policy, () => 0)).toEqual({ dead: false, delayMs: 2_000 });
    expect(afterFailure(4, policy, () => 0)).toEqual({ dead: true });
  });
});
