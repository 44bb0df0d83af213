import { carryOut, systemActor, type PlannedReaction } from '@whistle/application';
import type { Deadline, EventEnvelope } from '@whistle/kernel';
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
export function escalationDeadlines(deps: EscalationDependencies): (deadline: Deadline & { streamId: string }) => Promise<void> {
  return async (deadline) => {
    const now = deps.clock.now();
    await deps.runtime.loop.run(
      whistleWorkflow,
      deadline.streamId,
      { type: 'DeadlineReached', deadlineId: deadline.id, deadlines: deps.catalogue.deadlines, now },
      {
        actor: systemActor('escalation'),
        correlationId: `deadline:${deadline.streamId}:${deadline.id}`,
        causationId: null,
        derivationKey: `deadline:${deadline.streamId}:${deadline.id}:${deadline.dueAt}`,
        now,
      },
    );
  };
}
