/**
 * Adjudication (联席会议裁决) owns the joint meetings (stream `meeting-<meetingId>`) and each
 * level-4 case's way through them (stream `adjudication-<caseId>`).
 */
export interface MeetingScheduled {
  readonly type: 'adjudication.MeetingScheduled.v1';
  readonly data: {
    readonly meetingId: string;
    readonly scheduledAt: string;
    readonly place: string;
    readonly invitedUnits: readonly string[];
    readonly agenda: readonly string[];
    readonly quorumShare: number;
  };
}

/** A level-4 case put on the agenda of a meeting that has not opened yet. */
export interface CaseTabled {
  readonly type: 'adjudication.CaseTabled.v1';
  readonly data: { readonly meetingId: string; readonly caseId: string; readonly tabledAt: string };
}

/** The case was withdrawn from adjudication (lowered from level 4, withdrawn, closed) while on the agenda. */
export interface CaseWithdrawnFromAgenda {
  readonly type: 'adjudication.CaseWithdrawnFromAgenda.v1';
  readonly data: { readonly meetingId: string; readonly caseId: string; readonly reason: string; readonly withdrawnAt: string };
}

export interface MeetingOpened {
  readonly type: 'adjudication.MeetingOpened.v1';
  readonly data: { readonly meetingId: string; readonly openedAt: string };
}

export interface AttendanceRecorded {
  readonly type: 'adjudication.AttendanceRecorded.v1';
  readonly data: { readonly meetingId: string; readonly unitId: string; readonly present: boolean; readonly recordedAt: string };
}

export interface OpinionRecorded {
  readonly type: 'adjudication.OpinionRecorded.v1';
  readonly data: {
    readonly meetingId: string;
    readonly caseId: string;
    readonly unitId: string;
    readonly opinion: string;
    readonly recordedAt: string;
  };
}

/** 决议: lead unit (牵头单位), supporting units (配合单位), measures and deadline. */
export interface ResolutionAdopted {
  readonly type: 'adjudication.ResolutionAdopted.v1';
  readonly data: {
    readonly meetingId: string;
    readonly caseId: string;
    readonly resolutionId: string;
    readonly leadUnit: string;
    readonly supportingUnits: readonly string[];
    readonly measures: string;
    readonly deadline: string;
    readonly quorum: { readonly invited: number; readonly present: number; readonly required: number };
    readonly adoptedAt: string;
  };
}

export interface CaseDeferred {
  readonly type: 'adjudication.CaseDeferred.v1';
  readonly data: { readonly meetingId: string; readonly caseId: string; readonly reason: string; readonly deferredAt: string };
}

export interface MeetingClosed {
  readonly type: 'adjudication.MeetingClosed.v1';
  readonly data: { readonly meetingId: string; readonly closedAt: string };
}

/** The case's own record in adjudication: waiting to be tabled (7 days by default). */
export interface AdjudicationRequested {
  readonly type: 'adjudication.AdjudicationRequested.v1';
  readonly data: {
    readonly caseId: string;
    readonly units: readonly string[];
    readonly reason: string;
    readonly tablingDueAt: string;
    readonly requestedAt: string;
  };
}

export interface TablingNoted {
  readonly type: 'adjudication.TablingNoted.v1';
  readonly data: { readonly caseId: string; readonly meetingId: string; readonly tabledAt: string };
}

export interface TablingOverdue {
  readonly type: 'adjudication.TablingOverdue.v1';
  readonly data: { readonly caseId: string; readonly dueAt: string; readonly overdueAt: string };
}

export interface DeferralNoted {
  readonly type: 'adjudication.DeferralNoted.v1';
  readonly data: {
    readonly caseId: string;
    readonly meetingId: string;
    readonly reason: string;
    readonly deferrals: number;
    /** the case must be tabled again by then (unless this deferral refers it upward) */
    readonly tablingDueAt: string;
    readonly notedAt: string;
  };
}

/**
 * The case's adjudication accepted the meeting's resolution: this, not the meeting's own
 * ResolutionAdopted, is what sets joint enforcement going, so a resolution adopted for a case
 * no longer before the meeting has no effect.
 */
export interface AdjudicationResolved {
  readonly type: 'adjudication.AdjudicationResolved.v1';
  readonly data: {
    readonly caseId: string;
    readonly meetingId: string;
    readonly resolutionId: string;
    readonly leadUnit: string;
    readonly supportingUnits: readonly string[];
    readonly measures: string;
    readonly deadline: string;
    readonly resolvedAt: string;
  };
}

/** 上报区级: deferred too many times; the case goes to the district and stays visible as such. */
export interface CaseReferredUpward {
  readonly type: 'adjudication.CaseReferredUpward.v1';
  readonly data: { readonly caseId: string; readonly deferrals: number; readonly reason: string; readonly referredAt: string };
}

/** The level was lowered from 4 or the case left handling before it was adjudicated. */
export interface AdjudicationWithdrawn {
  readonly type: 'adjudication.AdjudicationWithdrawn.v1';
  readonly data: { readonly caseId: string; readonly reason: string; readonly withdrawnAt: string };
}

export type MeetingEvent =
  | MeetingScheduled
  | CaseTabled
  | CaseWithdrawnFromAgenda
  | MeetingOpened
  | AttendanceRecorded
  | OpinionRecorded
  | ResolutionAdopted
  | CaseDeferred
  | MeetingClosed;

export type CaseAdjudicationEvent =
  | AdjudicationRequested
  | TablingNoted
  | TablingOverdue
  | DeferralNoted
  | AdjudicationResolved
  | CaseReferredUpward
  | AdjudicationWithdrawn;

export type AdjudicationEvent = MeetingEvent | CaseAdjudicationEvent;
