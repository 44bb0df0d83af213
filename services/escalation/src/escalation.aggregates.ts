import type { DeadlineSource, IndexedAggregate } from '@whistle/application';
import { whistleWorkflow } from '@whistle/escalation-domain';

/** The streams escalation owns: one whistle per case, a workflow with deadlines. */
export const escalationAggregates: IndexedAggregate[] = [{ prefix: 'whistle-', ...(whistleWorkflow as unknown as Omit<IndexedAggregate, 'prefix'>) }];
export const escalationDeadlineSources: DeadlineSource[] = [{ prefix: 'whistle-', workflow: whistleWorkflow as unknown as DeadlineSource['workflow'] }];
