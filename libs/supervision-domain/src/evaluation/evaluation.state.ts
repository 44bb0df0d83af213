import { assertNever } from '@whistle/kernel';
import type { EvaluationEvent, EvaluationOpened, UnitResponseRated, WhistleRated } from '@whistle/contracts';

/** What is known of the ended task that is being evaluated. */
export type EvaluationFacts = EvaluationOpened['data'];

export type UnitRating = Omit<UnitResponseRated['data'], 'taskId' | 'caseId' | 'unitId' | 'stationId'>;
export type WhistleRating = Omit<WhistleRated['data'], 'taskId' | 'caseId' | 'unitId' | 'stationId'>;

export type EvaluationState =
  | { readonly status: 'none' }
  | (EvaluationFacts & {
      readonly status: 'open';
      /** the station's current rating of the unit's response (站评部门), the latest amendment */
      readonly unitRating: UnitRating | null;
      /** every ratingId of that direction, oldest first: an amendment must name the current one */
      readonly unitRatingIds: readonly string[];
      /** the unit's current rating of the whistle (部门评哨) */
      readonly whistleRating: WhistleRating | null;
      readonly whistleRatingIds: readonly string[];
    });

export type EvaluationStatus = EvaluationState['status'];
export type OpenedEvaluation = Extract<EvaluationState, { status: 'open' }>;

export const initialEvaluationState: EvaluationState = { status: 'none' };

/** Events are facts already decided, so a transition the state cannot take is left out, not thrown. */
export function evolveEvaluation(state: EvaluationState, event: EvaluationEvent): EvaluationState {
  switch (event.type) {
    case 'supervision.EvaluationOpened.v1':
      if (state.status !== 'none') return state;
      return { ...event.data, status: 'open', unitRating: null, unitRatingIds: [], whistleRating: null, whistleRatingIds: [] };
    case 'supervision.UnitResponseRated.v1': {
      if (state.status !== 'open') return state;
      const { taskId: _t, caseId: _c, unitId: _u, stationId: _s, ...rating } = event.data;
      return { ...state, unitRating: rating, unitRatingIds: [...state.unitRatingIds, rating.ratingId] };
    }
    case 'supervision.WhistleRated.v1': {
      if (state.status !== 'open') return state;
      const { taskId: _t, caseId: _c, unitId: _u, stationId: _s, ...rating } = event.data;
      return { ...state, whistleRating: rating, whistleRatingIds: [...state.whistleRatingIds, rating.ratingId] };
    }
    default:
      return assertNever(event, 'evaluation event');
  }
}
