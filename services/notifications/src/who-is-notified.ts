import { assertNever, type EventEnvelope } from '@whistle/kernel';
import { eventOf, type AnyEvent } from '@whistle/contracts';
import type { NotificationDraft, Recipient } from './notification';

/** A summoned unit's report-in deadline the notifier watches, to say when it is near. */
export interface ReportInWatch {
  readonly whistleId: string;
  readonly unitId: string;
  readonly caseId: string;
  /** when the window opened (the whistle) and when it closes */
  readonly from: string;
  readonly dueAt: string;
  readonly sourceEventId: string;
}

/** What an event changes for the notifier: whom to notify, what it learns of a case, which watches start or end. */
export interface Reaction {
  readonly notify: readonly NotificationDraft[];
  readonly caseStation?: { readonly caseId: string; readonly stationId: string };
  readonly watch: readonly ReportInWatch[];
  /** Watches that end: one unit's, or a whole round's when `unitId` is left out. */
  readonly unwatch: readonly { readonly whistleId: string; readonly unitId?: string }[];
}

const NOTHING: Reaction = { notify: [], watch: [], unwatch: [] };

/**
 * The events the notifier reacts to: `reactTo` takes each in a case of its own (the compiler holds
 * the two together), and its consumer passes every other event over, neither handled nor recorded.
 */
export const NOTIFYING_EVENT_TYPES = [
  'escalation.TriageOpened.v1',
  'escalation.WhistleBlown.v1',
  'escalation.TaskProgressNoted.v1',
  'enforcement.TaskReportedIn.v1',
  'escalation.ReportInMissed.v1',
  'escalation.ActivityOverdue.v1',
  'enforcement.TaskOverdue.v1',
  'adjudication.TablingOverdue.v1',
  'adjudication.MeetingScheduled.v1',
  'escalation.LevelRaised.v1',
  'escalation.LevelLowered.v1',
  'escalation.ReferredToJointMeeting.v1',
  'escalation.WhistleStoodDown.v1',
] as const satisfies readonly AnyEvent['type'][];

type NotifyingEvent = Extract<AnyEvent, { type: (typeof NOTIFYING_EVENT_TYPES)[number] }>;
const NOTIFYING: ReadonlySet<string> = new Set(NOTIFYING_EVENT_TYPES);

/** Whether the notifier reacts to this event at all. */
export const concernsNotifier = (event: Pick<EventEnvelope, 'type'>): boolean => NOTIFYING.has(event.type);

/**
 * Who is notified of `event`, and what the notifier must remember for later ones. Pure: the case's
 * station, which lapse events of other contexts do not carry, comes in as a look-up of what
 * earlier events said. Events no one is notified of give nothing.
 */
export function reactTo(envelope: EventEnvelope, stationOf: (caseId: string) => string | undefined): Reaction {
  const draft = (kind: NotificationDraft['kind'], recipient: Recipient, caseId: string | null, facts: NotificationDraft['facts']): NotificationDraft => ({
    kind,
    recipient,
    sourceEventId: envelope.eventId,
    sourceEventType: envelope.type,
    caseId,
    facts,
  });
  /** The station hears of a lapse of its case; a unit's lapse (a missed report-in, an overdue task) names the unit, as a case may lapse once per unit. */
  const toStation = (caseId: string, lapse: string, dueAt: string, unitId?: string, stationId = stationOf(caseId)): NotificationDraft[] =>
    stationId === undefined ? [] : [draft('case_overdue', { kind: 'station', id: stationId }, caseId, { lapse, dueAt, ...(unitId ? { unitId } : {}) })];
  const roundEnded = (endedWhistleId: string | undefined): Reaction => (endedWhistleId ? { ...NOTHING, unwatch: [{ whistleId: endedWhistleId }] } : NOTHING);

  if (!concernsNotifier(envelope)) return NOTHING;
  const event = eventOf(envelope) as NotifyingEvent;
  switch (event.type) {
    case 'escalation.TriageOpened.v1':
      return { ...NOTHING, caseStation: { caseId: event.data.caseId, stationId: event.data.stationId } };
    case 'escalation.WhistleBlown.v1': {
      const { caseId, whistleId, stationId, level, units, blownAt } = event.data;
      return {
        notify: units.map((u) => draft('summoned', { kind: 'unit', id: u.unitId }, caseId, { level, whistleId, ...(u.reportInDueAt ? { reportInDueAt: u.reportInDueAt } : {}) })),
        caseStation: { caseId, stationId },
        watch: units.flatMap((u) => (u.reportInDueAt ? [{ whistleId, unitId: u.unitId, caseId, from: blownAt, dueAt: u.reportInDueAt, sourceEventId: envelope.eventId }] : [])),
        unwatch: [],
      };
    }
    case 'escalation.TaskProgressNoted.v1':
      return event.data.step === 'reported_in' ? { ...NOTHING, unwatch: [{ whistleId: event.data.whistleId, unitId: event.data.unitId }] } : NOTHING;
    case 'enforcement.TaskReportedIn.v1':
      return { ...NOTHING, unwatch: [{ whistleId: event.data.whistleId, unitId: event.data.unitId }] };
    case 'escalation.ReportInMissed.v1': {
      const { caseId, whistleId, unitId, dueAt, graceUntil, stationId } = event.data;
      return {
        notify: [draft('report_in_missed', { kind: 'unit', id: unitId }, caseId, { dueAt, graceUntil }), ...toStation(caseId, 'report_in_missed', dueAt, unitId, stationId ?? stationOf(caseId))],
        watch: [],
        unwatch: [{ whistleId, unitId }],
      };
    }
    case 'escalation.ActivityOverdue.v1':
      return { ...NOTHING, notify: toStation(event.data.caseId, 'activity_overdue', event.data.dueAt) };
    case 'enforcement.TaskOverdue.v1':
      return { ...NOTHING, notify: toStation(event.data.caseId, 'task_overdue', event.data.dueAt, event.data.unitId) };
    case 'adjudication.TablingOverdue.v1':
      return { ...NOTHING, notify: toStation(event.data.caseId, 'tabling_overdue', event.data.dueAt) };
    case 'adjudication.MeetingScheduled.v1': {
      const { meetingId, scheduledAt, place, invitedUnits } = event.data;
      return { ...NOTHING, notify: invitedUnits.map((unitId) => draft('meeting_invited', { kind: 'unit', id: unitId }, null, { meetingId, scheduledAt, place })) };
    }
    // The round ended: its units need no reminder of a report-in that no longer matters.
    case 'escalation.LevelRaised.v1':
    case 'escalation.LevelLowered.v1':
    case 'escalation.ReferredToJointMeeting.v1':
    case 'escalation.WhistleStoodDown.v1':
      return roundEnded(event.data.endedWhistleId);
    default:
      return assertNever(event, 'notifying event');
  }
}

/**
 * Whether a watched report-in deadline is near: inside the last `percent` of its window and not
 * yet passed (once passed, escalation's ReportInMissed says so, and that is notified instead).
 */
export function isNear(watch: Pick<ReportInWatch, 'from' | 'dueAt'>, now: string, percent: number): boolean {
  const from = Date.parse(watch.from);
  const due = Date.parse(watch.dueAt);
  const at = Date.parse(now);
  return at < due && at >= due - ((due - from) * percent) / 100;
}

/** The reminder a near deadline gives: its id derives from the whistle's event, so ticking again adds nothing. */
export function nearDeadlineDraft(watch: ReportInWatch): NotificationDraft {
  return {
    kind: 'report_in_near',
    recipient: { kind: 'unit', id: watch.unitId },
    sourceEventId: watch.sourceEventId,
    sourceEventType: 'escalation.WhistleBlown.v1',
    caseId: watch.caseId,
    facts: { whistleId: watch.whistleId, dueAt: watch.dueAt },
  };
}
