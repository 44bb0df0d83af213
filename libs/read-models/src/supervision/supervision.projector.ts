import { WEIGHTING_ID, streams } from '@whistle/contracts';
import type { EventEnvelope } from '@whistle/kernel';
import { eachInTurn, touchedBy, updateDocument, updateDocuments, type Evolve, type Projector } from '../projector';
import type { ReadModelDocument, Where } from '../read-model-store.port';
import { assessmentIdsOf, evolveAssessmentView } from './assessment-view.evolve';
import { evaluationIdsOf, evolveEvaluationView } from './evaluation-view.evolve';
import { evolveFirmView, firmIdsOf } from './firm-view.evolve';
import { evolveNoticeView, noticeIdsOf } from './notice-view.evolve';
import {
  ASSESSMENT_VIEWS,
  EVALUATION_VIEWS,
  FIRM_VIEWS,
  NOTICE_VIEWS,
  SUPERVISION_COLLECTIONS,
  WEIGHTING_VIEWS,
  type AssessmentView,
  type EvaluationView,
  type FirmView,
  type NoticeView,
  type WeightingView,
} from './supervision-views';
import { evolveWeightingView, weightingIdsOf } from './weighting-view.evolve';

/** One collection of supervision's read side: which of its documents an event touches, and how. */
interface View<D extends ReadModelDocument> {
  readonly collection: string;
  readonly idsOf: (event: EventEnvelope) => readonly string[];
  readonly evolve: Evolve<D>;
}

const view = <D extends ReadModelDocument>(v: View<D>): View<ReadModelDocument> => v as unknown as View<ReadModelDocument>;

const VIEWS: readonly View<ReadModelDocument>[] = [
  view<EvaluationView>({ collection: EVALUATION_VIEWS, idsOf: evaluationIdsOf, evolve: (doc, event) => evolveEvaluationView(doc, event) }),
  view<FirmView>({ collection: FIRM_VIEWS, idsOf: firmIdsOf, evolve: evolveFirmView }),
  view<AssessmentView>({ collection: ASSESSMENT_VIEWS, idsOf: assessmentIdsOf, evolve: (doc, event) => evolveAssessmentView(doc, event) }),
  view<WeightingView>({ collection: WEIGHTING_VIEWS, idsOf: weightingIdsOf, evolve: (doc, event) => evolveWeightingView(doc, event) }),
  view<NoticeView>({ collection: NOTICE_VIEWS, idsOf: noticeIdsOf, evolve: evolveNoticeView }),
];

/**
 * Keeps supervision's read side (监督考核) from the `whistle.supervision.v1` events: a task's
 * evaluation, a firm with its credit record, an assessment, the office's weightings and the
 * notices. Every document is guarded by the stream revisions it applied, so a redelivery changes
 * nothing.
 */
export const supervisionProjector: Projector = {
  name: 'supervision-views',
  collections: SUPERVISION_COLLECTIONS,
  async project(store, event) {
    for (const v of VIEWS) {
      for (const id of v.idsOf(event)) await updateDocument(store.collection(v.collection), id, (doc) => v.evolve(doc, event, id));
    }
  },
  async projectBatch(store, events, cache) {
    for (const v of VIEWS) {
      const touched = touchedBy(events, v.idsOf);
      if (touched.size > 0) await updateDocuments(store.collection(v.collection), v.collection, touched, eachInTurn(v.evolve), cache);
    }
  },
};

/**
 * Where a supervision stream's events land, for a read that waits for a position on it: its one
 * document, or for a quarter's notices (which the position does not tell apart) the quarter's.
 */
export function supervisionStreamView(streamId: string): { readonly collection: string; readonly id: string } | { readonly collection: string; readonly where: Where } | undefined {
  if (streams.evaluation.owns(streamId)) return { collection: EVALUATION_VIEWS, id: streams.evaluation.idOf(streamId) };
  if (streams.firm.owns(streamId)) return { collection: FIRM_VIEWS, id: streams.firm.idOf(streamId) };
  if (streams.assessment.owns(streamId)) return { collection: ASSESSMENT_VIEWS, id: streams.assessment.idOf(streamId) };
  if (streams.weighting.owns(streamId)) return { collection: WEIGHTING_VIEWS, id: WEIGHTING_ID };
  if (streams.notices.owns(streamId)) return { collection: NOTICE_VIEWS, where: { quarter: streams.notices.idOf(streamId) } };
  return undefined;
}
