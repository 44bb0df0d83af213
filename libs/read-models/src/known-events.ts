import type {
  CaseAdjudicationEvent,
  EscalationEvent,
  EventType,
  IntakeEvent,
  MeetingEvent,
  PublicityEvent,
  TaskEvent,
} from '@whistle/contracts';
import type { EventEnvelope } from '@whistle/kernel';

/** Which aggregate wrote an event type; a Record over every type, so a new contract fails to compile here until placed. */
const SOURCE_OF: Record<EventType, SourcedEvent['source']> = {
  'intake.CaseReported.v1': 'intake',
  'intake.CaseRejected.v1': 'intake',
  'intake.CaseLinkedAsDuplicate.v1': 'intake',
  'intake.DuplicateLinkOverruled.v1': 'intake',
  'intake.CaseRouted.v1': 'intake',
  'intake.CaseWithdrawn.v1': 'intake',
  'intake.WorkCompletionNoted.v1': 'intake',
  'intake.CallbackRecorded.v1': 'intake',
  'intake.CaseClosed.v1': 'intake',
  'intake.CaseReopened.v1': 'intake',
  'intake.ReferralUpwardNoted.v1': 'intake',
  'intake.ReporterDataErased.v1': 'intake',
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
};

export type SourcedEvent =
  | { readonly source: 'intake'; readonly event: IntakeEvent }
  | { readonly source: 'escalation'; readonly event: EscalationEvent }
  | { readonly source: 'task'; readonly event: TaskEvent }
  | { readonly source: 'publicity'; readonly event: PublicityEvent }
  | { readonly source: 'case_adjudication'; readonly event: CaseAdjudicationEvent }
  | { readonly source: 'meeting'; readonly event: MeetingEvent };

/**
 * The envelope's event as a typed contract event with its source, or undefined for a type this
 * version does not know (a newer version's event is left alone rather than misread).
 */
export function sourced(envelope: EventEnvelope): SourcedEvent | undefined {
  if (!Object.hasOwn(SOURCE_OF, envelope.type)) return undefined;
  const source = SOURCE_OF[envelope.type as EventType];
  return { source, event: { type: envelope.type, data: envelope.data } } as SourcedEvent;
}
