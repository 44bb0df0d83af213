import { assertNever } from '@whistle/kernel';
import type { WeightingEvent, WeightingSet } from '@whistle/contracts';

/** Every weighting the office set (考核权重), in the order it set them: each quarter keeps the one in force for it. */
export interface WeightingState {
  readonly history: readonly WeightingSet['data'][];
}

export const initialWeightingState: WeightingState = { history: [] };

export function evolveWeighting(state: WeightingState, event: WeightingEvent): WeightingState {
  switch (event.type) {
    case 'supervision.WeightingSet.v1':
      return { history: [...state.history, event.data] };
    default:
      return assertNever(event.type, 'weighting event');
  }
}
