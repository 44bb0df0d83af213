import type { DeadlineSource, IndexedAggregate } from '@whistle/application';
import { caseAdjudicationWorkflow, meetingDecider } from '@whistle/adjudication-domain';

/** The streams adjudication owns: the meetings and each level-4 case's adjudication (a workflow with a deadline). */
export const adjudicationAggregates: IndexedAggregate[] = [
  { prefix: 'meeting-', ...(meetingDecider as unknown as Omit<IndexedAggregate, 'prefix'>) },
  { prefix: 'adjudication-', ...(caseAdjudicationWorkflow as unknown as Omit<IndexedAggregate, 'prefix'>) },
];
export const adjudicationDeadlineSources: DeadlineSource[] = [
  { prefix: 'adjudication-', workflow: caseAdjudicationWorkflow as unknown as DeadlineSource['workflow'] },
];
