import type { Actor, Decider, DomainEvent, EventEnvelope, Workflow } from '@whistle/kernel';
import type { CommandLoop, Handled } from './command-loop';

/** A command another context's event calls for, with the aggregate that decides it. */
export interface PlannedReaction {
  readonly streamId: string;
  readonly command: unknown;
  readonly aggregate: Decider<unknown, DomainEvent, unknown> | Workflow<unknown, DomainEvent, unknown>;
}

/**
 * Carries out the reactions to one event, in order, as the system: each records the event as
 * its cause and derives its event ids from the event and its place, so redelivery is harmless.
 */
export async function carryOut(
  loop: CommandLoop,
  event: EventEnvelope,
  reactions: readonly PlannedReaction[],
  context: { actor: Actor; now: string },
): Promise<Handled[]> {
  const handled: Handled[] = [];
  for (const [index, reaction] of reactions.entries()) {
    handled.push(
      await loop.run(reaction.aggregate, reaction.streamId, reaction.command, {
        actor: context.actor,
        correlationId: event.correlationId,
        causationId: event.eventId,
        derivationKey: `${event.eventId}:${index}`,
        now: context.now,
      }),
    );
  }
  return handled;
}

export const systemActor = (service: string): Actor => ({ id: `system:${service}`, role: 'system' });

/**
 * Hands a due deadline to its workflow as the service's timeout input, as the system. The
 * event ids derive from the deadline, so a deadline fired twice records once.
 */
export function deadlineFirer<I, E extends DomainEvent, S>(
  loop: CommandLoop,
  workflow: Workflow<I, E, S>,
  context: { readonly service: string; readonly clock: { now(): string } },
  input: (deadlineId: string, now: string) => I,
): (deadline: { readonly streamId: string; readonly id: string; readonly dueAt: string }) => Promise<void> {
  return async (deadline) => {
    const now = context.clock.now();
    await loop.run(workflow, deadline.streamId, input(deadline.id, now), {
      actor: systemActor(context.service),
      correlationId: `deadline:${deadline.streamId}:${deadline.id}`,
      causationId: null,
      derivationKey: `deadline:${deadline.streamId}:${deadline.id}:${deadline.dueAt}`,
      now,
    });
  };
}
