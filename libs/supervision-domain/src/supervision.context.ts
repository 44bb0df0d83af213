import { aggregate, streams, type BoundedContext } from '@whistle/contracts';
import { assessmentDecider } from './assessment/assessment.decide';
import { catalogueDecider } from './catalogue/catalogue.decide';
import { catalogueChangesOf } from './catalogue/catalogue.lookups';
import { compoundDecider } from './compound/compound.decide';
import { compoundOf, firmServing } from './compound/compound.lookups';
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
 * the compounds' profiles and the catalogue's changes (目录变更), all moved by the service's own commands.
 */
export const supervisionContext = {
  service: 'supervision',
  aggregates: {
    evaluation: aggregate(streams.evaluation, evaluationDecider),
    firm: aggregate(streams.firm, firmDecider),
    assessment: aggregate(streams.assessment, assessmentDecider),
    weighting: aggregate(streams.weighting, weightingDecider),
    notices: aggregate(streams.notices, noticesDecider),
    compound: aggregate(streams.compound, compoundDecider),
    catalogue: aggregate(streams.catalogue, catalogueDecider),
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
    compoundOf,
    firmServing,
    catalogueChangesOf,
  },
  indexes: { firmsByCompound, firmsByCreditCode, assessmentsByQuarter, assessmentsByToken },
} as const satisfies BoundedContext;
