/**
 * A compound's profile (小区档案) and the liaison kept with it (联系小区), stream
 * `compound-<compoundId>`, written by supervision. The property firm is not part of these events:
 * the firm register (`firm-<firmId>`) says which firm serves a compound, and the "three withouts"
 * (三无小区: no property firm, no owners' committee, no party branch) are derived from both, never
 * recorded. Dates of the calendar (`2026-11-21`) are Beijing dates.
 */

/** The owners' committee (业主委员会, 业委会): absent, or present with its term. */
export type OwnersCommittee = { readonly present: false } | { readonly present: true; readonly termFrom: string; readonly termTo: string };

/** The compound's party branch (小区党支部): absent, or present with its secretary. */
export type PartyBranch = { readonly present: false } | { readonly present: true; readonly secretary: string };

/** Whether the developer handed the compound over (交接) to its owners and firm, and when. */
export type Handover = { readonly status: 'not_handed_over' } | { readonly status: 'handed_over'; readonly date: string };

/** A grid (网格) of the compound and its grid workers (网格员). */
export interface Grid {
  readonly name: string;
  readonly workers: readonly string[];
}

/** What the office records of a compound; each recording is the whole profile as it now stands. */
export interface CompoundProfile {
  readonly ownersCommittee: OwnersCommittee;
  readonly partyBranch: PartyBranch;
  readonly handover: Handover;
  readonly grids: readonly Grid[];
  readonly partyMembers: number;
  readonly households: number;
}

export interface CompoundProfileRecorded {
  readonly type: 'supervision.CompoundProfileRecorded.v1';
  readonly data: CompoundProfile & { readonly compoundId: string; readonly reason: string; readonly recordedAt: string };
}

/** Who liaises with a compound: a leader (领导) by name and post, or a department, a unit of the catalogue. */
export type Liaison = { readonly kind: 'leader'; readonly name: string; readonly post: string } | { readonly kind: 'department'; readonly unitId: string };

export interface CompoundLiaisonAssigned {
  readonly type: 'supervision.CompoundLiaisonAssigned.v1';
  readonly data: { readonly compoundId: string; readonly liaisonId: string; readonly liaison: Liaison; readonly reason: string; readonly assignedAt: string };
}

export interface CompoundLiaisonEnded {
  readonly type: 'supervision.CompoundLiaisonEnded.v1';
  readonly data: { readonly compoundId: string; readonly liaisonId: string; readonly reason: string; readonly endedAt: string };
}

/** A visit or help (走访 / 帮扶) in a liaison's ledger (台账). */
export const LEDGER_KINDS = ['visit', 'help'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * One entry of the ledger. An entry is never edited: a correction is a new entry that names the
 * one it `corrects`, with a reason, and takes its place.
 */
export interface CompoundLedgerEntryRecorded {
  readonly type: 'supervision.CompoundLedgerEntryRecorded.v1';
  readonly data: {
    readonly compoundId: string;
    readonly entryId: string;
    readonly liaisonId: string;
    readonly kind: LedgerKind;
    /** the day of the visit or help */
    readonly date: string;
    readonly found: string;
    readonly done: string;
    /** what is to follow, '' when nothing */
    readonly followUp: string;
    readonly corrects?: { readonly entryId: string; readonly reason: string };
    readonly recordedAt: string;
  };
}

export type CompoundEvent = CompoundProfileRecorded | CompoundLiaisonAssigned | CompoundLiaisonEnded | CompoundLedgerEntryRecorded;
