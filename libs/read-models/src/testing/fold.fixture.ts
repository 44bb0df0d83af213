import type { EventEnvelope } from '@whistle/kernel';
import type { CaseView } from '../case-view/case-view';
import { caseIdsOf, evolveCaseView } from '../case-view/case-view.evolve';

/** Every case's view after these events, folded with the pure evolve and no store. */
export function foldCaseViews(envelopes: Iterable<EventEnvelope>): Map<string, CaseView> {
  const views = new Map<string, CaseView>();
  for (const envelope of envelopes) {
    for (const caseId of caseIdsOf(envelope)) {
      const next = evolveCaseView(views.get(caseId), envelope, caseId);
      if (next) views.set(caseId, next);
    }
  }
  return views;
}

export function caseViewOf(envelopes: Iterable<EventEnvelope>, caseId: string): CaseView {
  const view = foldCaseViews(envelopes).get(caseId);
  if (!view) throw new Error(`no view of case ${caseId}`);
  return view;
}
