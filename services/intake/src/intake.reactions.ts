import { carryOut, systemActor } from '@whistle/application';
import type { EventEnvelope } from '@whistle/kernel';
import { TOPICS } from '@whistle/contracts';
import type { AnyEvent } from '@whistle/contracts';
import { caseDecider, caseReactions } from '@whistle/intake-domain';
import type { IntakeDependencies } from './intake.dependencies';

/** Intake's consumer: it learns from escalation that a case's work is complete. */
export function intakeConsumer(deps: IntakeDependencies): (event: EventEnvelope) => Promise<void> {
  return async (event) => {
    const now = deps.clock.now();
    const reactions = caseReactions(event as unknown as AnyEvent, now).map((r) => ({ ...r, aggregate: caseDecider as never }));
    await carryOut(deps.runtime.loop, event, reactions, { actor: systemActor('intake'), now });
  };
}

/** The topics the intake service consumes: outcomes and level changes come from escalation, resolutions from adjudication. */
export const intakeConsumes: readonly string[] = [TOPICS.escalation, TOPICS.adjudication];
