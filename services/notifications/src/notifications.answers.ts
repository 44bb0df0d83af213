import { schema as s } from '@whistle/http';
import { NOTIFICATION_KINDS, RECIPIENT_KINDS } from './notification';
import { DELIVERY_STATUSES } from './notification-outbox';

/* What the notifications routes answer, for the API document. */

export const NOTIFICATION = s.object({
  id: s.text('derived from the event, the kind and the recipient: the same on every try, for the receiver to dedupe'),
  kind: s.oneOf(NOTIFICATION_KINDS),
  recipient: s.object({ kind: s.oneOf(RECIPIENT_KINDS), id: s.text() }),
  caseId: s.nullable(s.text()),
  sourceEventId: s.text(),
  sourceEventType: s.text(),
  createdAt: s.instant(),
  status: s.oneOf(DELIVERY_STATUSES),
  nextAttemptAt: s.nullable(s.instant('while pending or retrying: when it is tried next')),
  deliveredAt: s.nullable(s.instant()),
  lastError: s.nullable(s.text()),
  body: s.text('the signed JSON the recipient is sent'),
  attempts: s.list(
    s.object({ number: s.integer(), at: s.instant(), channel: s.text(), outcome: s.oneOf(['delivered', 'failed']), httpStatus: s.nullable(s.integer()), error: s.nullable(s.text()) }),
  ),
});

export const NOTIFICATION_PAGE = s.page(NOTIFICATION);
