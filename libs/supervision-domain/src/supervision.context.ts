import { aggregate, streams, type BoundedContext } from '@whistle/contracts';
import { evaluationDecider } from './evaluation/evaluation.decide';
import { supervisionReactions } from './reactions';

/**
 * Supervision (监督考核): the two-way evaluation of each ended task, opened by escalation's events;
 * the property firms, their quarterly assessment, the office's weighting and the published notices,
 * all moved by the service's own commands.
 */
export const supervisionContext = {
  service: 'supervision',
  aggregates: {
    evaluation: aggregate(streams.evaluation, evaluationDecider),
  },
  consumes: ['escalation'],
  reactions: (event, _view, { now }) => supervisionReactions(event, now),
  lookups: {},
  indexes: {},
} as const satisfies BoundedContext;
