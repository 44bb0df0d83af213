import { deadlineSource, indexed, type DeadlineSource, type IndexedAggregate } from '@whistle/application';
import { publicityDecider, taskDecider } from '@whistle/enforcement-domain';

/** The streams enforcement owns: each unit's task (a workflow with deadlines) and each case's publicity. */
export const enforcementAggregates: IndexedAggregate[] = [
  indexed('task-', taskDecider),
  indexed('publicity-', publicityDecider),
];
export const enforcementDeadlineSources: DeadlineSource[] = [deadlineSource('task-', taskDecider)];
