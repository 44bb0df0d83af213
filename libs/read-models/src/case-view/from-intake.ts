import { assertNever, type Actor } from '@whistle/kernel';
import type { IntakeEvent } from '@whistle/contracts';
import type { CaseFacts, CaseView } from './case-view';

/** What intake (受理) says of the case, recorded by `actor`. Intake is the authority on where the case is handled. */
export function fromIntake(view: CaseView, event: IntakeEvent, actor: Actor): CaseView {
  const intake = (status: CaseFacts['intake']['status'], reopens = view.facts.intake.reopens): CaseFacts => ({ ...view.facts, intake: { status, reopens } });
  switch (event.type) {
    case 'intake.CaseReported.v1': {
      const { compoundId, category, description, location, channel, reporter, evidence, reportedAt } = event.data;
      return {
        ...view,
        facts: intake('reported'),
        compoundId,
        category,
        description,
        location: location ?? null,
        channel,
        hasReporter: reporter !== undefined,
        evidence: evidence.map(({ name, sha256 }) => ({ name, sha256 })),
        reportedAt,
      };
    }
    case 'intake.CaseRouted.v1': {
      const { stationId, communityId, compoundId, category, proposedLevel } = event.data;
      return { ...view, facts: intake('open'), stationId, communityId, compoundId, category, proposedLevel };
    }
    case 'intake.CaseLinkedAsDuplicate.v1': {
      const { duplicateOf, stationId, communityId } = event.data;
      // Where it would have been routed, so its station sees the link at triage (older links lack it).
      return { ...view, facts: intake('duplicate'), duplicateOf, stationId: stationId ?? view.stationId, communityId: communityId ?? view.communityId };
    }
    case 'intake.CaseMerged.v1':
      // The surviving case is its primary: it lists this one among its duplicates (duplicateOf).
      return { ...view, facts: intake('merged'), duplicateOf: event.data.mergedInto };
    case 'intake.DuplicateLinkOverruled.v1':
      // The CaseRouted that follows opens it; until then it is a report like any other.
      return { ...view, facts: intake('reported'), duplicateOf: null };
    case 'intake.CaseRejected.v1': {
      const { code, reason, rejectedAt } = event.data;
      return { ...view, facts: intake('rejected'), rejection: { code, reason, at: rejectedAt } };
    }
    case 'intake.CaseWithdrawn.v1':
      return { ...view, facts: intake('withdrawn'), withdrawal: { reason: event.data.reason, at: event.data.withdrawnAt } };
    case 'intake.WorkCompletionNoted.v1':
      return { ...view, facts: intake('resolved') };
    case 'intake.CallbackRecorded.v1': {
      const callback = { result: event.data.result, note: event.data.note ?? null, at: event.data.calledAt };
      return { ...view, callback, callbacks: [...view.callbacks, callback] };
    }
    case 'intake.CaseClosed.v1':
      return { ...view, facts: intake('closed'), closedAt: event.data.closedAt, reopenableUntil: event.data.reopenableUntil };
    case 'intake.CaseReopened.v1':
      return { ...view, facts: intake('open', view.facts.intake.reopens + 1), closedAt: null, reopenableUntil: null };
    case 'intake.ReferralUpwardNoted.v1':
      // Adjudication's own CaseReferredUpward sets the status; intake only follows it.
      return view;
    case 'intake.ReporterDataErased.v1':
      return { ...view, reporterErasure: { at: event.data.erasedAt, by: { id: actor.id, role: actor.role }, reason: event.data.reason } };
    default:
      return assertNever(event, 'intake event');
  }
}
