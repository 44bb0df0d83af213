import { aggregate, stateIndex, streams, type BoundedContext, type StateView } from '@whistle/contracts';
import { caseDecider } from './case/case.decide';
import { caseReactions } from './case/case.reactions';
import type { CaseState } from './case/case.state';
import type { OpenCaseSummary } from './case/duplicates';
import { personalDataAccessDecider } from './personal-data/access.decide';

/** Where a report may repeat another: its compound and its category, as the duplicate rule compares them. */
const kindKey = (compoundId: string, category: string): string => `${compoundId}\n${category}`;

/**
 * The cases still open, or resolved but not closed, by compound and category: what a new report
 * may duplicate. Filed by both, so a report reads only the cases it could repeat, not every open
 * case of its compound.
 */
const openCasesByKind = stateIndex(streams.case, (state: CaseState) =>
  state.status === 'open' || state.status === 'resolved' ? [kindKey(state.compoundId, state.category)] : [],
);

/** The cases of a compound and category still open or resolved but not closed: what a new report of that kind may duplicate. */
export function openCasesOf(view: StateView, compoundId: string, category: string): OpenCaseSummary[] {
  const open: OpenCaseSummary[] = [];
  for (const [, state] of view.indexed(openCasesByKind, kindKey(compoundId, category))) {
    if (state.status === 'open' || state.status === 'resolved') {
      open.push({ caseId: state.caseId, compoundId, category, reportedAt: state.reportedAt });
    }
  }
  return open;
}

/** The cases linked or merged into each case, by the case they point at. */
const duplicatesByPrimary = stateIndex(streams.case, (state: CaseState) =>
  state.status === 'duplicate' ? [state.duplicateOf] : state.status === 'merged' ? [state.mergedInto] : [],
);

/** The cases linked as duplicates of, or merged into, `caseId`. */
export function duplicatesOf(view: StateView, caseId: string): string[] {
  return [...view.indexed(duplicatesByPrimary, caseId)].map(([, state]) => (state as { caseId: string }).caseId).sort();
}

/** Intake (受理): the cases, and who read each case's reporter in full; it learns from escalation that work is complete and from adjudication that a case went upward. */
export const intakeContext = {
  service: 'intake',
  aggregates: { case: aggregate(streams.case, caseDecider), personalDataAccess: aggregate(streams.personalDataAccess, personalDataAccessDecider) },
  consumes: ['escalation', 'adjudication'],
  reactions: (event, _view, { now }) => caseReactions(event, now),
  lookups: { openCasesOf, duplicatesOf },
  indexes: { openCasesByKind, duplicatesByPrimary },
} as const satisfies BoundedContext;
