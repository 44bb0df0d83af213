import { quarterOf } from '@whistle/contracts';
import type { EventEnvelope } from '@whistle/kernel';
import { guarded, supervisionEvent } from './supervision-events';
import type { EvaluationSide, EvaluationView } from './supervision-views';

/** The evaluation an event belongs to: its task's. */
export function evaluationIdsOf(envelope: EventEnvelope): string[] {
  const event = supervisionEvent(envelope);
  switch (event?.type) {
    case 'supervision.EvaluationOpened.v1':
    case 'supervision.UnitResponseRated.v1':
    case 'supervision.WhistleRated.v1':
      return [event.data.taskId];
    default:
      return [];
  }
}

/**
 * Folds one event into a task's evaluation. A rating, first or amended, becomes the current one
 * of its direction and joins that direction's history. Ratings come after the opening in their
 * one stream, so an evaluation is never rated before it is known.
 */
export function evolveEvaluationView(view: EvaluationView | undefined, envelope: EventEnvelope): EvaluationView | undefined {
  const event = supervisionEvent(envelope);
  const [taskId] = evaluationIdsOf(envelope);
  if (!event || taskId === undefined || (view && view.id !== taskId)) return undefined;
  return guarded(view, envelope, (current) => {
    const ratedBy = envelope.actor.id;
    switch (event.type) {
      case 'supervision.EvaluationOpened.v1': {
        if (current) return current;
        const { result, ...opened } = event.data;
        return {
          id: taskId,
          version: 0,
          revisions: [],
          ...opened,
          result: result ?? null,
          quarter: quarterOf(opened.endedAt),
          unitRating: null,
          unitRatings: [],
          whistleRating: null,
          whistleRatings: [],
          awaiting: ['station', 'unit'],
        };
      }
      case 'supervision.UnitResponseRated.v1': {
        if (!current) return undefined;
        const { ratingId, timeliness, effectiveness, cooperation, score, comment, amendment, ratedAt } = event.data;
        const rating = { ratingId, eventId: envelope.eventId, timeliness, effectiveness, cooperation, score, comment, ...(amendment ? { amendment } : {}), ratedAt, ratedBy };
        return awaitingOf({ ...current, unitRating: rating, unitRatings: [...current.unitRatings, rating] });
      }
      case 'supervision.WhistleRated.v1': {
        if (!current) return undefined;
        const { ratingId, justified, informationAccurate, comment, amendment, ratedAt } = event.data;
        const rating = { ratingId, eventId: envelope.eventId, justified, informationAccurate, comment, ...(amendment ? { amendment } : {}), ratedAt, ratedBy };
        return awaitingOf({ ...current, whistleRating: rating, whistleRatings: [...current.whistleRatings, rating] });
      }
      default:
        return current;
    }
  });
}

function awaitingOf(view: EvaluationView): EvaluationView {
  const awaiting: EvaluationSide[] = [];
  if (view.unitRating === null) awaiting.push('station');
  if (view.whistleRating === null) awaiting.push('unit');
  return { ...view, awaiting };
}
