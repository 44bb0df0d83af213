import { aggregate, streams, type BoundedContext } from '@whistle/contracts';
import { escalationDeadlinesOf, whistleWorkflow } from './whistle/whistle.decide';
import { whistleReactions } from './whistle/whistle.reactions';

/**
 * Escalation (吹哨/升级): one whistle per case, a workflow woken by its report-in, response,
 * grace and activity deadlines; it hears of routing and the case's end from intake, the units'
 * steps from enforcement and the joint meeting's decisions from adjudication.
 */
export const escalationContext = {
  service: 'escalation',
  aggregates: {
    whistle: aggregate(streams.whistle, whistleWorkflow, (deadlineId, { catalogue, calendar, now }) => ({ type: 'DeadlineReached' as const, deadlineId, deadlines: escalationDeadlinesOf(catalogue, calendar), now })),
  },
  consumes: ['intake', 'enforcement', 'adjudication'],
  reactions: (event, _view, { catalogue, calendar, now }) => whistleReactions(event, escalationDeadlinesOf(catalogue, calendar), now),
  lookups: {},
} as const satisfies BoundedContext;
