import { aggregate, streams, type BoundedContext } from '@whistle/contracts';
import { whistleWorkflow } from './whistle/whistle.decide';
import { whistleReactions } from './whistle/whistle.reactions';

/**
 * Escalation (吹哨/升级): one whistle per case, a workflow woken by its report-in, response,
 * grace and activity deadlines; it hears of routing and the case's end from intake, the units'
 * steps from enforcement and the joint meeting's decisions from adjudication.
 */
export const escalationContext = {
  service: 'escalation',
  aggregates: {
    whistle: aggregate(streams.whistle, whistleWorkflow, (deadlineId, { catalogue, calendar, now }) => ({ type: 'DeadlineReached' as const, deadlineId, deadlines: { ...catalogue.deadlines, calendar }, now })),
  },
  consumes: ['intake', 'enforcement', 'adjudication'],
  reactions: (event, _view, { catalogue, calendar, now }) => whistleReactions(event, { ...catalogue.deadlines, calendar }, now),
  lookups: {},
} as const satisfies BoundedContext;
