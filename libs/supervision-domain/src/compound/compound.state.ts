import { assertNever } from '@whistle/kernel';
import type { CompoundEvent, CompoundLedgerEntryRecorded, CompoundProfile, Liaison } from '@whistle/contracts';

/** The profile as last recorded, with why and when. */
export type RecordedProfile = CompoundProfile & { readonly reason: string; readonly recordedAt: string };

/** A leader or department assigned to the compound; `ended` once the assignment ended. */
export interface LiaisonRecord {
  readonly liaisonId: string;
  readonly liaison: Liaison;
  readonly reason: string;
  readonly assignedAt: string;
  readonly ended: { readonly reason: string; readonly endedAt: string } | null;
}

/** An entry of the ledger (台账); `supersededBy` names the entry that corrected it, if one did. */
export type LedgerEntry = Omit<CompoundLedgerEntryRecorded['data'], 'compoundId' | 'corrects'> & {
  readonly corrects: NonNullable<CompoundLedgerEntryRecorded['data']['corrects']> | null;
  readonly supersededBy: string | null;
};

/**
 * A compound's profile and liaison. Every compound of the catalogue has one, empty until the office
 * records something: the stream need not have begun for the compound to exist.
 */
export interface CompoundState {
  readonly profile: RecordedProfile | null;
  /** every profile recorded, the latest last: the history of why it changed */
  readonly profileChanges: readonly { readonly reason: string; readonly recordedAt: string }[];
  readonly liaisons: readonly LiaisonRecord[];
  /** every entry in the order recorded, corrected ones included */
  readonly ledger: readonly LedgerEntry[];
}

export const initialCompoundState: CompoundState = { profile: null, profileChanges: [], liaisons: [], ledger: [] };

export function evolveCompound(state: CompoundState, event: CompoundEvent): CompoundState {
  switch (event.type) {
    case 'supervision.CompoundProfileRecorded.v1': {
      const { compoundId: _compoundId, ...profile } = event.data;
      return { ...state, profile, profileChanges: [...state.profileChanges, { reason: profile.reason, recordedAt: profile.recordedAt }] };
    }
    case 'supervision.CompoundLiaisonAssigned.v1': {
      const { liaisonId, liaison, reason, assignedAt } = event.data;
      return { ...state, liaisons: [...state.liaisons, { liaisonId, liaison, reason, assignedAt, ended: null }] };
    }
    case 'supervision.CompoundLiaisonEnded.v1': {
      const { liaisonId, reason, endedAt } = event.data;
      return { ...state, liaisons: state.liaisons.map((l) => (l.liaisonId === liaisonId && l.ended === null ? { ...l, ended: { reason, endedAt } } : l)) };
    }
    case 'supervision.CompoundLedgerEntryRecorded.v1': {
      const { compoundId: _compoundId, corrects, ...entry } = event.data;
      const ledger = state.ledger.map((e) => (corrects !== undefined && e.entryId === corrects.entryId ? { ...e, supersededBy: entry.entryId } : e));
      return { ...state, ledger: [...ledger, { ...entry, corrects: corrects ?? null, supersededBy: null }] };
    }
    default:
      return assertNever(event, 'compound event');
  }
}

/** The liaisons assigned now. */
export const activeLiaisons = (state: CompoundState): LiaisonRecord[] => state.liaisons.filter((l) => l.ended === null);

/** The ledger as it stands: every entry no later one corrected, the latest visit first. */
export function currentLedger(state: CompoundState): LedgerEntry[] {
  return state.ledger.filter((e) => e.supersededBy === null).sort((a, b) => (a.date === b.date ? b.recordedAt.localeCompare(a.recordedAt) : b.date.localeCompare(a.date)));
}
