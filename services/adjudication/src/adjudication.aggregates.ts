import { deadlineSource, indexed, type DeadlineSource, type IndexedAggregate } from '@whistle/application';
import { caseAdjudicationWorkflow, meetingDecider } from '@whistle/adjudication-domain';

/** The streams adjudication owns: the meetings and each level-4 case's adjudication (a workflow with a deadline). */
export const adjudicationAggregates: IndexedAggregate[] = [
  indexed('meeting-', meetingDecider),
  indexed('adjudication-', caseAdjudicationWorkflow),
];
export const adjudicationDeadlineSources: DeadlineSource[] = [
  deadlineSource('adjudication-', caseAdjudicationWorkflow),
];
