import type { Reaction } from '@whistle/kernel';
import { streams, type AnyEvent, type TaskRef, type TaskStep } from '@whistle/contracts';
import type { EscalationDeadlines, WhistleInput } from './whistle.decide';

/**
 * What the whistle workflow does when other contexts' events arrive: triage opens on routing,
 * the summoned units' steps are noted, a resolution the case's adjudication accepted opens
 * joint enforcement, and the whistle
 * stands down or reopens with the case.
 */
export function whistleReactions(event: AnyEvent, deadlines: EscalationDeadlines, now: string): Reaction<WhistleInput>[] {
  const to = (caseId: string, command: WhistleInput): Reaction<WhistleInput>[] => [{ streamId: streams.whistle(caseId), command }];
  const step = (task: TaskRef, kind: TaskStep, extra: Partial<Extract<WhistleInput, { type: 'NoteTaskProgress' }>> = {}) =>
    to(task.caseId, {
      type: 'NoteTaskProgress',
      whistleId: task.whistleId,
      taskId: task.taskId,
      unitId: task.unitId,
      step: kind,
      deadlines,
      now,
      ...extra,
    });
  switch (event.type) {
    case 'intake.CaseRouted.v1': {
      const { caseId, stationId, communityId, compoundId, category, proposedLevel, proposedUnits } = event.data;
      return to(caseId, { type: 'OpenTriage', caseId, stationId, communityId, compoundId, category, proposedLevel, proposedUnits, now });
    }
    case 'intake.CaseWithdrawn.v1':
      return to(event.data.caseId, { type: 'StandDown', because: 'withdrawn', now });
    case 'intake.CaseRejected.v1':
      return to(event.data.caseId, { type: 'StandDown', because: 'rejected', now });
    // A case linked by hand after routing, or merged, leaves handling as a withdrawn one does; an automatic link came before any triage.
    case 'intake.CaseLinkedAsDuplicate.v1':
      return to(event.data.caseId, { type: 'StandDown', because: 'duplicate', now });
    case 'intake.CaseMerged.v1':
      return to(event.data.caseId, { type: 'StandDown', because: 'merged', now });
    case 'intake.CaseClosed.v1':
      return to(event.data.caseId, { type: 'StandDown', because: 'closed', now });
    case 'intake.CaseReopened.v1':
      return to(event.data.caseId, { type: 'ReopenTriage', reason: event.data.reason, now });
    case 'enforcement.TaskReportedIn.v1':
      return step(event.data, 'reported_in');
    case 'enforcement.TaskAccepted.v1':
      return step(event.data, 'accepted');
    case 'enforcement.TaskDeclined.v1':
      return step(event.data, 'declined', { notOurResponsibility: event.data.notOurResponsibility });
    case 'enforcement.OutcomeRecorded.v1':
      return step(event.data, 'outcome', { result: event.data.result });
    case 'enforcement.ActivityRecorded.v1': {
      const { caseId, whistleId, activityId, heldAt } = event.data;
      return to(caseId, { type: 'NotePublicity', whistleId, activityId, heldAt, now });
    }
    case 'enforcement.TaskOverdue.v1':
      return step(event.data, 'overdue');
    case 'adjudication.AdjudicationResolved.v1': {
      const { caseId, meetingId, resolutionId, leadUnit, supportingUnits, deadline } = event.data;
      return to(caseId, { type: 'NoteResolution', meetingId, resolutionId, leadUnit, supportingUnits, dueAt: deadline, now });
    }
    case 'adjudication.CaseReferredUpward.v1':
      return to(event.data.caseId, { type: 'StandDown', because: 'referred_upward', now });
    default:
      return [];
  }
}
