import { assertNever } from '@whistle/kernel';
import type { MeetingEvent } from './adjudication.events';
import { SERVICES, streams, type EventType } from './topics';

/**
 * Which cases an event concerns, and in what order a case's events make its history: read from
 * the event's own members (type, data, stream, case id) and nothing else, so the audit that
 * exports a case's history, the read side that folds it and the offline verifier that checks a
 * dossier's history against the sealed bodies all choose and order a case's events alike.
 */

/** The aggregate (and so the kind of stream) that writes an event type. */
export type EventSource = 'intake' | 'personal_data_access' | 'escalation' | 'task' | 'publicity' | 'case_adjudication' | 'meeting' | 'evaluation' | 'firm' | 'assessment' | 'weighting' | 'notices' | 'compound' | 'catalogue';

/** Every event type's source; a Record over every type, so a new contract fails to compile here until placed. */
export const EVENT_SOURCES: Readonly<Record<EventType, EventSource>> = {
  'intake.CaseReported.v1': 'intake',
  'intake.CaseRejected.v1': 'intake',
  'intake.CaseLinkedAsDuplicate.v1': 'intake',
  'intake.DuplicateLinkOverruled.v1': 'intake',
  'intake.CaseMerged.v1': 'intake',
  'intake.CaseRouted.v1': 'intake',
  'intake.CaseWithdrawn.v1': 'intake',
  'intake.WorkCompletionNoted.v1': 'intake',
  'intake.CallbackRecorded.v1': 'intake',
  'intake.CaseClosed.v1': 'intake',
  'intake.CaseReopened.v1': 'intake',
  'intake.ReferralUpwardNoted.v1': 'intake',
  'intake.ReporterDataErased.v1': 'intake',
  'intake.PersonalDataAccessed.v1': 'personal_data_access',
  'escalation.TriageOpened.v1': 'escalation',
  'escalation.WhistleBlown.v1': 'escalation',
  'escalation.LevelRaised.v1': 'escalation',
  'escalation.LevelLowered.v1': 'escalation',
  'escalation.ReferredToJointMeeting.v1': 'escalation',
  'escalation.TaskProgressNoted.v1': 'escalation',
  'escalation.ReportInMissed.v1': 'escalation',
  'escalation.ResponseMissed.v1': 'escalation',
  'escalation.ActivityOverdue.v1': 'escalation',
  'escalation.PublicityNoted.v1': 'escalation',
  'escalation.ResolutionNoted.v1': 'escalation',
  'escalation.WorkCompleted.v1': 'escalation',
  'escalation.WhistleStoodDown.v1': 'escalation',
  'escalation.TriageReopened.v1': 'escalation',
  'enforcement.TaskAssigned.v1': 'task',
  'enforcement.TaskReportedIn.v1': 'task',
  'enforcement.TaskAccepted.v1': 'task',
  'enforcement.TaskDeclined.v1': 'task',
  'enforcement.ActionRecorded.v1': 'task',
  'enforcement.RectificationCheckDue.v1': 'task',
  'enforcement.OutcomeRecorded.v1': 'task',
  'enforcement.TaskOverdue.v1': 'task',
  'enforcement.TaskSuperseded.v1': 'task',
  'enforcement.PublicityRequested.v1': 'publicity',
  'enforcement.ActivityRecorded.v1': 'publicity',
  'enforcement.PublicityCancelled.v1': 'publicity',
  'adjudication.AdjudicationRequested.v1': 'case_adjudication',
  'adjudication.TablingNoted.v1': 'case_adjudication',
  'adjudication.TablingOverdue.v1': 'case_adjudication',
  'adjudication.DeferralNoted.v1': 'case_adjudication',
  'adjudication.AdjudicationResolved.v1': 'case_adjudication',
  'adjudication.CaseReferredUpward.v1': 'case_adjudication',
  'adjudication.AdjudicationWithdrawn.v1': 'case_adjudication',
  'adjudication.MeetingScheduled.v1': 'meeting',
  'adjudication.CaseTabled.v1': 'meeting',
  'adjudication.CaseWithdrawnFromAgenda.v1': 'meeting',
  'adjudication.MeetingOpened.v1': 'meeting',
  'adjudication.AttendanceRecorded.v1': 'meeting',
  'adjudication.OpinionRecorded.v1': 'meeting',
  'adjudication.ResolutionAdopted.v1': 'meeting',
  'adjudication.CaseDeferred.v1': 'meeting',
  'adjudication.MeetingClosed.v1': 'meeting',
  'supervision.EvaluationOpened.v1': 'evaluation',
  'supervision.UnitResponseRated.v1': 'evaluation',
  'supervision.WhistleRated.v1': 'evaluation',
  'supervision.PropertyFirmRegistered.v1': 'firm',
  'supervision.PropertyFirmChanged.v1': 'firm',
  'supervision.AssessmentOpened.v1': 'assessment',
  'supervision.DimensionScored.v1': 'assessment',
  'supervision.FindingRecorded.v1': 'assessment',
  'supervision.FindingRectified.v1': 'assessment',
  'supervision.SatisfactionScored.v1': 'assessment',
  'supervision.QuestionnaireIssued.v1': 'assessment',
  'supervision.OpenDayLogged.v1': 'assessment',
  'supervision.DoorToDoorVisitLogged.v1': 'assessment',
  'supervision.AssessmentCompleted.v1': 'assessment',
  'supervision.WeightingSet.v1': 'weighting',
  'supervision.NoticePublished.v1': 'notices',
  'supervision.CompoundProfileRecorded.v1': 'compound',
  'supervision.CompoundLiaisonAssigned.v1': 'compound',
  'supervision.CompoundLiaisonEnded.v1': 'compound',
  'supervision.CompoundLedgerEntryRecorded.v1': 'compound',
  'supervision.CatalogueAdopted.v1': 'catalogue',
  'supervision.CatalogueEntryPut.v1': 'catalogue',
  'supervision.CatalogueEntryRemoved.v1': 'catalogue',
  'supervision.CatalogueDeadlinesRevised.v1': 'catalogue',
  'supervision.CataloguePoliciesRevised.v1': 'catalogue',
};

/** The source of an event type, or undefined for a type this version does not know. */
export function sourceOf(type: string): EventSource | undefined {
  return Object.hasOwn(EVENT_SOURCES, type) ? EVENT_SOURCES[type as EventType] : undefined;
}

const texts = (values: readonly unknown[]): string[] => values.filter((v): v is string => typeof v === 'string');

/**
 * The cases an event names. Every case-level event names its case in `data.caseId`; of a
 * meeting's events, those about one agenda case name it, MeetingScheduled lists its agenda, and
 * the meeting's own (opened, attendance, closed) name none. A type this version does not know
 * names none (a newer version's event is left alone rather than misread), and so does data
 * without the member, which only a changed record holds.
 */
export function caseIdsOf(event: { readonly type: string; readonly data: unknown }): string[] {
  const source = sourceOf(event.type);
  if (source === undefined) return [];
  const data: Readonly<Record<string, unknown>> = typeof event.data === 'object' && event.data !== null ? (event.data as Record<string, unknown>) : {};
  if (source !== 'meeting') return texts([data['caseId']]);
  const type = event.type as MeetingEvent['type'];
  switch (type) {
    case 'adjudication.MeetingScheduled.v1':
      return [...new Set(texts(Array.isArray(data['agenda']) ? data['agenda'] : []))];
    case 'adjudication.CaseTabled.v1':
    case 'adjudication.CaseWithdrawnFromAgenda.v1':
    case 'adjudication.OpinionRecorded.v1':
    case 'adjudication.ResolutionAdopted.v1':
    case 'adjudication.CaseDeferred.v1':
      return texts([data['caseId']]);
    case 'adjudication.MeetingOpened.v1':
    case 'adjudication.AttendanceRecorded.v1':
    case 'adjudication.MeetingClosed.v1':
      return [];
    default:
      return assertNever(type, 'meeting event');
  }
}

/** An event as the audit, the read side and the offline verifier all have it: the members of its sealed body. */
export interface EventOfCases {
  readonly type: string;
  readonly data: unknown;
  readonly streamId: string;
  readonly caseId: string;
}

/**
 * The cases an event concerns (涉及的案件), which makes it part of their histories: the cases it
 * names (caseIdsOf); a meeting's own events concern none; an event that names no case outside a
 * meeting's stream (a type this version does not know) is taken at its envelope's word.
 */
export function casesConcerned(event: EventOfCases): string[] {
  const named = caseIdsOf(event);
  if (named.length > 0 || streams.meeting.owns(event.streamId)) return named;
  return [event.caseId];
}

/** Where an event stands in a case's history: when it was recorded, and its place in its store's own order. */
export interface HistoryPlace {
  readonly recordedAt: string;
  /** the writing service whose store holds it */
  readonly service: string;
  /** its place in that store's order (a global position, or the leaf index of the store's log) */
  readonly place: number | bigint;
}

/**
 * The order of a case's history (案件记录顺序): by record time; events recorded at the same moment
 * in the stores' order (intake, escalation, adjudication, enforcement, each in its own order).
 * A total order, so any sort of the same events gives the same history: a time that does not read
 * as one (only a changed record holds such) comes before every time that does.
 */
export function historyOrder(a: HistoryPlace, b: HistoryPlace): number {
  return compare(timeOf(a.recordedAt), timeOf(b.recordedAt)) || compare(storeRank(a.service), storeRank(b.service)) || compare(a.service, b.service) || compare(a.place, b.place);
}

const timeOf = (at: string): number => {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? -Infinity : ms;
};

const compare = <T extends number | bigint | string>(a: T, b: T): number => (a < b ? -1 : a > b ? 1 : 0);

/** A store's rank in the stores' order; a log no service writes comes after them all. */
function storeRank(service: string): number {
  const rank = (SERVICES as readonly string[]).indexOf(service);
  return rank === -1 ? SERVICES.length : rank;
}
