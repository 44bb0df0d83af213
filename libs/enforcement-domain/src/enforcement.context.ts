import { aggregate, caseIdOf, stateIndex, streams, type BoundedContext, type StateView } from '@whistle/contracts';
import { publicityDecider } from './publicity/publicity.decide';
import { enforcementReactions } from './reactions';
import { taskDecider } from './task/task.decide';
import { isOpenTask, type TaskState } from './task/task.state';

/** The open tasks, by case. */
const openTasksByCase = stateIndex(streams.task, (state: TaskState) => (isOpenTask(state) ? [state.caseId] : []));

/** The case's tasks that are still open, each with its round. */
export function openTasksOf(view: StateView, caseId: string): { taskId: string; whistleId: string }[] {
  const open: { taskId: string; whistleId: string }[] = [];
  for (const [, state] of view.indexed(openTasksByCase, caseId)) {
    if (isOpenTask(state)) open.push({ taskId: state.taskId, whistleId: state.whistleId });
  }
  return open;
}

/**
 * Enforcement (执法): each unit's task (a workflow woken by its rectification checks and
 * joint-enforcement deadline) and each case's level-1 publicity; whistles and resolutions become
 * work, and a case moving on supersedes it.
 */
export const enforcementContext = {
  service: 'enforcement',
  aggregates: {
    task: aggregate(streams.task, taskDecider, (deadlineId, { now }) => ({ type: 'DeadlineReached' as const, deadlineId, now })),
    publicity: aggregate(streams.publicity, publicityDecider),
  },
  consumes: ['escalation', 'adjudication'],
  reactions: (event, view, { now }) => enforcementReactions(event, { openTasks: openTasksOf(view, caseIdOf(event)) }, now),
  lookups: { openTasksOf },
  indexes: { openTasksByCase },
} as const satisfies BoundedContext;
