import { schema as s } from '@whistle/http';
import { CASE_STATUSES } from '@whistle/read-models';

/*
 * What the read side answers, for the API document (libs/read-models' views as the presenters
 * shape them). Each says the members always sent and their types; nested records whose shape
 * is the views' business are objects, so that the schemas hold as the views grow.
 */

const LEVEL = s.oneOf([1, 2, 3, 4]);
/** A catalogue name in both languages, null for an id the catalogue does not know. */
export const NAME = s.nullable(s.object({ zh: s.text(), en: s.text() }));
const RATE = s.object({ value: s.nullable(s.number('numerator / denominator, null when the denominator is 0')), numerator: s.integer(), denominator: s.integer() });
const ENTRIES = s.list(s.anyObject());

export const TASK = s.object({
  taskId: s.text(),
  unitId: s.text(),
  role: s.oneOf(['summoned', 'lead', 'supporting']),
  level: LEVEL,
  whistleId: s.text(),
  status: s.text(),
  assignedAt: s.text(),
  reportInDueAt: s.nullable(s.text()),
  reportedInAt: s.nullable(s.text()),
  onTime: s.nullable(s.boolean()),
  acceptedAt: s.nullable(s.text()),
  decline: s.nullable(s.anyObject()),
  actions: ENTRIES,
  outcome: s.nullable(s.anyObject()),
  superseded: s.nullable(s.anyObject()),
  dueAt: s.nullable(s.text()),
  overdueAt: s.nullable(s.text()),
  overdue: s.boolean(),
});

const PLACE_NAMES = { categoryName: NAME, compoundName: NAME, communityName: NAME, stationName: NAME };

export const CASE_SUMMARY = s.object({
  id: s.text(),
  status: s.oneOf(CASE_STATUSES),
  level: s.nullable(LEVEL),
  proposedLevel: s.nullable(LEVEL),
  category: s.nullable(s.text()),
  compoundId: s.nullable(s.text()),
  communityId: s.nullable(s.text()),
  stationId: s.nullable(s.text()),
  reportedAt: s.nullable(s.text()),
  updatedAt: s.text(),
  overdue: s.boolean(),
  units: s.list(s.text()),
  duplicateOf: s.nullable(s.text()),
  ...PLACE_NAMES,
});

export const CASE_DETAIL = s.object({
  ...CASE_SUMMARY.properties,
  description: s.nullable(s.text()),
  location: s.nullable(s.text()),
  channel: s.nullable(s.text()),
  hasReporter: s.boolean(),
  reporterErasure: s.nullable(s.object({ at: s.text(), by: s.object({ id: s.text(), role: s.text() }), reason: s.text() })),
  evidence: ENTRIES,
  rejection: s.nullable(s.anyObject()),
  withdrawal: s.nullable(s.anyObject()),
  closedAt: s.nullable(s.text()),
  reopenableUntil: s.nullable(s.text()),
  reopenCount: s.integer(),
  whistle: s.nullable(s.anyObject()),
  involvedUnits: s.list(s.text()),
  tasks: s.list(TASK),
  publicity: s.nullable(s.anyObject()),
  levelHistory: ENTRIES,
  deadlines: ENTRIES,
  lapses: ENTRIES,
  adjudication: s.nullable(s.anyObject()),
  completion: s.nullable(s.anyObject()),
  callback: s.nullable(s.anyObject()),
  callbacks: ENTRIES,
  unitNames: s.mapOf(NAME, 'the names of the units the case mentions, by id'),
} as Record<string, s.SchemaObject>);

export const TASK_ENTRY = s.object({
  ...TASK.properties,
  caseId: s.text(),
  compoundId: s.nullable(s.text()),
  stationId: s.nullable(s.text()),
  category: s.nullable(s.text()),
  caseLevel: s.nullable(LEVEL),
  unitName: NAME,
  categoryName: NAME,
  compoundName: NAME,
} as Record<string, s.SchemaObject>);

export const MEETING_ENTRY = s.object({
  id: s.text(),
  status: s.text(),
  scheduledAt: s.text(),
  place: s.text(),
  invitedUnits: s.list(s.text()),
  quorumShare: s.number(),
  agenda: ENTRIES,
  attendance: s.list(s.object({ unitId: s.text(), present: s.boolean(), recordedAt: s.text() })),
  openedAt: s.nullable(s.text()),
  closedAt: s.nullable(s.text()),
  updatedAt: s.text(),
  unitNames: s.mapOf(NAME),
});

const GROUP_BY = s.oneOf(['unit', 'station', 'community']);

export const STATS = s.object({
  groupBy: GROUP_BY,
  from: s.nullable(s.text()),
  to: s.nullable(s.text()),
  asOf: s.text('when the figures were read'),
  groups: s.list(
    s.object({
      groupBy: GROUP_BY,
      id: s.text(),
      name: NAME,
      cases: s.integer(),
      tasks: s.integer(),
      responseRate: RATE,
      resolutionRate: RATE,
      satisfactionRate: RATE,
      overdue: s.anyObject(),
      declineEscalations: s.integer(),
      averageTimeToReportInMs: s.nullable(s.number()),
      averageTimeToCloseMs: s.nullable(s.number()),
      sources: s.object({ caseIds: s.list(s.text()), taskIds: s.list(s.text()) }),
    }),
  ),
});

export const TRENDS = s.object({
  groupBy: GROUP_BY,
  from: s.text(),
  to: s.text(),
  bucket: s.text(),
  asOf: s.text(),
  intervals: s.list(s.object({ from: s.text(), to: s.text() })),
  groups: s.list(s.object({ id: s.text(), name: NAME })),
});

const ENTRY_NAME = s.object({ zh: s.text(), en: s.text() });
const PER_LEVEL = s.object({ '2': s.text('an ISO-8601 duration'), '3': s.text('an ISO-8601 duration') });
const WEBHOOK = s.object({ url: s.text(), secretRef: s.text('the name of its secret in WEBHOOK_SECRETS_FILE, never the secret') });
const entry = (members: Record<string, s.SchemaObject>, optional: Record<string, s.SchemaObject> = {}, description?: string) => s.list(s.object({ id: s.text(), name: ENTRY_NAME, ...members }, optional), description);

/**
 * The catalogue, exactly as a CATALOGUE_FILE holds it, as recorded changes leave it (目录变更): the
 * optional members (a unit's webhook and contacts, a category's own deadlines) are sent where the
 * catalogue gives them.
 */
export const CATALOGUE = s.object({
  version: s.oneOf([1]),
  town: s.object({ id: s.text(), name: ENTRY_NAME }),
  communities: entry({ stationId: s.text() }),
  compounds: entry({ communityId: s.text() }),
  stations: entry({}, { webhook: WEBHOOK }),
  units: entry({}, { webhook: WEBHOOK, contacts: s.list(s.object({ name: s.text(), phone: s.text() }), '联系人, at most 20') }),
  categories: entry(
    { defaultLevel: LEVEL, unitIds: s.list(s.text()) },
    { deadlines: s.object({}, { reportIn: PER_LEVEL, grace: PER_LEVEL, activity: s.text('an ISO-8601 duration or working days, P<n>WD') }, "the category's own deadlines, where they differ from the catalogue's") },
  ),
  deadlines: s.object({ reportIn: PER_LEVEL, activity: s.text(), tabling: s.text(), resolutionTasks: s.text(), grace: PER_LEVEL, reopenWindow: s.text(), duplicateWindow: s.text() }),
  policies: s.object({ quorumShare: s.number(), maxDeferrals: s.integer() }),
});
