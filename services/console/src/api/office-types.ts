// The shapes of the office's API (figures over time, the cases behind them, joint meetings); only the fields the console uses.
import type { CaseListItem, Name, Rate, StatsGroupBy } from './types';

export const CAUSES = ['station', 'office', 'persuasion_failed', 'all_declined', 'joint_action_needed', 'deadline_missed'] as const;
export type Cause = (typeof CAUSES)[number];

export const BUCKETS = ['day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

export interface FigureTotals {
  readonly cases: number;
  readonly tasks: number;
  readonly responseRate: Rate;
  readonly resolutionRate: Rate;
  readonly satisfactionRate: Rate;
  readonly overdue: { readonly reportInsMissed: number; readonly tasksOverdue: number; readonly activitiesOverdue: number | null; readonly tablingsOverdue: number | null };
  readonly declineEscalations: number;
  readonly raised: Readonly<Record<Cause, number>> | null;
}

export interface FigureSeries {
  readonly totals: FigureTotals;
  readonly series: readonly FigureTotals[];
}

/** `GET /api/query/stats/trends` */
export interface Trends {
  readonly groupBy: StatsGroupBy;
  readonly from: string;
  readonly to: string;
  readonly bucket: Bucket;
  readonly asOf: string;
  readonly intervals: readonly { readonly from: string; readonly to: string }[];
  readonly overall: FigureSeries;
  readonly groups: readonly (FigureSeries & { readonly id: string; readonly name: Name | null })[];
  readonly atLevel4: { readonly total: number; readonly byAdjudication: Readonly<Record<string, number>> };
}

export const FIGURES = [
  'cases',
  'tasks',
  'responseDue',
  'respondedOnTime',
  'handled',
  'resolved',
  'calledBack',
  'satisfied',
  'reportInsMissed',
  'tasksOverdue',
  'declineEscalations',
  'activitiesOverdue',
  'tablingsOverdue',
  'raised',
  'atLevel4',
] as const;
export type Figure = (typeof FIGURES)[number];

/** What `GET /api/query/stats/cases` takes: one figure of the trends. */
export interface Drill {
  readonly figure: Figure;
  readonly groupBy?: StatsGroupBy;
  readonly groupId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly cause?: Cause;
  readonly adjudication?: string;
}

export interface DrillPage {
  readonly figure: Figure;
  readonly items: readonly CaseListItem[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** `GET /api/adjudication/pending-cases` */
export interface PendingCase {
  readonly caseId: string;
  readonly units: readonly string[];
  readonly reason: string;
  readonly requestedAt: string;
  readonly tablingDueAt: string;
  readonly overdue: boolean;
  readonly deferrals: number;
}

export type MeetingStatus = 'scheduled' | 'open' | 'closed';

/** An item of `GET /api/adjudication/meetings` (the read side's list). */
export interface MeetingListEntry {
  readonly id: string;
  readonly status: MeetingStatus;
  readonly scheduledAt: string;
  readonly place: string;
  readonly invitedUnits: readonly string[];
  readonly agenda: readonly { readonly caseId: string }[];
}

export type Decision =
  | { readonly kind: 'resolution'; readonly resolutionId: string; readonly leadUnit: string; readonly supportingUnits: readonly string[]; readonly measures: string; readonly deadline: string; readonly adoptedAt: string }
  | { readonly kind: 'deferral'; readonly reason: string; readonly deferredAt: string };

export interface AgendaItem {
  readonly caseId: string;
  readonly opinions: readonly { readonly unitId: string; readonly opinion: string; readonly recordedAt: string }[];
  readonly decision: Decision | null;
  readonly withdrawal: { readonly reason: string; readonly withdrawnAt: string } | null;
}

/** `GET /api/adjudication/meetings/{meetingId}`: the meeting as adjudication holds it. */
export interface Meeting {
  readonly meetingId: string;
  readonly status: MeetingStatus;
  readonly scheduledAt: string;
  readonly place: string;
  readonly invitedUnits: readonly string[];
  readonly quorumShare: number;
  readonly agenda: readonly AgendaItem[];
  readonly attendance: readonly { readonly unitId: string; readonly present: boolean; readonly recordedAt: string }[];
  readonly openedAt: string | null;
  readonly closedAt: string | null;
  readonly revision: number;
}

export interface MinutesUnit {
  readonly unitId: string;
  readonly name: Name;
}

export type MinutesDecision =
  | { readonly kind: 'resolution'; readonly lead: MinutesUnit; readonly supporting: readonly MinutesUnit[]; readonly measures: string; readonly deadline: string; readonly adoptedAt: string }
  | { readonly kind: 'deferral'; readonly reason: string; readonly deferredAt: string }
  | { readonly kind: 'withdrawn'; readonly reason: string; readonly withdrawnAt: string }
  | { readonly kind: 'undecided' };

/** `GET /api/adjudication/meetings/{meetingId}/minutes` */
export interface Minutes {
  readonly meetingId: string;
  readonly status: MeetingStatus;
  readonly scheduledAt: string;
  readonly place: string;
  readonly openedAt: string | null;
  readonly closedAt: string | null;
  readonly invited: readonly MinutesUnit[];
  readonly present: readonly MinutesUnit[];
  readonly absent: readonly MinutesUnit[];
  readonly quorum: { readonly invited: number; readonly present: number; readonly required: number; readonly reached: boolean };
  readonly items: readonly { readonly caseId: string; readonly opinions: readonly { readonly unit: MinutesUnit; readonly opinion: string; readonly recordedAt: string }[]; readonly decision: MinutesDecision }[];
}
