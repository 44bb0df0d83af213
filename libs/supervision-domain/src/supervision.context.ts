import { aggregate, streams, type BoundedContext } from '@whistle/contracts';
import { assessmentDecider } from './assessment/assessment.decide';
import { evaluationDecider } from './evaluation/evaluation.decide';
import { firmDecider } from './firm/firm.decide';
import {
  assessmentByToken,
  assessmentOf,
  assessmentsByQuarter,
  assessmentsByToken,
  assessmentsOf,
  completedAssessmentsOf,
  compoundsServed,
  creditCodeHolder,
  firmNameOf,
  firmNamesOf,
  firmOf,
  firmsByCompound,
  firmsByCreditCode,
  weightingHistoryOf,
  weightingInForceOf,
} from './lookups';
import { noticesDecider } from './notices/notices.decide';
import { supervisionReactions } from './reactions';
import { weightingDecider } from './weighting/weighting.decide';

/**
 * Supervision (监督考核): the two-way evaluation of each ended task, opened by escalation's events;
 * the property firms, their quarterly assessment, the office's weighting and the published notices,
 * all moved by the service's own commands.
 */
export const supervisionContext = {
  service: 'supervision',
  aggregates: {
    evaluation: aggregate(streams.evaluation, evaluationDecider),
    firm: aggregate(streams.firm, firmDecider),
    assessment: aggregate(streams.assessment, assessmentDecider),
    weighting: aggregate(streams.weighting, weightingDecider),
    notices: aggregate(streams.notices, noticesDecider),
  },
  consumes: ['escalation'],
  reactions: (event, _view, { now }) => supervisionReactions(event, now),
  lookups: {
    firmOf,
    firmNameOf,
    firmNamesOf,
    compoundsServed,
    creditCodeHolder,
    weightingHistoryOf,
    weightingInForceOf,
    assessmentOf,
    assessmentByToken,
    assessmentsOf,
    completedAssessmentsOf,
  },
  indexes: { firmsByCompound, firmsByCreditCode, assessmentsByQuarter, assessmentsByToken },
} as const satisfies BoundedContext;
