import { deadlineSource, indexed, type DeadlineSource, type IndexedAggregate } from '@whistle/application';
import { whistleWorkflow } from '@whistle/escalation-domain';

/** The streams escalation owns: one whistle per case, a workflow with deadlines. */
export const escalationAggregates: IndexedAggregate[] = [indexed('whistle-', whistleWorkflow)];
export const escalationDeadlineSources: DeadlineSource[] = [deadlineSource('whistle-', whistleWorkflow)];
