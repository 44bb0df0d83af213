import { aggregate, stateIndex, streams, type BoundedContext, type StateView } from '@whistle/contracts';
import { caseDecider } from './case/case.decide';
import { caseReactions } from './case/case.reactions';
import type { CaseState } from './case/case.state';
import type { OpenCaseSummary } from './case/duplicates';
import { personalDataAccessDecider } from './personal-data/access.decide';

/** The cases still open, or resolved but not closed, by compound: what a new report may duplicate. */
const openCasesByCompound = stateIndex(streams.case, (state: CaseState) =>
  state.status === 'open' || state.status === 'resolved' ? [state.compoundId] : [],
);

/** The cases of a compound still open or resolved but not closed: what a new report may duplicate. */
export function openCasesOf(view: StateView, compoundId: string): OpenCaseSummary[] {
  const open: OpenCaseSummary[] = [];
  for (const [, state] of view.indexed(openCasesByCompound, compoundId)) {
    if (state.status === 'open' || state.status === 'resolved') {
      open.push({ caseId: state.caseId, compoundId, category: state.category, reportedAt: state.reportedAt });
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
  indexes: { openCasesByCompound, duplicatesByPrimary },
} as const satisfies BoundedContext;
