import type { EventEnvelope } from '@whistle/kernel';
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

type Data = Readonly<Record<string, unknown>>;
const text = (data: Data, key: string): string | undefined => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
const list = <T>(data: Data, key: string): readonly T[] => (Array.isArray(data[key]) ? (data[key] as T[]) : []);

/**
 * Who is notified of `event`, and what the notifier must remember for later ones. Pure: the case's
 * station, which lapse events of other contexts do not carry, comes in as a look-up of what
 * earlier events said. Events no one is notified of give nothing.
 */
export function reactTo(event: EventEnvelope, stationOf: (caseId: string) => string | undefined): Reaction {
  const data = event.data as Data;
  const draft = (kind: NotificationDraft['kind'], recipient: Recipient, caseId: string | null, facts: NotificationDraft['facts']): NotificationDraft => ({
    kind,
    recipient,
    sourceEventId: event.eventId,
    sourceEventType: event.type,
    caseId,
    facts,
  });
  const caseId = text(data, 'caseId') ?? null;
  // A lapse of one unit's (a missed report-in, an overdue task) names the unit: a case may lapse once per unit.
  const unitId = text(data, 'unitId');
  const toStation = (lapse: string, dueAt: string | undefined, stationId = caseId === null ? undefined : stationOf(caseId)): NotificationDraft[] =>
    stationId === undefined ? [] : [draft('case_overdue', { kind: 'station', id: stationId }, caseId, { lapse, ...(dueAt ? { dueAt } : {}), ...(unitId ? { unitId } : {}) })];
  const ended = text(data, 'endedWhistleId');

  switch (event.type) {
    case 'escalation.TriageOpened.v1': {
      const stationId = text(data, 'stationId');
      return caseId && stationId ? { ...NOTHING, caseStation: { caseId, stationId } } : NOTHING;
    }
    case 'escalation.WhistleBlown.v1': {
      const whistleId = text(data, 'whistleId') ?? '';
      const stationId = text(data, 'stationId');
      const units = list<{ unitId: string; reportInDueAt?: string }>(data, 'units');
      return {
        notify: units.map((u) =>
          draft('summoned', { kind: 'unit', id: u.unitId }, caseId, { level: Number(data['level']), whistleId, ...(u.reportInDueAt ? { reportInDueAt: u.reportInDueAt } : {}) }),
        ),
        ...(caseId && stationId ? { caseStation: { caseId, stationId } } : {}),
        watch: units.flatMap((u) =>
          u.reportInDueAt && caseId
            ? [{ whistleId, unitId: u.unitId, caseId, from: text(data, 'blownAt') ?? event.occurredAt, dueAt: u.reportInDueAt, sourceEventId: event.eventId }]
            : [],
        ),
        unwatch: [],
      };
    }
    case 'escalation.TaskProgressNoted.v1':
      return data['step'] === 'reported_in' ? { ...NOTHING, unwatch: [{ whistleId: text(data, 'whistleId') ?? '', unitId: text(data, 'unitId') ?? '' }] } : NOTHING;
    case 'enforcement.TaskReportedIn.v1':
      return { ...NOTHING, unwatch: [{ whistleId: text(data, 'whistleId') ?? '', unitId: text(data, 'unitId') ?? '' }] };
    case 'escalation.ReportInMissed.v1': {
      const dueAt = text(data, 'dueAt') ?? '';
      return {
        notify: [draft('report_in_missed', { kind: 'unit', id: unitId ?? '' }, caseId, { dueAt, graceUntil: text(data, 'graceUntil') ?? '' }), ...toStation('report_in_missed', dueAt, text(data, 'stationId') ?? undefined)],
        watch: [],
        unwatch: [{ whistleId: text(data, 'whistleId') ?? '', unitId: unitId ?? '' }],
      };
    }
    case 'escalation.ActivityOverdue.v1':
      return { ...NOTHING, notify: toStation('activity_overdue', text(data, 'dueAt')) };
    case 'enforcement.TaskOverdue.v1':
      return { ...NOTHING, notify: toStation('task_overdue', text(data, 'dueAt')) };
    case 'adjudication.TablingOverdue.v1':
      return { ...NOTHING, notify: toStation('tabling_overdue', text(data, 'dueAt')) };
    case 'adjudication.MeetingScheduled.v1': {
      const facts = { meetingId: text(data, 'meetingId') ?? '', scheduledAt: text(data, 'scheduledAt') ?? '', place: text(data, 'place') ?? '' };
      return { ...NOTHING, notify: list<string>(data, 'invitedUnits').map((unitId) => draft('meeting_invited', { kind: 'unit', id: unitId }, null, facts)) };
    }
    case 'escalation.LevelRaised.v1':
    case 'escalation.LevelLowered.v1':
    case 'escalation.ReferredToJointMeeting.v1':
    case 'escalation.WhistleStoodDown.v1':
      // The round ended: its units need no reminder of a report-in that no longer matters.
      return ended ? { ...NOTHING, unwatch: [{ whistleId: ended }] } : NOTHING;
    default:
      return NOTHING;
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
