import { streams, type StateView } from '@whistle/contracts';
import { compoundsServed } from '../lookups';
import { initialCompoundState, type CompoundState } from './compound.state';

/** A compound's profile and liaison: empty for a compound nothing was recorded of yet. */
export function compoundOf(view: StateView, compoundId: string): CompoundState {
  return view.get<CompoundState>(streams.compound(compoundId)) ?? initialCompoundState;
}

/** The registered firm that serves the compound now (the firm register), or null. */
export function firmServing(view: StateView, compoundId: string): string | null {
  return compoundsServed(view, [compoundId])[compoundId] ?? null;
}
