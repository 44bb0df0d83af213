// The shapes the console reads from the public API (API.md); only the fields it uses.

export interface Name {
  readonly zh: string;
  readonly en: string;
}

export type Role = 'reporter' | 'station' | 'unit' | 'office' | 'auditor' | 'admin';
export type Level = 1 | 2 | 3 | 4;
export const LEVELS: readonly Level[] = [1, 2, 3, 4];

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
  'merged',
  'referred_upward',
  'reopened',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CHANNELS = ['branch', 'station_patrol', 'hotline_12345', 'resident_app', 'inspection'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Principal {
  readonly sub: string;
  readonly role: Role;
  readonly compoundId?: string;
  readonly stationId?: string;
  readonly unitId?: string;
}

export interface Catalogue {
  readonly town: { readonly id: string; readonly name: Name };
  readonly stations: readonly { readonly id: string; readonly name: Name }[];
  readonly communities: readonly { readonly id: string; readonly name: Name; readonly stationId: string }[];
  readonly compounds: readonly { readonly id: string; readonly name: Name; readonly communityId: string }[];
  readonly units: readonly { readonly id: string; readonly name: Name }[];
  readonly categories: readonly { readonly id: string; readonly name: Name; readonly defaultLevel: Level; readonly unitIds: readonly string[] }[];
}

export interface CaseListItem {
  readonly id: string;
  readonly status: CaseStatus;
  readonly level: Level | null;
  readonly category: string;
  readonly compoundId: string;
  readonly reportedAt: string;
  readonly overdue: boolean;
  readonly categoryName: Name | null;
  readonly compoundName: Name | null;
}

export interface CasePage {
  readonly items: readonly CaseListItem[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export type DeadlineKind = 'report_in' | 'activity' | 'tabling' | 'task_due' | 'rectification_check';

export interface Deadline {
  readonly kind: DeadlineKind;
  readonly dueAt: string;
  readonly overdue: boolean;
  readonly unitId?: string;
}

export type TaskStatus = 'assigned' | 'reported_in' | 'accepted' | 'declined' | 'done' | 'superseded';
export type CallbackResult = 'satisfied' | 'basically_satisfied' | 'dissatisfied' | 'unreachable';

export interface CaseTask {
  readonly taskId: string;
  readonly unitId: string;
  readonly status: TaskStatus;
  readonly reportInDueAt: string | null;
  readonly reportedInAt: string | null;
  readonly acceptedAt: string | null;
  readonly decline: { readonly reason: string; readonly at: string } | null;
  readonly outcome: { readonly at: string } | null;
  readonly overdue: boolean;
}

export interface CaseDetail extends CaseListItem {
  readonly proposedLevel: Level | null;
  readonly description: string | null;
  readonly location: string | null;
  readonly channel: Channel | null;
  readonly duplicateOf: string | null;
  readonly communityName: Name | null;
  readonly stationName: Name | null;
  readonly units: readonly string[];
  readonly unitNames: Readonly<Record<string, Name>>;
  readonly whistle: { readonly level: Level; readonly units: readonly string[]; readonly blownAt: string } | null;
  readonly tasks: readonly CaseTask[];
  readonly levelHistory: readonly { readonly from: Level; readonly to: Level; readonly reason: string; readonly at: string }[];
  readonly deadlines: readonly Deadline[];
  readonly callbacks: readonly { readonly result: CallbackResult; readonly at: string }[];
  readonly closedAt: string | null;
  readonly reporterErasure: ReporterErasure | null;
}

/** 个人信息删除: when, by whom and why a reporter's personal data was erased. */
export interface ReporterErasure {
  readonly at: string;
  readonly by: { readonly id: string; readonly role: string };
  readonly reason: string;
}

export interface AuditEvent {
  readonly service: string;
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly actor: { readonly id: string; readonly role: string };
  readonly hash: string;
  readonly data?: { readonly reason?: unknown };
}

export interface Rate {
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number;
}

export type StatsGroupBy = 'station' | 'unit' | 'community';

export interface StatsGroup {
  readonly id: string;
  readonly name: Name | null;
  readonly cases: number;
  readonly responseRate: Rate;
  readonly resolutionRate: Rate;
  readonly satisfactionRate: Rate;
  readonly overdue: { readonly reportInsMissed: number; readonly tasksOverdue: number };
}

export interface Stats {
  readonly asOf: string;
  readonly groups: readonly StatsGroup[];
}

export interface CommandResult {
  readonly id: string;
  readonly revision: number;
  readonly events: readonly string[];
  readonly duplicateOf?: string;
}
