import { touchedBy, updateDocument, updateDocuments, type Projector } from '../projector';
import { CASE_VIEWS, type CaseView } from './case-view';
import { caseIdsOf, evolveCaseView, foldCaseView } from './case-view.evolve';

/** Keeps `case_views` up to date: one document per case, each event applied once per case it names. */
export const caseViewProjector: Projector = {
  name: 'case-views',
  collections: [CASE_VIEWS],
  async project(store, event) {
    const views = store.collection<CaseView>(CASE_VIEWS);
    for (const caseId of caseIdsOf(event)) {
      await updateDocument(views, caseId, (view) => evolveCaseView(view, event, caseId));
    }
  },
  async projectBatch(store, events, cache) {
    await updateDocuments(store.collection<CaseView>(CASE_VIEWS), CASE_VIEWS, touchedBy(events, caseIdsOf), foldCaseView, cache);
  },
};
