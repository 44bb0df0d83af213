import type {
  ActionKind,
  CallbackResult,
  Channel,
  Evidence,
  Level,
  LevelChangeTrigger,
  OutcomeResult,
  RejectionCode,
  StandDownReason,
} from '@whistle/contracts';
import type { ReadModelDocument } from '../read-model-store.port';
import type { CaseFigures, UnitTaskFigures } from './case-figures';
import type { StreamRevision } from '../stream-revisions';

export const CASE_VIEWS = 'case_views';

/** The case status the read side shows (API.md). */
export const CASE_STATUSES = [
  'reported',
  'triaged',
  'whistled',
  'in_progress',
  'adjudicating',
  'resolved',
  'closed',
  'withdrawn',
  'rejected',
  'duplicate',
  /** 已合并: merged by hand into another case, which carries on the handling */
  'merged',
  'referred_upward',
  'reopened',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A case in one of these is no longer handled here: nothing of it is pending or overdue. */
export const FINAL_STATUSES: readonly CaseStatus[] = ['closed', 'withdrawn', 'rejected', 'duplicate', 'merged', 'referred_upward'];
export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((s) => !FINAL_STATUSES.includes(s));

export type TaskStatus = 'assigned' | 'reported_in' | 'accepted' | 'declined' | 'done' | 'superseded';

export interface TaskActionView {
  readonly actionId: string;
  readonly kind: ActionKind;
  readonly note: string;
  readonly deadline?: string;
  readonly legalBasis?: string;
  readonly amount?: number;
  readonly takenAt: string;
}

export interface TaskView {
  readonly taskId: string;
  readonly unitId: string;
  readonly role: 'summoned' | 'lead' | 'supporting';
  readonly level: Level;
  /** the whistle round, or the resolution, that created the task */
  readonly whistleId: string;
  readonly status: TaskStatus;
  readonly assignedAt: string;
  readonly reportInDueAt: string | null;
  readonly reportedInAt: string | null;
  readonly onTime: boolean | null;
  readonly acceptedAt: string | null;
  readonly decline: { readonly reason: string; readonly notOurResponsibility: boolean; readonly at: string } | null;
  readonly actions: readonly TaskActionView[];
  readonly outcome: { readonly result: OutcomeResult; readonly note: string; readonly at: string } | null;
  readonly superseded: { readonly reason: string; readonly at: string } | null;
  /** a resolution task's deadline */
  readonly dueAt: string | null;
  /** when TaskOverdue arrived */
  readonly overdueAt: string | null;
  /** overdue and still open */
  readonly overdue: boolean;
}

export interface WhistleView {
  readonly whistleId: string;
  /** a station's whistle, or the joint enforcement a resolution ordered */
  readonly kind: 'whistle' | 'resolution';
  readonly level: Level;
  readonly units: readonly string[];
  readonly blownAt: string;
  readonly activityDueAt: string | null;
}

export interface PublicityView {
  readonly whistleId: string;
  readonly status: 'requested' | 'held' | 'cancelled';
  readonly units: readonly string[];
  readonly dueAt: string;
  readonly requestedAt: string;
  readonly activity: {
    readonly activityId: string;
    readonly heldAt: string;
    readonly topic: string;
    readonly units: readonly string[];
    readonly attendance: number;
    readonly recordedAt: string;
  } | null;
  readonly cancellation: { readonly reason: string; readonly at: string } | null;
}

export interface LevelChangeView {
  readonly from: Level;
  readonly to: Level;
  readonly trigger: LevelChangeTrigger;
  readonly reason: string;
  readonly at: string;
  /** the round that was current when the level changed; the declines behind `all_declined` are its tasks' */
  readonly whistleId: string | null;
}

export type DeadlineKind = 'report_in' | 'activity' | 'tabling' | 'task_due' | 'rectification_check';

/** Something the case still waits for, and whether the deadline's lapse was already signalled. */
export interface PendingDeadline {
  readonly kind: DeadlineKind;
  readonly dueAt: string;
  readonly overdue: boolean;
  readonly whistleId?: string;
  readonly unitId?: string;
  readonly taskId?: string;
  readonly actionId?: string;
}

/** Every lapse signalled on the case, kept after the thing is done, for the overdue counts. */
export type Lapse =
  | { readonly kind: 'report_in_missed'; readonly whistleId: string; readonly unitId: string; readonly dueAt: string; readonly at: string }
  /** a unit reported in but neither accepted nor declined in time */
  | { readonly kind: 'response_missed'; readonly whistleId: string; readonly unitId: string; readonly dueAt: string; readonly at: string }
  | { readonly kind: 'activity_overdue'; readonly whistleId: string; readonly dueAt: string; readonly at: string }
  | { readonly kind: 'tabling_overdue'; readonly dueAt: string; readonly at: string }
  | { readonly kind: 'task_overdue'; readonly taskId: string; readonly unitId: string; readonly dueAt: string; readonly at: string }
  | {
      readonly kind: 'rectification_check_due';
      readonly taskId: string;
      readonly unitId: string;
      readonly actionId: string;
      readonly dueAt: string;
      readonly at: string;
    };

export interface ResolutionView {
  readonly meetingId: string;
  readonly resolutionId: string;
  readonly leadUnit: string;
  readonly supportingUnits: readonly string[];
  readonly measures: string;
  readonly deadline: string;
  readonly adoptedAt: string;
}

/** The case on one meeting's agenda. */
export interface AgendaEntryView {
  readonly meetingId: string;
  readonly tabledAt: string;
  readonly opinions: readonly { readonly unitId: string; readonly opinion: string; readonly at: string }[];
  readonly decision:
    | ({ readonly kind: 'resolution' } & ResolutionView)
    | { readonly kind: 'deferral'; readonly reason: string; readonly at: string }
    | { readonly kind: 'withdrawn'; readonly reason: string; readonly at: string }
    | null;
}

export interface AdjudicationView {
  /** from the case's own adjudication stream; null while only meeting events are known */
  readonly status: 'awaiting_tabling' | 'tabled' | 'resolved' | 'referred_upward' | 'withdrawn' | null;
  readonly units: readonly string[];
  readonly requestedAt: string | null;
  readonly tablingDueAt: string | null;
  readonly tablingOverdue: boolean;
  /** the meeting the case is (or was last) tabled at since the current request */
  readonly meetingId: string | null;
  readonly deferrals: number;
  /** the latest resolution adopted for the case */
  readonly resolution: ResolutionView | null;
  readonly referredUpwardAt: string | null;
  readonly withdrawnAt: string | null;
  readonly meetings: readonly AgendaEntryView[];
}

export interface CallbackView {
  readonly result: CallbackResult;
  readonly note: string | null;
  readonly at: string;
}

/** 个人信息删除: when, by whom and why the reporter's personal data was erased. */
export interface ReporterErasureView {
  readonly at: string;
  readonly by: { readonly id: string; readonly role: string };
  readonly reason: string;
}

export interface CompletionView {
  readonly whistleId: string;
  readonly level: Level;
  readonly outcomes: readonly { readonly unitId: string; readonly result: OutcomeResult | 'activity_held' }[];
  readonly completedAt: string;
}

/** A summoned unit of the current round, as far as escalation noted its task. */
export interface RoundUnitFacts {
  readonly unitId: string;
  readonly reportInDueAt: string | null;
  readonly reportedIn: boolean;
  readonly response: 'accepted' | 'declined' | null;
  readonly outcome: OutcomeResult | null;
}

export interface RoundFacts {
  readonly whistleId: string;
  readonly kind: 'whistle' | 'resolution';
  readonly level: Level;
  readonly units: readonly RoundUnitFacts[];
  readonly startedAt: string;
  readonly activityDueAt: string | null;
  readonly publicityNoted: boolean;
}

/**
 * What each writing service said, kept apart so that the status is derived from all of them
 * whatever order their streams arrived in.
 */
export interface CaseFacts {
  readonly intake: {
    readonly status: 'none' | 'reported' | 'open' | 'resolved' | 'closed' | 'rejected' | 'duplicate' | 'merged' | 'withdrawn';
    /** how many CaseReopened intake recorded */
    readonly reopens: number;
  };
  readonly escalation: {
    readonly phase: 'none' | 'awaiting_whistle' | 'in_progress' | 'adjudicating' | 'completed' | 'stood_down';
    readonly standDownReason: StandDownReason | null;
    /** the current round; kept when completed or stood down, gone while awaiting a whistle or adjudicating */
    readonly round: RoundFacts | null;
    /** how many TriageReopened escalation recorded: compared with intake's reopens to tell which side lags */
    readonly reopensSeen: number;
    readonly awaitingAfterReopen: boolean;
  };
}

/** The document behind `GET /api/query/cases` and `/cases/{id}`. Absent values are null, never undefined. */
export interface CaseView extends ReadModelDocument {
  readonly revisions: readonly StreamRevision[];
  readonly status: CaseStatus;
  readonly level: Level | null;
  readonly proposedLevel: Level | null;
  readonly compoundId: string | null;
  readonly communityId: string | null;
  readonly stationId: string | null;
  readonly category: string | null;
  readonly description: string | null;
  readonly location: string | null;
  readonly channel: Channel | null;
  /** whether a reporter left personal data; the sealed data itself never reaches the read side */
  readonly hasReporter: boolean;
  /** the reporter's personal data was erased; null while it is kept, or when there was none */
  readonly reporterErasure: ReporterErasureView | null;
  readonly evidence: readonly Evidence[];
  readonly duplicateOf: string | null;
  readonly rejection: { readonly code: RejectionCode; readonly reason: string; readonly at: string } | null;
  readonly withdrawal: { readonly reason: string; readonly at: string } | null;
  readonly reportedAt: string | null;
  /** the latest occurredAt of the events applied */
  readonly updatedAt: string;
  readonly closedAt: string | null;
  readonly reopenableUntil: string | null;
  /** reopens either side has recorded: intake's CaseReopened and escalation's TriageReopened can arrive in either order */
  readonly reopenCount: number;
  readonly whistle: WhistleView | null;
  /** the units summoned by the round in progress */
  readonly units: readonly string[];
  /** every unit ever summoned to or tasked on the case */
  readonly involvedUnits: readonly string[];
  readonly tasks: readonly TaskView[];
  readonly publicity: PublicityView | null;
  readonly levelHistory: readonly LevelChangeView[];
  readonly deadlines: readonly PendingDeadline[];
  readonly lapses: readonly Lapse[];
  /** anything overdue and still open */
  readonly overdue: boolean;
  readonly adjudication: AdjudicationView | null;
  /** the last completed round's outcomes, until the case is reopened */
  readonly completion: CompletionView | null;
  /** the latest callback (回访) */
  readonly callback: CallbackView | null;
  readonly callbacks: readonly CallbackView[];
  readonly facts: CaseFacts;
  /** what the case adds to the office's figures, derived on every change (case-figures.ts) */
  readonly figures: CaseFigures;
  /** its tasks' rows of their units' figures; a top-level array, which FerretDB can `$unwind` */
  readonly unitFigures: readonly UnitTaskFigures[];
}

export function emptyCaseView(caseId: string, at: string): CaseView {
  return {
    id: caseId,
    version: 0,
    revisions: [],
    status: 'reported',
    level: null,
    proposedLevel: null,
    compoundId: null,
    communityId: null,
    stationId: null,
    category: null,
    description: null,
    location: null,
    channel: null,
    hasReporter: false,
    reporterErasure: null,
    evidence: [],
    duplicateOf: null,
    rejection: null,
    withdrawal: null,
    reportedAt: null,
    updatedAt: at,
    closedAt: null,
    reopenableUntil: null,
    reopenCount: 0,
    whistle: null,
    units: [],
    involvedUnits: [],
    tasks: [],
    publicity: null,
    levelHistory: [],
    deadlines: [],
    lapses: [],
    overdue: false,
    adjudication: null,
    completion: null,
    callback: null,
    callbacks: [],
    facts: {
      intake: { status: 'none', reopens: 0 },
      escalation: { phase: 'none', standDownReason: null, round: null, reopensSeen: 0, awaitingAfterReopen: false },
    },
    figures: {
      cases: 1,
      tasks: 0,
      responseDue: 0,
      respondedOnTime: 0,
      handled: 1,
      resolved: 0,
      calledBack: 0,
      satisfied: 0,
      reportInsMissed: 0,
      tasksOverdue: 0,
      declineEscalations: 0,
      reportedIn: 0,
      reportInMs: 0,
      closed: 0,
      closeMs: 0,
      activitiesOverdue: 0,
      tablingsOverdue: 0,
      raised: { station: 0, office: 0, persuasion_failed: 0, all_declined: 0, joint_action_needed: 0, deadline_missed: 0 },
    },
    unitFigures: [],
  };
}
