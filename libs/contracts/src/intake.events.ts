import type { Channel, CallbackResult, Evidence, SealedPersonalData } from './values';
import type { Level } from './catalogue';

/**
 * Intake (受理) owns the case: reported, rejected, linked as a duplicate, routed to its station,
 * withdrawn, called back (回访), closed (办结) and reopened. Stream: `case-<caseId>`.
 */
export interface CaseReported {
  readonly type: 'intake.CaseReported.v1';
  readonly data: {
    readonly caseId: string;
    readonly compoundId: string;
    readonly category: string;
    readonly description: string;
    readonly location?: string;
    readonly channel: Channel;
    readonly reporter?: SealedPersonalData;
    readonly evidence: readonly Evidence[];
    readonly reportedAt: string;
  };
}

/** Why a station turns a report away at triage: outside comprehensive enforcement (不属于执法范围),
 * no violation to act on (无违法事实), or too little to go on (信息不足). */
export const REJECTION_CODES = ['out_of_scope', 'not_actionable', 'insufficient_information'] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface CaseRejected {
  readonly type: 'intake.CaseRejected.v1';
  readonly data: { readonly caseId: string; readonly code: RejectionCode; readonly reason: string; readonly rejectedAt: string };
}

/**
 * A duplicate (重复上报) of a case still open: linked by intake as a probable duplicate at the
 * report (same compound and category, within the window), or by hand by the station or the office
 * with a reason (`reason` is absent from intake's automatic links). The station and community it
 * was (or would have been) routed to come with it (absent from links recorded before they were
 * added), so the station sees the link at triage.
 */
export interface CaseLinkedAsDuplicate {
  readonly type: 'intake.CaseLinkedAsDuplicate.v1';
  readonly data: {
    readonly caseId: string;
    readonly duplicateOf: string;
    readonly stationId?: string;
    readonly communityId?: string;
    /** why a station or the office linked it by hand; absent from intake's automatic links */
    readonly reason?: string;
    readonly linkedAt: string;
  };
}

/**
 * 合并: the station or the office merged this case into another of the same compound, which
 * survives and carries on the handling; this one leaves handling for good, as a withdrawal does.
 */
export interface CaseMerged {
  readonly type: 'intake.CaseMerged.v1';
  readonly data: { readonly caseId: string; readonly mergedInto: string; readonly reason: string; readonly mergedAt: string };
}

/**
 * The station judged that a case linked as a duplicate (by intake or by hand) is a problem of its
 * own; the CaseRouted that follows routes it like a new report.
 */
export interface DuplicateLinkOverruled {
  readonly type: 'intake.DuplicateLinkOverruled.v1';
  readonly data: { readonly caseId: string; readonly duplicateOf: string; readonly reason: string; readonly overruledAt: string };
}

export interface CaseRouted {
  readonly type: 'intake.CaseRouted.v1';
  readonly data: {
    readonly caseId: string;
    readonly stationId: string;
    readonly communityId: string;
    readonly compoundId: string;
    readonly category: string;
    readonly proposedLevel: Level;
    readonly proposedUnits: readonly string[];
    readonly routedAt: string;
  };
}

export interface CaseWithdrawn {
  readonly type: 'intake.CaseWithdrawn.v1';
  readonly data: { readonly caseId: string; readonly reason: string; readonly withdrawnAt: string };
}

/** Intake learned from escalation that every task of the current level has its outcome. */
export interface WorkCompletionNoted {
  readonly type: 'intake.WorkCompletionNoted.v1';
  readonly data: { readonly caseId: string; readonly level: Level; readonly completedAt: string };
}

export interface CallbackRecorded {
  readonly type: 'intake.CallbackRecorded.v1';
  readonly data: { readonly caseId: string; readonly result: CallbackResult; readonly note?: string; readonly calledAt: string };
}

export interface CaseClosed {
  readonly type: 'intake.CaseClosed.v1';
  readonly data: { readonly caseId: string; readonly callbackResult: CallbackResult; readonly closedAt: string; readonly reopenableUntil: string };
}

export interface CaseReopened {
  readonly type: 'intake.CaseReopened.v1';
  readonly data: {
    readonly caseId: string;
    readonly reason: string;
    readonly trigger: 'dissatisfied_callback' | 'request';
    readonly reopenedAt: string;
  };
}

/** Adjudication referred the case upward (上报区级): it leaves the town's handling and stays visible as such. */
export interface ReferralUpwardNoted {
  readonly type: 'intake.ReferralUpwardNoted.v1';
  readonly data: { readonly caseId: string; readonly reason: string; readonly referredAt: string };
}

/**
 * 个人信息删除: the office or the administrator erased the reporter's personal data, with a reason,
 * by destroying the case's key (crypto-shredding). CaseReported keeps its ciphertext, which no one
 * can read any more, so every hash over it still verifies. Holds no personal data: the key's id,
 * and a reason that must not repeat the erased name or phone.
 */
export interface ReporterDataErased {
  readonly type: 'intake.ReporterDataErased.v1';
  readonly data: { readonly caseId: string; readonly keyId: string; readonly reason: string; readonly erasedAt: string };
}

export type IntakeEvent =
  | CaseReported
  | CaseRejected
  | CaseLinkedAsDuplicate
  | DuplicateLinkOverruled
  | CaseMerged
  | CaseRouted
  | CaseWithdrawn
  | WorkCompletionNoted
  | CallbackRecorded
  | CaseClosed
  | CaseReopened
  | ReferralUpwardNoted
  | ReporterDataErased;
