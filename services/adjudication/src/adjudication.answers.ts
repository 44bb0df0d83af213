import { schema as s } from '@whistle/http';

/* What adjudication answers besides its commands, for the API document. */

const ENTRIES = s.list(s.anyObject());

export const MEETING = s.object({
  meetingId: s.text(),
  status: s.oneOf(['scheduled', 'open', 'closed']),
  scheduledAt: s.text(),
  place: s.text(),
  invitedUnits: s.list(s.text()),
  quorumShare: s.number(),
  agenda: ENTRIES,
  attendance: ENTRIES,
  openedAt: s.nullable(s.text()),
  closedAt: s.nullable(s.text()),
  revision: s.integer('send it as If-Match'),
});

const MINUTES_MEMBERS = {
  meetingId: s.text(),
  status: s.oneOf(['scheduled', 'open', 'closed']),
  scheduledAt: s.text(),
  place: s.text(),
  openedAt: s.nullable(s.text()),
  closedAt: s.nullable(s.text()),
  invited: ENTRIES,
  present: ENTRIES,
  absent: ENTRIES,
  quorum: s.object({ invited: s.integer(), present: s.integer(), required: s.integer(), reached: s.boolean() }),
  items: ENTRIES,
};

export const MINUTES = s.object({ ...MINUTES_MEMBERS, text: s.text('the minutes as a plain document') });

export const PENDING_CASES = s.object({
  items: s.list(
    s.object({
      caseId: s.text(),
      units: s.list(s.text()),
      reason: s.text(),
      requestedAt: s.text(),
      tablingDueAt: s.text(),
      overdue: s.boolean(),
      deferrals: s.integer(),
    }),
  ),
});
