import type { Level } from './catalogue';
import type { ActionKind, OutcomeResult } from './values';

/**
 * Enforcement (执法) owns each unit's task (stream `task-<taskId>`) and the level-1 publicity
 * activity of a case (stream `publicity-<caseId>`).
 */
/** Names a task fully in each of its events, so a consumer needs no look-up to place it. */
export interface TaskRef {
  readonly taskId: string;
  readonly caseId: string;
  /** the whistle round, or the resolution, that created the task */
  readonly whistleId: string;
  readonly unitId: string;
}

export interface TaskAssigned {
  readonly type: 'enforcement.TaskAssigned.v1';
  readonly data: {
    readonly taskId: string;
    readonly caseId: string;
    readonly whistleId: string;
    readonly unitId: string;
    readonly level: Level;
    /** summoned by a whistle, or lead (牵头) / supporting (配合) unit of a resolution */
    readonly role: 'summoned' | 'lead' | 'supporting';
    readonly reportInDueAt?: string;
    /** the resolution's deadline for a joint-enforcement task */
    readonly dueAt?: string;
    readonly assignedAt: string;
  };
}

export interface TaskReportedIn {
  readonly type: 'enforcement.TaskReportedIn.v1';
  readonly data: TaskRef & { readonly onTime: boolean; readonly reportedInAt: string };
}

export interface TaskAccepted {
  readonly type: 'enforcement.TaskAccepted.v1';
  readonly data: TaskRef & { readonly acceptedAt: string };
}

export interface TaskDeclined {
  readonly type: 'enforcement.TaskDeclined.v1';
  readonly data: TaskRef & {
    readonly reason: string;
    readonly notOurResponsibility: boolean;
    readonly declinedAt: string;
  };
}

export interface ActionRecorded {
  readonly type: 'enforcement.ActionRecorded.v1';
  readonly data: TaskRef & {
    readonly actionId: string;
    readonly kind: ActionKind;
    readonly note: string;
    /** rectification order (限期整改): the date by which it must be rectified */
    readonly deadline?: string;
    /** penalty: the legal basis (法律依据) and amount in yuan */
    readonly legalBasis?: string;
    readonly amount?: number;
    readonly takenAt: string;
  };
}

/** A rectification order's deadline passed; an inspection must now check it. */
export interface RectificationCheckDue {
  readonly type: 'enforcement.RectificationCheckDue.v1';
  readonly data: TaskRef & { readonly actionId: string; readonly deadline: string; readonly dueAt: string };
}

export interface OutcomeRecorded {
  readonly type: 'enforcement.OutcomeRecorded.v1';
  readonly data: TaskRef & { readonly result: OutcomeResult; readonly note: string; readonly recordedAt: string };
}

export interface TaskOverdue {
  readonly type: 'enforcement.TaskOverdue.v1';
  readonly data: TaskRef & { readonly dueAt: string; readonly overdueAt: string };
}

/** The case moved on (level changed, withdrawn, closed) while the task was still open. */
export interface TaskSuperseded {
  readonly type: 'enforcement.TaskSuperseded.v1';
  readonly data: TaskRef & { readonly reason: string; readonly supersededAt: string };
}

/** 宣传哨: a level-1 whistle asks the station to hold a publicity activity. */
export interface PublicityRequested {
  readonly type: 'enforcement.PublicityRequested.v1';
  readonly data: {
    readonly caseId: string;
    readonly whistleId: string;
    /** the station that holds the activity */
    readonly stationId: string;
    readonly units: readonly string[];
    readonly dueAt: string;
    readonly requestedAt: string;
  };
}

export interface ActivityRecorded {
  readonly type: 'enforcement.ActivityRecorded.v1';
  readonly data: {
    readonly caseId: string;
    readonly whistleId: string;
    readonly activityId: string;
    readonly heldAt: string;
    readonly topic: string;
    readonly units: readonly string[];
    readonly attendance: number;
    readonly recordedAt: string;
  };
}

export interface PublicityCancelled {
  readonly type: 'enforcement.PublicityCancelled.v1';
  readonly data: { readonly caseId: string; readonly whistleId: string; readonly reason: string; readonly cancelledAt: string };
}

export type TaskEvent =
  | TaskAssigned
  | TaskReportedIn
  | TaskAccepted
  | TaskDeclined
  | ActionRecorded
  | RectificationCheckDue
  | OutcomeRecorded
  | TaskOverdue
  | TaskSuperseded;

export type PublicityEvent = PublicityRequested | ActivityRecorded | PublicityCancelled;

export type EnforcementEvent = TaskEvent | PublicityEvent;
