import { DEFAULT_WEIGHTING, type Weighting, type WeightingSet } from './supervision.events';

export type WeightingInForce = Weighting & { readonly weightingId: string; readonly effectiveFrom: string | null };

/**
 * The weighting in force for a quarter: of the weightings set (in the order they were set), the last
 * one whose `effectiveFrom` is not after the quarter; the default when none is. A later setting for
 * an earlier quarter therefore wins over an earlier setting, as the office's latest word should.
 */
export function weightingFor(history: readonly WeightingSet['data'][], quarter: string): WeightingInForce {
  let found: WeightingSet['data'] | undefined;
  for (const set of history) if (set.effectiveFrom <= quarter) found = set;
  if (!found) return { ...DEFAULT_WEIGHTING, effectiveFrom: null };
  const { weightingId, effectiveFrom, unit, station, assessment, lists } = found;
  return { weightingId, effectiveFrom, unit, station, assessment, lists };
}
