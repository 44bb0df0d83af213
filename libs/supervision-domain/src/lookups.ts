import { stateIndex, streams, weightingFor, WEIGHTING_ID, type StateView, type WeightingInForce, type WeightingSet } from '@whistle/contracts';
import type { FirmState, RegisteredFirm } from './firm/firm.state';
import type { WeightingState } from './weighting/weighting.state';

/** The registered firms by the compounds they serve now. */
export const firmsByCompound = stateIndex(streams.firm, (state: FirmState) => (state.status === 'registered' ? state.compoundIds : []));

/** The registered firms by their credit code. */
export const firmsByCreditCode = stateIndex(streams.firm, (state: FirmState) => (state.status === 'registered' ? [state.creditCode] : []));

/** A registered firm, or undefined. */
export function firmOf(view: StateView, firmId: string): RegisteredFirm | undefined {
  const state = view.get<FirmState>(streams.firm(firmId));
  return state?.status === 'registered' ? state : undefined;
}

export function firmNameOf(view: StateView, firmId: string): string | undefined {
  return firmOf(view, firmId)?.name;
}

/** Of these compounds, each one a registered firm serves now, with that firm's id (a RegisterFirm's or ChangeFirm's `servedElsewhere`). */
export function compoundsServed(view: StateView, compoundIds: readonly string[]): Record<string, string> {
  const served: Record<string, string> = {};
  for (const compoundId of compoundIds) {
    for (const [, state] of view.indexed(firmsByCompound, compoundId)) {
      if (state.status === 'registered' && state.compoundIds.includes(compoundId)) {
        served[compoundId] = state.firmId;
        break;
      }
    }
  }
  return served;
}

/** The firm registered under a credit code (any case), or null: a RegisterFirm's `creditCodeHolder`. */
export function creditCodeHolder(view: StateView, creditCode: string): string | null {
  const code = typeof creditCode === 'string' ? creditCode.trim().toUpperCase() : '';
  for (const [, state] of view.indexed(firmsByCreditCode, code)) {
    if (state.status === 'registered' && state.creditCode === code) return state.firmId;
  }
  return null;
}

/** Every weighting the office set, in the order it set them. */
export function weightingHistoryOf(view: StateView): readonly WeightingSet['data'][] {
  return view.get<WeightingState>(streams.weighting(WEIGHTING_ID))?.history ?? [];
}

/** The weighting in force for a quarter (the default until the office sets one). */
export function weightingInForceOf(view: StateView, quarter: string): WeightingInForce {
  return weightingFor(weightingHistoryOf(view), quarter);
}
