import { carryOut, deadlineFirer, systemActor, type PlannedReaction } from '@whistle/application';
import type { EventEnvelope } from '@whistle/kernel';
import { TOPICS } from '@whistle/contracts';
import type { AnyEvent } from '@whistle/contracts';
import { enforcementReactions, isOpenTask, publicityDecider, taskDecider, type TaskState } from '@whistle/enforcement-domain';
import type { EnforcementDependencies } from './enforcement.dependencies';

const asAggregate = (decider: unknown) => decider as PlannedReaction['aggregate'];

/** The case's open tasks, from enforcement's own index, caught up with everything it recorded. */
async function openTasksOf(deps: EnforcementDependencies, caseId: string): Promise<{ taskId: string; whistleId: string }[]> {
  await deps.runtime.index.settled();
  const open: { taskId: string; whistleId: string }[] = [];
  for (const [, state] of deps.runtime.index.entries<TaskState>('task-')) {
    if (isOpenTask(state) && state.caseId === caseId) open.push({ taskId: state.taskId, whistleId: state.whistleId });
  }
  return open;
}

/** Enforcement's consumer: whistles and resolutions become work; a case moving on supersedes it. */
export function enforcementConsumer(deps: EnforcementDependencies): (event: EventEnvelope) => Promise<void> {
  return async (event) => {
    const now = deps.clock.now();
    const openTasks = await openTasksOf(deps, event.caseId);
    const reactions = enforcementReactions(event as unknown as AnyEvent, { openTasks }, now).map((r) => ({
      streamId: r.streamId,
      command: r.command,
      aggregate: asAggregate(r.aggregate === 'task' ? taskDecider : publicityDecider),
    }));
    await carryOut(deps.runtime.loop, event, reactions, { actor: systemActor('enforcement'), now });
  };
}

/** A due rectification check or joint-enforcement deadline, handed to the task. */
export function enforcementDeadlines(deps: EnforcementDependencies) {
  return deadlineFirer(deps.runtime.loop, taskDecider, { service: 'enforcement', clock: deps.clock }, (deadlineId, now) => ({ type: 'DeadlineReached' as const, deadlineId, now }));
}

/** The topics the enforcement service consumes: whistles summon tasks; resolutions assign joint tasks. */
export const enforcementConsumes: readonly string[] = [TOPICS.escalation, TOPICS.adjudication];
