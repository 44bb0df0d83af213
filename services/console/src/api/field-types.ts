// What the station, unit and reporter pages read beyond the shapes in types.ts (API.md, the read side's case view).
import type { Decision } from './office-types';
import type { CaseDetail, CaseListItem, CaseTask, Level, Name, ReporterErasure } from './types';

export const ACTION_KINDS = ['inspection', 'persuasion', 'warning', 'rectification_order', 'penalty', 'removal'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const OUTCOME_RESULTS = ['resolved', 'rectified', 'persuasion_failed', 'needs_joint_action', 'unresolved'] as const;
export type OutcomeResult = (typeof OUTCOME_RESULTS)[number];

export const REJECTION_CODES = ['out_of_scope', 'not_actionable', 'insufficient_information'] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export const CALLBACK_RESULTS = ['satisfied', 'basically_satisfied', 'dissatisfied', 'unreachable'] as const;

export interface TaskAction {
  readonly actionId: string;
  readonly kind: ActionKind;
  readonly note: string;
  readonly deadline?: string;
  readonly legalBasis?: string;
  readonly amount?: number;
  readonly takenAt: string;
}

export interface FieldTask extends CaseTask {
  readonly role: 'summoned' | 'lead' | 'supporting';
  readonly level: Level;
  readonly whistleId: string;
  readonly assignedAt: string;
  readonly onTime: boolean | null;
  readonly decline: { readonly reason: string; readonly notOurResponsibility: boolean; readonly at: string } | null;
  readonly actions: readonly TaskAction[];
  readonly outcome: { readonly result: OutcomeResult; readonly note: string; readonly at: string } | null;
  readonly superseded: { readonly reason: string; readonly at: string } | null;
  readonly dueAt: string | null;
}

export interface Publicity {
  readonly whistleId: string;
  readonly status: 'requested' | 'held' | 'cancelled';
  readonly units: readonly string[];
  readonly dueAt: string;
  readonly activity: { readonly heldAt: string; readonly topic: string; readonly units: readonly string[]; readonly attendance: number } | null;
}

/** A joint meeting's resolution (决议) of the case, as the meeting decided it: its lead (牵头) and supporting (配合) units get tasks of `resolutionId`. */
export type CaseResolution = Omit<Extract<Decision, { readonly kind: 'resolution' }>, 'kind'> & { readonly meetingId: string };

/** The case's way through the joint meetings, as far as the pages read it. */
export interface CaseAdjudication {
  /** the latest resolution adopted */
  readonly resolution: CaseResolution | null;
  readonly meetings: readonly { readonly meetingId: string; readonly decision: ({ readonly kind: 'resolution' } & CaseResolution) | { readonly kind: 'deferral' | 'withdrawn' } | null }[];
}

/** The read side's whole case view, as GET /api/query/cases/{id} gives it. */
export interface FieldCase extends Omit<CaseDetail, 'tasks' | 'whistle'> {
  readonly tasks: readonly FieldTask[];
  readonly whistle: { readonly whistleId: string; readonly level: Level; readonly units: readonly string[]; readonly blownAt: string } | null;
  readonly evidence: readonly { readonly name: string; readonly sha256: string }[];
  readonly hasReporter: boolean;
  readonly rejection: { readonly code: RejectionCode; readonly reason: string; readonly at: string } | null;
  readonly withdrawal: { readonly reason: string; readonly at: string } | null;
  readonly publicity: Publicity | null;
  readonly reopenableUntil: string | null;
  readonly adjudication: CaseAdjudication | null;
}

/** A case of the list with what the station's triage shows of it. */
export interface TriageListItem extends CaseListItem {
  readonly proposedLevel: Level | null;
  readonly duplicateOf: string | null;
}

/** GET /api/enforcement/tasks: a task with the case it belongs to. */
export interface TaskListItem extends FieldTask {
  readonly caseId: string;
  readonly compoundId: string | null;
  readonly category: string | null;
  readonly caseLevel: Level | null;
  readonly categoryName: Name | null;
  readonly compoundName: Name | null;
}

export interface Paged<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** GET /api/intake/cases/{id}/reporter */
export interface ReporterContact {
  readonly reporter: { readonly name: string; readonly phone: string } | null;
  readonly masked: boolean;
  readonly erased: ReporterErasure | null;
  /** masked only because no reason was given: the caller reads it in full with one */
  readonly fullRequiresReason: boolean;
  /** this read in full, as it was recorded */
  readonly access: { readonly at: string } | null;
}

/** One row of GET /api/audit/personal-data-access (个人信息查阅记录). */
export interface PersonalDataAccess {
  readonly eventId: string;
  readonly caseId: string;
  readonly accessedAt: string;
  readonly actor: { readonly id: string; readonly role: string; readonly stationId?: string; readonly unitId?: string };
  readonly reason: string;
}

