import { addDeadline, assertNever, invalid, isBefore, isDeadlineDuration, refuse, type WorkingCalendar, type Workflow } from '@whistle/kernel';
import type { CaseAdjudicationEvent } from '@whistle/contracts';
import { requireInstant, requireText } from '../checks';
import {
  caseAdjudicationDeadlines,
  evolveCaseAdjudication,
  initialCaseAdjudicationState,
  type CaseAdjudicationState,
  type ReferredCase,
} from './case-adjudication.state';

// Stream `adjudication-<caseId>`. Inputs are reactions to other streams' events, and timeouts.

/** Reaction to escalation's ReferredToJointMeeting: the case is at level 4. */
export interface RequestAdjudication {
  readonly type: 'RequestAdjudication';
  readonly caseId: string;
  readonly units: readonly string[];
  readonly reason: string;
  readonly tablingDueAt: string;
  readonly now: string;
}

/** Reaction to a meeting's agenda: MeetingScheduled listing the case, or CaseTabled. */
export interface NoteTabling {
  readonly type: 'NoteTabling';
  readonly meetingId: string;
  readonly now: string;
}

/** Reaction to CaseDeferred. */
export interface NoteDeferral {
  readonly type: 'NoteDeferral';
  readonly meetingId: string;
  readonly reason: string;
  /** Policy: a case deferred more often than this is referred upward. */
  readonly maxDeferrals: number;
  /** Catalogue: how long a deferred case may wait to be tabled again (P7WD, seven working days, by default). */
  readonly tablingWindow: string;
  /** counts a tabling window in working days */
  readonly calendar: WorkingCalendar;
  readonly now: string;
}

/** Reaction to ResolutionAdopted, with the resolution as the meeting adopted it. */
export interface NoteResolution {
  readonly type: 'NoteResolution';
  readonly meetingId: string;
  readonly resolutionId: string;
  readonly leadUnit: string;
  readonly supportingUnits: readonly string[];
  readonly measures: string;
  readonly deadline: string;
  readonly now: string;
}

/** The level was lowered from 4, or the case was withdrawn or closed. */
export interface WithdrawAdjudication {
  readonly type: 'WithdrawAdjudication';
  readonly reason: string;
  readonly now: string;
}

/** Timeout for a deadline from `deadlines(state)`. */
export interface DeadlineReached {
  readonly type: 'DeadlineReached';
  readonly deadlineId: string;
  readonly now: string;
}

export type CaseAdjudicationInput =
  | RequestAdjudication
  | NoteTabling
  | NoteDeferral
  | NoteResolution
  | WithdrawAdjudication
  | DeadlineReached;

function request(c: RequestAdjudication, state: CaseAdjudicationState): CaseAdjudicationEvent[] {
  switch (state.status) {
    case 'awaiting_tabling':
    case 'tabled':
      return [];
    case 'referred_upward':
      return refuse(
        'adjudication.referred_upward',
        `case ${state.caseId} was referred upward to the district at ${state.referredAt} (${state.referralReason}) and does not come back to the joint meeting`,
      );
    case 'none':
    case 'resolved':
    case 'withdrawn':
      break;
    default:
      return assertNever(state, 'case adjudication state');
  }
  requireText('caseId', c.caseId);
  if (state.status !== 'none' && c.caseId !== state.caseId) {
    invalid('caseId', `caseId ${c.caseId} does not match this stream's case ${state.caseId}`);
  }
  requireText('reason', c.reason);
  requireInstant('tablingDueAt', c.tablingDueAt);
  return [
    {
      type: 'adjudication.AdjudicationRequested.v1',
      data: { caseId: c.caseId, units: [...c.units], reason: c.reason, tablingDueAt: c.tablingDueAt, requestedAt: c.now },
    },
  ];
}

function noteTabling(c: NoteTabling, state: CaseAdjudicationState): CaseAdjudicationEvent[] {
  const adjudication = requireReferred(state, 'adjudication.not_awaiting');
  if (leftAdjudication(adjudication)) return [];
  // A meeting that already had the case on its agenda is a redelivery, whatever became of it since.
  if (adjudication.history.meetingsTabled.includes(c.meetingId)) return [];
  if (adjudication.status === 'tabled') {
    refuse(
      'adjudication.already_tabled',
      `case ${adjudication.caseId} is already tabled at meeting ${adjudication.meetingId}, which has not decided it; it cannot also go on meeting ${c.meetingId}`,
    );
  }
  if (adjudication.status !== 'awaiting_tabling') {
    refuse('adjudication.not_awaiting', `case ${adjudication.caseId} is ${describe(adjudication)}, not awaiting tabling`);
  }
  requireText('meetingId', c.meetingId);
  return [{ type: 'adjudication.TablingNoted.v1', data: { caseId: adjudication.caseId, meetingId: c.meetingId, tabledAt: c.now } }];
}

function noteDeferral(c: NoteDeferral, state: CaseAdjudicationState): CaseAdjudicationEvent[] {
  const adjudication = requireReferred(state, 'adjudication.not_tabled');
  if (leftAdjudication(adjudication)) return [];
  if (adjudication.history.meetingsDeferred.includes(c.meetingId)) return [];
  requireTabledAt(adjudication, c.meetingId);
  if (!Number.isInteger(c.maxDeferrals) || c.maxDeferrals < 0) {
    invalid('maxDeferrals', `maxDeferrals must be a whole number of at least 0; got ${c.maxDeferrals}`);
  }
  if (!isDeadlineDuration(c.tablingWindow)) invalid('tablingWindow', `tablingWindow "${c.tablingWindow}" is not an ISO-8601 duration nor working days (P7WD)`);
  requireText('reason', c.reason);
  const { caseId } = adjudication;
  const deferrals = adjudication.deferrals + 1;
  const noted: CaseAdjudicationEvent = {
    type: 'adjudication.DeferralNoted.v1',
    data: { caseId, meetingId: c.meetingId, reason: c.reason, deferrals, tablingDueAt: addDeadline(c.now, c.tablingWindow, c.calendar), notedAt: c.now },
  };
  if (deferrals <= c.maxDeferrals) return [noted];
  const times = deferrals === 1 ? 'time' : 'times';
  return [
    noted,
    {
      type: 'adjudication.CaseReferredUpward.v1',
      data: { caseId, deferrals, reason: `deferred ${deferrals} ${times}; more than the ${c.maxDeferrals} allowed`, referredAt: c.now },
    },
  ];
}

function noteResolution(c: NoteResolution, state: CaseAdjudicationState): CaseAdjudicationEvent[] {
  const adjudication = requireReferred(state, 'adjudication.not_tabled');
  // A resolution for a case no longer before the joint meeting has no effect: nothing sets enforcement going.
  if (leftAdjudication(adjudication)) return [];
  if (adjudication.history.resolutions.includes(c.resolutionId)) return [];
  requireTabledAt(adjudication, c.meetingId);
  requireText('resolutionId', c.resolutionId);
  requireText('leadUnit', c.leadUnit);
  c.supportingUnits.forEach((unitId, i) => requireText(`supportingUnits[${i}]`, unitId));
  requireText('measures', c.measures);
  requireInstant('deadline', c.deadline);
  const { leadUnit, measures, deadline } = c;
  return [
    {
      type: 'adjudication.AdjudicationResolved.v1',
      data: {
        caseId: adjudication.caseId,
        meetingId: c.meetingId,
        resolutionId: c.resolutionId,
        leadUnit,
        supportingUnits: [...c.supportingUnits],
        measures,
        deadline,
        resolvedAt: c.now,
      },
    },
  ];
}

function withdraw(c: WithdrawAdjudication, state: CaseAdjudicationState): CaseAdjudicationEvent[] {
  if (state.status !== 'awaiting_tabling' && state.status !== 'tabled') return [];
  requireText('reason', c.reason);
  return [{ type: 'adjudication.AdjudicationWithdrawn.v1', data: { caseId: state.caseId, reason: c.reason, withdrawnAt: c.now } }];
}

function deadlineReached(c: DeadlineReached, state: CaseAdjudicationState): CaseAdjudicationEvent[] {
  const due = caseAdjudicationDeadlines(state).find((d) => d.id === c.deadlineId);
  if (!due || state.status === 'none' || isBefore(c.now, due.dueAt)) return [];
  return [{ type: 'adjudication.TablingOverdue.v1', data: { caseId: state.caseId, dueAt: due.dueAt, overdueAt: c.now } }];
}

/**
 * Withdrawn, or referred upward to the district: the case is no longer before the joint meeting,
 * so what its meetings still do about it (a race the domain expects) is ignored, not refused.
 */
function leftAdjudication(state: ReferredCase): boolean {
  return state.status === 'withdrawn' || state.status === 'referred_upward';
}

function requireReferred(state: CaseAdjudicationState, code: string): ReferredCase {
  if (state.status === 'none') refuse(code, 'no adjudication has been requested for this case');
  return state;
}

function requireTabledAt(adjudication: ReferredCase, meetingId: string): void {
  if (adjudication.status !== 'tabled' || adjudication.meetingId !== meetingId) {
    refuse('adjudication.not_tabled', `case ${adjudication.caseId} is ${describe(adjudication)}, not tabled at meeting ${meetingId}`);
  }
}

function describe(state: ReferredCase): string {
  switch (state.status) {
    case 'awaiting_tabling':
      return 'awaiting tabling';
    case 'tabled':
      return `tabled at meeting ${state.meetingId}`;
    case 'resolved':
      return `resolved at meeting ${state.meetingId} (resolution ${state.resolutionId})`;
    case 'referred_upward':
      return `referred upward to the district (${state.referralReason})`;
    case 'withdrawn':
      return `withdrawn from adjudication (${state.withdrawalReason})`;
    default:
      return assertNever(state, 'case adjudication state');
  }
}

export function decideCaseAdjudication(input: CaseAdjudicationInput, state: CaseAdjudicationState): CaseAdjudicationEvent[] {
  switch (input.type) {
    case 'RequestAdjudication':
      return request(input, state);
    case 'NoteTabling':
      return noteTabling(input, state);
    case 'NoteDeferral':
      return noteDeferral(input, state);
    case 'NoteResolution':
      return noteResolution(input, state);
    case 'WithdrawAdjudication':
      return withdraw(input, state);
    case 'DeadlineReached':
      return deadlineReached(input, state);
    default:
      return assertNever(input, 'case adjudication input');
  }
}

/** A level-4 case's way through the joint meeting: tabled, deferred, resolved or referred upward. */
export const caseAdjudicationWorkflow: Workflow<CaseAdjudicationInput, CaseAdjudicationEvent, CaseAdjudicationState> = {
  initialState: initialCaseAdjudicationState,
  decide: decideCaseAdjudication,
  evolve: evolveCaseAdjudication,
  deadlines: caseAdjudicationDeadlines,
};
