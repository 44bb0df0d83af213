import { schema as s } from '@whistle/http';
import { NAME } from '../query.answers';

/* What supervision's read side answers, for the API document (the read models' supervision views as presented). */

const ENTRIES = s.list(s.anyObject());

export const EVALUATION = s.object({
  id: s.text(),
  taskId: s.text(),
  caseId: s.text(),
  whistleId: s.text(),
  unitId: s.text(),
  stationId: s.text(),
  ending: s.text(),
  result: s.nullable(s.text()),
  endedAt: s.text(),
  openedAt: s.text(),
  quarter: s.text(),
  unitRating: s.nullable(s.anyObject()),
  unitRatings: ENTRIES,
  whistleRating: s.nullable(s.anyObject()),
  whistleRatings: ENTRIES,
  awaiting: s.list(s.text(), 'who still has to rate'),
});

export const WEIGHTINGS = s.object({ current: s.anyObject('the weighting in force for the current quarter (weightingId `default` when the office set none)'), history: ENTRIES });

export const CREDIT_ENTRY = s.object({
  publicationId: s.text(),
  quarter: s.text(),
  kind: s.text(),
  averageTotal: s.number(),
  list: s.nullable(s.oneOf(['red', 'black'])),
  reason: s.nullable(s.text()),
  grades: s.list(s.object({ compoundId: s.text(), total: s.number(), grade: s.text() })),
  publishedAt: s.text(),
});

export const FIRM = s.object({
  id: s.text(),
  name: s.text(),
  creditCode: s.nullable(s.text()),
  contact: s.nullable(s.anyObject()),
  compoundIds: s.list(s.text()),
  registeredAt: s.nullable(s.text()),
  changes: s.list(s.object({ reason: s.text(), changedAt: s.text(), eventId: s.text() })),
  credit: s.list(CREDIT_ENTRY),
});

export const ASSESSMENT = s.object({
  id: s.text(),
  quarter: s.text(),
  firmId: s.text(),
  compoundId: s.text(),
  communityId: s.text(),
  stationId: s.text(),
  status: s.oneOf(['open', 'completed']),
  dimensions: s.mapOf(s.nullable(s.anyObject()), 'each of the eight dimensions, null until scored'),
  findings: ENTRIES,
  satisfaction: s.object({ responses: s.integer(), average: s.nullable(s.number()), bySource: s.object({ station: s.integer(), questionnaire: s.integer() }) }),
  questionnaires: s.list(s.object({ questionnaireId: s.text(), expiresAt: s.text(), maxResponses: s.integer(), responses: s.integer() })),
  openDays: ENTRIES,
  visits: ENTRIES,
  result: s.nullable(s.anyObject()),
});

export const QUARTERLY_SCORES = s.object({
  quarter: s.text(),
  from: s.text(),
  to: s.text(),
  groupBy: s.text(),
  weighting: s.anyObject(),
  groups: s.list(s.object({ id: s.text(), name: NAME })),
});

export const WEEKLY_BULLETIN = s.object({
  week: s.text(),
  from: s.text(),
  to: s.text(),
  generatedAt: s.text(),
  cases: s.object({ reported: s.integer(), byLevel: s.mapOf(s.integer()), byStatus: s.mapOf(s.integer()) }),
  rates: s.anyObject(),
  overdue: s.anyObject(),
  escalations: s.anyObject(),
  level4: ENTRIES,
  meetings: ENTRIES,
  noticesPublished: ENTRIES,
});

export const NOTICE = s.object({
  id: s.text(),
  correctedBy: s.list(s.text(), 'the notices that correct this one'),
  eventId: s.text(),
  hash: s.text('the event’s hash in its stream’s chain'),
});

export const FIRM_CREDIT = s.object({ firmId: s.text(), name: s.text(), entries: s.list(CREDIT_ENTRY) });
