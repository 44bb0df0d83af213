import { carryOut, deadlineFirer, systemActor, type PlannedReaction } from '@whistle/application';
import type { EventEnvelope } from '@whistle/kernel';
import { TOPICS, streams, type AnyEvent } from '@whistle/contracts';
import {
  adjudicationLookupsFor,
  adjudicationReactions,
  caseAdjudicationWorkflow,
  meetingDecider,
  type CaseAdjudicationState,
  type MeetingState,
} from '@whistle/adjudication-domain';
import type { AdjudicationDependencies } from './adjudication.dependencies';

const asAggregate = (decider: unknown) => decider as PlannedReaction['aggregate'];

/** Adjudication's consumer: referrals, lowered levels and the meetings' own decisions reach each case. */
export function adjudicationConsumer(deps: AdjudicationDependencies): (event: EventEnvelope) => Promise<void> {
  return async (event) => {
    const now = deps.clock.now();
    await deps.runtime.index.settled();
    const meetings = [...deps.runtime.index.entries<MeetingState>('meeting-')].map(([id, state]) => [id.slice('meeting-'.length), state] as const);
    const policy = { maxDeferrals: deps.catalogue.policies.maxDeferrals, tablingWindow: deps.catalogue.deadlines.tabling };
    const lookups = adjudicationLookupsFor(event.caseId, meetings, policy, deps.runtime.index.get<CaseAdjudicationState>(streams.adjudication(event.caseId)));
    const reactions = adjudicationReactions(event as unknown as AnyEvent, lookups, now).map((r) => ({
      streamId: r.streamId,
      command: r.command,
      aggregate: asAggregate(r.aggregate === 'case' ? caseAdjudicationWorkflow : meetingDecider),
    }));
    await carryOut(deps.runtime.loop, event, reactions, { actor: systemActor('adjudication'), now });
  };
}

/** A due tabling deadline, handed to the case's adjudication. */
export function adjudicationDeadlines(deps: AdjudicationDependencies) {
  return deadlineFirer(deps.runtime.loop, caseAdjudicationWorkflow, { service: 'adjudication', clock: deps.clock }, (deadlineId, now) => ({ type: 'DeadlineReached' as const, deadlineId, now }));
}

/** The topics the adjudication service consumes: referrals to the joint meeting, and its own meetings' events. */
export const adjudicationConsumes: readonly string[] = [TOPICS.escalation, TOPICS.adjudication];
