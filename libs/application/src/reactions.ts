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
