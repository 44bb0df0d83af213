import type { CompoundProfile } from '@whistle/contracts';

/** What a "three withouts" compound (三无小区) lacks: a property firm, an owners' committee (业委会), a party branch. */
export const THREE_WITHOUTS = ['property_firm', 'owners_committee', 'party_branch'] as const;
export type Without = (typeof THREE_WITHOUTS)[number];

export interface ThreeWithouts {
  /** which of the three the compound lacks, as far as is known */
  readonly missing: readonly Without[];
  /** lacks all three: a three-withouts compound */
  readonly all: boolean;
  /**
   * false while no profile was recorded: the firm register says whether a firm serves it, but
   * nobody said yet whether it has an owners' committee or a party branch, so those are not
   * counted as missing and the compound is not called a three-withouts one.
   */
  readonly known: boolean;
}

/**
 * Derived, never entered: from the firm register (`firmId`, null when no registered firm serves
 * the compound) and the recorded profile (null when none was).
 */
export function threeWithoutsOf(profile: Pick<CompoundProfile, 'ownersCommittee' | 'partyBranch'> | null, firmId: string | null): ThreeWithouts {
  const missing: Without[] = [];
  if (firmId === null) missing.push('property_firm');
  if (profile !== null && !profile.ownersCommittee.present) missing.push('owners_committee');
  if (profile !== null && !profile.partyBranch.present) missing.push('party_branch');
  return { missing, all: missing.length === THREE_WITHOUTS.length, known: profile !== null };
}
