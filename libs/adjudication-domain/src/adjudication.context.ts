import type { WorkingCalendar } from '@whistle/kernel';
import { aggregate, caseIdOf, streams, type BoundedContext, type Catalogue, type StateView } from '@whistle/contracts';
import { caseAdjudicationWorkflow } from './case-adjudication/case-adjudication.decide';
import type { CaseAdjudicationState } from './case-adjudication/case-adjudication.state';
import { adjudicationLookupsFor } from './lookups';
import { meetingDecider } from './meeting/meeting.decide';
import type { MeetingState } from './meeting/meeting.state';
import { adjudicationReactions, type AdjudicationLookups } from './reactions';

/** The meetings, each with its id. */
function meetingsOf(view: StateView): [meetingId: string, state: MeetingState][] {
  return [...view.entries<MeetingState>(streams.meeting)].map(([streamId, state]) => [streams.meeting.idOf(streamId), state]);
}

type PolicySource = Pick<Catalogue, 'policies' | 'deadlines'>;

const policyOf = (catalogue: PolicySource) => ({ maxDeferrals: catalogue.policies.maxDeferrals, tablingWindow: catalogue.deadlines.tabling });

/** What adjudication knows of one case and the meetings, with the catalogue's policy and the working calendar. */
export function lookupsOfCase(view: StateView, caseId: string, catalogue: PolicySource, calendar: WorkingCalendar): AdjudicationLookups {
  return { ...adjudicationLookupsFor(caseId, meetingsOf(view), policyOf(catalogue), view.get<CaseAdjudicationState>(streams.adjudication(caseId))), calendar };
}

/** Level-4 cases waiting to be tabled and on no agenda yet: a new meeting's agenda. */
export function pendingCasesOf(view: StateView, catalogue: PolicySource): string[] {
  const meetings = meetingsOf(view);
  const pending: string[] = [];
  for (const [, state] of view.entries<CaseAdjudicationState>(streams.adjudication)) {
    if (state.status !== 'awaiting_tabling') continue;
    if (adjudicationLookupsFor(state.caseId, meetings, policyOf(catalogue), state).tabledAt === undefined) pending.push(state.caseId);
  }
  return pending;
}

/**
 * Adjudication (联席会议): the joint meetings and each level-4 case's way through them (a workflow
 * woken by its tabling deadline); referrals and lowered levels come from escalation, and the
 * meetings' own decisions reach each case.
 */
export const adjudicationContext = {
  service: 'adjudication',
  aggregates: {
    meeting: aggregate(streams.meeting, meetingDecider),
    caseAdjudication: aggregate(streams.adjudication, caseAdjudicationWorkflow, (deadlineId, { now }) => ({ type: 'DeadlineReached' as const, deadlineId, now })),
  },
  consumes: ['escalation', 'adjudication'],
  reactions: (event, view, { catalogue, calendar, now }) => adjudicationReactions(event, lookupsOfCase(view, caseIdOf(event), catalogue, calendar), now),
  lookups: { lookupsOfCase, pendingCasesOf },
} as const satisfies BoundedContext;
