import { assertNever, type Deadline } from '@whistle/kernel';
import type { CaseAdjudicationEvent } from '@whistle/contracts';

/** What already happened to the case at meetings, kept across requests so redeliveries stay harmless. */
export interface AdjudicationHistory {
  /** Every meeting the case was tabled at, first to last. */
  readonly meetingsTabled: readonly string[];
  readonly meetingsDeferred: readonly string[];
  readonly resolutions: readonly string[];
}

interface AdjudicationRecord {
  readonly caseId: string;
  readonly units: readonly string[];
  readonly reason: string;
  readonly requestedAt: string;
  /** When the case must be tabled by: set by the request, and again by each deferral. */
  readonly tablingDueAt: string;
  /** The current tabling deadline passed before the case was tabled; a deferral starts a new one. */
  readonly overdue: boolean;
  /** Deferrals over the whole case; a new request does not reset them. */
  readonly deferrals: number;
  /** The meeting the case is (or was last) tabled at; null while it awaits tabling. */
  readonly meetingId: string | null;
  /** The resolution that settled the current request; null until then. */
  readonly resolutionId: string | null;
  readonly history: AdjudicationHistory;
}

export interface NotReferred {
  readonly status: 'none';
}
export interface AwaitingTabling extends AdjudicationRecord {
  readonly status: 'awaiting_tabling';
  readonly meetingId: null;
}
export interface Tabled extends AdjudicationRecord {
  readonly status: 'tabled';
  readonly meetingId: string;
  readonly tabledAt: string;
}
/** The meeting's resolution, accepted for the case: what joint enforcement is set going with. */
export interface Resolved extends AdjudicationRecord {
  readonly status: 'resolved';
  readonly meetingId: string;
  readonly resolutionId: string;
  readonly leadUnit: string;
  readonly supportingUnits: readonly string[];
  readonly measures: string;
  /** The resolution's deadline for its tasks. */
  readonly deadline: string;
  readonly resolvedAt: string;
}
/** 上报区级: with the district now; it stays visible as such and does not come back. */
export interface ReferredUpward extends AdjudicationRecord {
  readonly status: 'referred_upward';
  readonly referredAt: string;
  readonly referralReason: string;
}
export interface Withdrawn extends AdjudicationRecord {
  readonly status: 'withdrawn';
  readonly withdrawnAt: string;
  readonly withdrawalReason: string;
}

export type CaseAdjudicationState = NotReferred | AwaitingTabling | Tabled | Resolved | ReferredUpward | Withdrawn;
export type ReferredCase = Exclude<CaseAdjudicationState, NotReferred>;

export const initialCaseAdjudicationState: CaseAdjudicationState = { status: 'none' };

const noHistory: AdjudicationHistory = { meetingsTabled: [], meetingsDeferred: [], resolutions: [] };

/** The fields every status shares, without those that belong to one status only. */
function recordOf(state: ReferredCase): AdjudicationRecord {
  const { caseId, units, reason, requestedAt, tablingDueAt, overdue, deferrals, meetingId, resolutionId, history } = state;
  return { caseId, units, reason, requestedAt, tablingDueAt, overdue, deferrals, meetingId, resolutionId, history };
}

export function evolveCaseAdjudication(state: CaseAdjudicationState, event: CaseAdjudicationEvent): CaseAdjudicationState {
  if (event.type === 'adjudication.AdjudicationRequested.v1') {
    const { caseId, units, reason, tablingDueAt, requestedAt } = event.data;
    return {
      status: 'awaiting_tabling',
      caseId,
      units,
      reason,
      requestedAt,
      tablingDueAt,
      overdue: false,
      deferrals: state.status === 'none' ? 0 : state.deferrals,
      meetingId: null,
      resolutionId: null,
      history: state.status === 'none' ? noHistory : state.history,
    };
  }
  if (state.status === 'none') return state;
  const record = recordOf(state);
  const history = state.history;
  switch (event.type) {
    case 'adjudication.TablingNoted.v1': {
      const { meetingId, tabledAt } = event.data;
      return {
        ...record,
        status: 'tabled',
        meetingId,
        tabledAt,
        history: { ...history, meetingsTabled: [...history.meetingsTabled, meetingId] },
      };
    }
    case 'adjudication.TablingOverdue.v1':
      return { ...state, overdue: true };
    case 'adjudication.DeferralNoted.v1':
      // Waiting for the next meeting, with a new tabling deadline of its own.
      return {
        ...record,
        status: 'awaiting_tabling',
        meetingId: null,
        tablingDueAt: event.data.tablingDueAt,
        overdue: false,
        deferrals: event.data.deferrals,
        history: { ...history, meetingsDeferred: [...history.meetingsDeferred, event.data.meetingId] },
      };
    case 'adjudication.AdjudicationResolved.v1': {
      const { meetingId, resolutionId, leadUnit, supportingUnits, measures, deadline, resolvedAt } = event.data;
      return {
        ...record,
        status: 'resolved',
        meetingId,
        resolutionId,
        leadUnit,
        supportingUnits,
        measures,
        deadline,
        resolvedAt,
        history: { ...history, resolutions: [...history.resolutions, resolutionId] },
      };
    }
    case 'adjudication.CaseReferredUpward.v1':
      return { ...record, status: 'referred_upward', referredAt: event.data.referredAt, referralReason: event.data.reason };
    case 'adjudication.AdjudicationWithdrawn.v1':
      return { ...record, status: 'withdrawn', withdrawnAt: event.data.withdrawnAt, withdrawalReason: event.data.reason };
    default:
      return assertNever(event, 'case adjudication event');
  }
}

/**
 * Waiting to be tabled, after the request or after a deferral: the tabling deadline runs (7 days
 * by default) until the case is tabled or the deadline fires once.
 */
export function caseAdjudicationDeadlines(state: CaseAdjudicationState): readonly Deadline[] {
  if (state.status !== 'awaiting_tabling' || state.overdue) return [];
  return [{ id: 'tabling', kind: 'tabling', dueAt: state.tablingDueAt }];
}
