import { carryOut, deadlineFirer, systemActor, type PlannedReaction } from '@whistle/application';
import type { EventEnvelope } from '@whistle/kernel';
import { TOPICS } from '@whistle/contracts';
import type { AnyEvent } from '@whistle/contracts';
import { whistleReactions, whistleWorkflow } from '@whistle/escalation-domain';
import type { EscalationDependencies } from './escalation.dependencies';

const aggregate = whistleWorkflow as unknown as PlannedReaction['aggregate'];

/** Escalation's consumer: routing, the units' steps, activities, resolutions and the case's end reach the whistle. */
export function escalationConsumer(deps: EscalationDependencies): (event: EventEnvelope) => Promise<void> {
  return async (event) => {
    const now = deps.clock.now();
    const reactions = whistleReactions(event as unknown as AnyEvent, deps.catalogue.deadlines, now).map((r) => ({ ...r, aggregate }));
    await carryOut(deps.runtime.loop, event, reactions, { actor: systemActor('escalation'), now });
  };
}

/** A due report-in, response, grace or activity deadline, handed to the whistle workflow. */
export function escalationDeadlines(deps: EscalationDependencies) {
  return deadlineFirer(deps.runtime.loop, whistleWorkflow, { service: 'escalation', clock: deps.clock }, (deadlineId, now) => ({ type: 'DeadlineReached' as const, deadlineId, deadlines: deps.catalogue.deadlines, now }));
}

/** The topics the escalation service consumes: reports, task replies and outcomes, and the joint meeting's decisions. */
export const escalationConsumes: readonly string[] = [TOPICS.intake, TOPICS.enforcement, TOPICS.adjudication];
