import type { DeadlineSource, IndexedAggregate } from '@whistle/application';
import { publicityDecider, taskDecider } from '@whistle/enforcement-domain';

/** The streams enforcement owns: each unit's task (a workflow with deadlines) and each case's publicity. */
export const enforcementAggregates: IndexedAggregate[] = [
  { prefix: 'task-', ...(taskDecider as unknown as Omit<IndexedAggregate, 'prefix'>) },
  { prefix: 'publicity-', ...(publicityDecider as unknown as Omit<IndexedAggregate, 'prefix'>) },
];
export const enforcementDeadlineSources: DeadlineSource[] = [{ prefix: 'task-', workflow: taskDecider as unknown as DeadlineSource['workflow'] }];
