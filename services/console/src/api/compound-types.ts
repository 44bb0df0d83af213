/** What the supervision service answers about compounds (GET /api/supervision/compounds…). */
type Name = { readonly zh: string; readonly en: string };

export type Without = 'property_firm' | 'owners_committee' | 'party_branch';

export interface LiaisonView {
  readonly liaisonId: string;
  readonly liaison: { readonly kind: 'leader'; readonly name: string; readonly post: string } | { readonly kind: 'department'; readonly unitId: string; readonly unitName?: Name };
  readonly reason: string;
  readonly assignedAt: string;
  readonly ended: { readonly reason: string; readonly endedAt: string } | null;
}

export interface CompoundSummary {
  readonly compoundId: string;
  readonly name: Name;
  readonly community: { readonly id: string; readonly name: Name };
  readonly station: { readonly id: string; readonly name: Name };
  readonly firm: { readonly firmId: string; readonly name: string } | null;
  readonly profileRecorded: boolean;
  readonly threeWithouts: { readonly missing: readonly Without[]; readonly all: boolean; readonly known: boolean };
  readonly liaisons: readonly LiaisonView[];
}

export interface CompoundProfile {
  readonly ownersCommittee: { readonly present: false } | { readonly present: true; readonly termFrom: string; readonly termTo: string };
  readonly partyBranch: { readonly present: false } | { readonly present: true; readonly secretary: string };
  readonly handover: { readonly status: 'not_handed_over' } | { readonly status: 'handed_over'; readonly date: string };
  readonly grids: readonly { readonly name: string; readonly workers: readonly string[] }[];
  readonly partyMembers: number;
  readonly households: number;
}

export interface CompoundProfileView extends CompoundSummary {
  readonly revision: number;
  readonly profile: (CompoundProfile & { readonly reason: string; readonly recordedAt: string }) | null;
  readonly profileChanges: readonly { readonly reason: string; readonly recordedAt: string }[];
  readonly endedLiaisons: readonly LiaisonView[];
}

export interface LedgerEntry {
  readonly entryId: string;
  readonly liaisonId: string;
  readonly kind: 'visit' | 'help';
  readonly date: string;
  readonly found: string;
  readonly done: string;
  readonly followUp: string;
  readonly corrects: { readonly entryId: string; readonly reason: string } | null;
  readonly recordedAt: string;
  readonly supersededBy: string | null;
}

export interface CompoundLedger {
  readonly compoundId: string;
  readonly entries: readonly LedgerEntry[];
  readonly corrected: readonly LedgerEntry[];
}
