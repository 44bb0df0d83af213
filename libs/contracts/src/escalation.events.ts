import type { Level } from './catalogue';
import type { LevelChangeTrigger, OutcomeResult } from './values';

/**
 * Escalation (升级) owns the whistle (吹哨) of each case: its level, the units summoned, the
 * report-in (报到) deadlines and every level change. Stream: `whistle-<caseId>`.
 * A whistle round is identified by `whistleId`; a joint-meeting resolution opens a round whose
 * id is the resolution's id.
 */
export interface TriageOpened {
  readonly type: 'escalation.TriageOpened.v1';
  readonly data: {
    readonly caseId: string;
    readonly stationId: string;
    readonly communityId: string;
    readonly compoundId: string;
    readonly category: string;
    readonly level: Level;
    readonly proposedUnits: readonly string[];
    readonly openedAt: string;
  };
}

export interface SummonedUnit {
  readonly unitId: string;
  /** 报到 deadline; levels 2 and 3 only. */
  readonly reportInDueAt?: string;
}

export interface WhistleBlown {
  readonly type: 'escalation.WhistleBlown.v1';
  readonly data: {
    readonly caseId: string;
    readonly whistleId: string;
    /** the station that blew it: the one whose scope its work is in */
    readonly stationId: string;
    readonly level: Level;
    readonly units: readonly SummonedUnit[];
    /** Level 1: the publicity activity must be held by then. */
    readonly activityDueAt?: string;
    readonly reason?: string;
    readonly blownAt: string;
  };
}

export interface LevelRaised {
  readonly type: 'escalation.LevelRaised.v1';
  readonly data: {
    readonly caseId: string;
    readonly from: Level;
    readonly to: Level;
    readonly trigger: LevelChangeTrigger;
    readonly reason: string;
    /** the round of summoned units this change ends, if one was under way */
    readonly endedWhistleId?: string;
    readonly raisedAt: string;
  };
}

export interface LevelLowered {
  readonly type: 'escalation.LevelLowered.v1';
  readonly data: {
    readonly caseId: string;
    readonly from: Level;
    readonly to: Level;
    readonly trigger: 'station' | 'office';
    readonly reason: string;
    /** the round of summoned units this change ends, if one was under way */
    readonly endedWhistleId?: string;
    readonly loweredAt: string;
  };
}

/** The case is at level 4 and goes to the joint meeting (联席会议). */
export interface ReferredToJointMeeting {
  readonly type: 'escalation.ReferredToJointMeeting.v1';
  readonly data: {
    readonly caseId: string;
    readonly units: readonly string[];
    readonly reason: string;
    readonly tablingDueAt: string;
    /** the round of summoned units (or of joint enforcement) this referral ends, if one was under way */
    readonly endedWhistleId?: string;
    readonly referredAt: string;
  };
}

/** `overdue`: a joint-enforcement task passed the resolution's deadline without an outcome. */
export const TASK_STEPS = ['reported_in', 'accepted', 'declined', 'outcome', 'overdue'] as const;
export type TaskStep = (typeof TASK_STEPS)[number];

/** Escalation's own record of what a summoned unit did, so the workflow rebuilds from its stream. */
export interface TaskProgressNoted {
  readonly type: 'escalation.TaskProgressNoted.v1';
  readonly data: {
    readonly caseId: string;
    readonly whistleId: string;
    readonly taskId: string;
    readonly unitId: string;
    readonly step: TaskStep;
    readonly result?: OutcomeResult;
    readonly notOurResponsibility?: boolean;
    /** with `reported_in` at levels 2–3: the unit must accept or decline by then */
    readonly respondBy?: string;
    /** the case's station, which rates the unit once the task ends (absent on events recorded before supervision) */
    readonly stationId?: string;
    readonly at: string;
  };
}

export interface ReportInMissed {
  readonly type: 'escalation.ReportInMissed.v1';
  readonly data: {
    readonly caseId: string;
    readonly whistleId: string;
    readonly unitId: string;
    readonly dueAt: string;
    readonly graceUntil: string;
    /** the case's station, which rates the unit that missed (absent on events recorded before supervision) */
    readonly stationId?: string;
    readonly missedAt: string;
  };
}

/** A unit reported in but neither accepted nor declined in time; the grace period starts. */
export interface ResponseMissed {
  readonly type: 'escalation.ResponseMissed.v1';
  readonly data: {
    readonly caseId: string;
    readonly whistleId: string;
    readonly unitId: string;
    readonly dueAt: string;
    readonly graceUntil: string;
    readonly missedAt: string;
  };
}

export interface ActivityOverdue {
  readonly type: 'escalation.ActivityOverdue.v1';
  readonly data: { readonly caseId: string; readonly whistleId: string; readonly dueAt: string; readonly overdueAt: string };
}

export interface PublicityNoted {
  readonly type: 'escalation.PublicityNoted.v1';
  readonly data: { readonly caseId: string; readonly whistleId: string; readonly activityId: string; readonly heldAt: string };
}

/** A joint-meeting resolution opened a round of joint enforcement (联合执法). */
export interface ResolutionNoted {
  readonly type: 'escalation.ResolutionNoted.v1';
  readonly data: {
    readonly caseId: string;
    readonly meetingId: string;
    readonly resolutionId: string;
    readonly leadUnit: string;
    readonly supportingUnits: readonly string[];
    readonly dueAt: string;
    readonly notedAt: string;
  };
}

/** Every task of the current round has its outcome, and none asks for more. */
export interface WorkCompleted {
  readonly type: 'escalation.WorkCompleted.v1';
  readonly data: {
    readonly caseId: string;
    readonly whistleId: string;
    readonly level: Level;
    readonly outcomes: readonly { readonly unitId: string; readonly result: OutcomeResult | 'activity_held' }[];
    readonly completedAt: string;
  };
}

export const STAND_DOWN_REASONS = ['withdrawn', 'rejected', 'closed', 'referred_upward', 'duplicate', 'merged'] as const;
export type StandDownReason = (typeof STAND_DOWN_REASONS)[number];

/** The case left handling (withdrawn, rejected, closed, referred upward, linked as a duplicate or merged by hand); pending deadlines end. */
export interface WhistleStoodDown {
  readonly type: 'escalation.WhistleStoodDown.v1';
  readonly data: {
    readonly caseId: string;
    readonly because: StandDownReason;
    /** the round of summoned units this ends, if one was under way */
    readonly endedWhistleId?: string;
    readonly stoodDownAt: string;
  };
}

/** A reopened case is back for triage at its last level. */
export interface TriageReopened {
  readonly type: 'escalation.TriageReopened.v1';
  readonly data: { readonly caseId: string; readonly reason: string; readonly reopenedAt: string };
}

export type EscalationEvent =
  | TriageOpened
  | WhistleBlown
  | LevelRaised
  | LevelLowered
  | ReferredToJointMeeting
  | TaskProgressNoted
  | ReportInMissed
  | ResponseMissed
  | ActivityOverdue
  | PublicityNoted
  | ResolutionNoted
  | WorkCompleted
  | WhistleStoodDown
  | TriageReopened;
