import { assertNever } from '@whistle/kernel';
import type { MeetingEvent, ResolutionAdopted } from '@whistle/contracts';

/** One unit's opinion on one agenda case, in the order given. */
export interface Opinion {
  readonly unitId: string;
  readonly opinion: string;
  readonly recordedAt: string;
}

export type Resolution = Omit<ResolutionAdopted['data'], 'meetingId' | 'caseId'>;

export type Decision =
  | ({ readonly kind: 'resolution' } & Resolution)
  | { readonly kind: 'deferral'; readonly reason: string; readonly deferredAt: string };

/** The case left adjudication (lowered from level 4, withdrawn, closed) before the meeting decided it. */
export interface AgendaWithdrawal {
  readonly reason: string;
  readonly withdrawnAt: string;
}

export interface AgendaItem {
  readonly caseId: string;
  readonly opinions: readonly Opinion[];
  readonly decision: Decision | null;
  /** Set when the case was withdrawn from the agenda; such an item is never decided. */
  readonly withdrawal: AgendaWithdrawal | null;
}

/** The latest attendance recorded for a unit; units never recorded count as absent. */
export interface Attendance {
  readonly unitId: string;
  readonly present: boolean;
  readonly recordedAt: string;
}

interface MeetingRecord {
  readonly meetingId: string;
  readonly scheduledAt: string;
  readonly place: string;
  readonly invitedUnits: readonly string[];
  /** The policy as it was when the meeting was scheduled, so later changes leave it alone. */
  readonly quorumShare: number;
  readonly agenda: readonly AgendaItem[];
  readonly attendance: readonly Attendance[];
}

export interface NoMeetingYet {
  readonly status: 'none';
}
export interface ScheduledMeeting extends MeetingRecord {
  readonly status: 'scheduled';
  readonly openedAt: null;
  readonly closedAt: null;
}
export interface MeetingInSession extends MeetingRecord {
  readonly status: 'open';
  readonly openedAt: string;
  readonly closedAt: null;
}
export interface ClosedMeeting extends MeetingRecord {
  readonly status: 'closed';
  readonly openedAt: string;
  readonly closedAt: string;
}

export type MeetingState = NoMeetingYet | ScheduledMeeting | MeetingInSession | ClosedMeeting;
export type HeldOrPlannedMeeting = Exclude<MeetingState, NoMeetingYet>;

export const initialMeetingState: MeetingState = { status: 'none' };

export function presentUnits(meeting: HeldOrPlannedMeeting): string[] {
  return meeting.attendance.filter((a) => a.present).map((a) => a.unitId);
}

/** Quorum: more than `quorumShare` of the invited units present; `required` is the smallest such count. */
export function quorumOf(meeting: HeldOrPlannedMeeting): {
  invited: number;
  present: number;
  required: number;
  threshold: number;
} {
  const invited = meeting.invitedUnits.length;
  // Rounded so that a share like 0.29 × 100 is 29, not 28.999…, before "more than" is applied.
  const threshold = Math.round(meeting.quorumShare * invited * 1e9) / 1e9;
  return { invited, present: presentUnits(meeting).length, required: Math.floor(threshold) + 1, threshold };
}

export function evolveMeeting(state: MeetingState, event: MeetingEvent): MeetingState {
  if (state.status === 'none') {
    if (event.type !== 'adjudication.MeetingScheduled.v1') return state;
    const { meetingId, scheduledAt, place, invitedUnits, agenda, quorumShare } = event.data;
    return {
      status: 'scheduled',
      meetingId,
      scheduledAt,
      place,
      invitedUnits,
      quorumShare,
      agenda: agenda.map((caseId) => newItem(caseId)),
      attendance: [],
      openedAt: null,
      closedAt: null,
    };
  }
  switch (event.type) {
    case 'adjudication.MeetingScheduled.v1':
      return state;
    case 'adjudication.CaseTabled.v1':
      if (state.agenda.some((item) => item.caseId === event.data.caseId)) return state;
      return { ...state, agenda: [...state.agenda, newItem(event.data.caseId)] };
    case 'adjudication.CaseWithdrawnFromAgenda.v1': {
      const { reason, withdrawnAt } = event.data;
      return withItem(state, event.data.caseId, (item) => ({ ...item, withdrawal: { reason, withdrawnAt } }));
    }
    case 'adjudication.MeetingOpened.v1':
      return state.status === 'scheduled' ? { ...state, status: 'open', openedAt: event.data.openedAt } : state;
    case 'adjudication.AttendanceRecorded.v1': {
      const { unitId, present, recordedAt } = event.data;
      const entry = { unitId, present, recordedAt };
      const known = state.attendance.some((a) => a.unitId === unitId);
      const attendance = known ? state.attendance.map((a) => (a.unitId === unitId ? entry : a)) : [...state.attendance, entry];
      return { ...state, attendance };
    }
    case 'adjudication.OpinionRecorded.v1': {
      const { unitId, opinion, recordedAt } = event.data;
      return withItem(state, event.data.caseId, (item) => ({ ...item, opinions: [...item.opinions, { unitId, opinion, recordedAt }] }));
    }
    case 'adjudication.ResolutionAdopted.v1': {
      const { meetingId: _meeting, caseId, ...resolution } = event.data;
      return withItem(state, caseId, (item) => ({ ...item, decision: { kind: 'resolution', ...resolution } }));
    }
    case 'adjudication.CaseDeferred.v1': {
      const { reason, deferredAt } = event.data;
      return withItem(state, event.data.caseId, (item) => ({ ...item, decision: { kind: 'deferral', reason, deferredAt } }));
    }
    case 'adjudication.MeetingClosed.v1':
      return state.status === 'open' ? { ...state, status: 'closed', closedAt: event.data.closedAt } : state;
    default:
      return assertNever(event, 'meeting event');
  }
}

function newItem(caseId: string): AgendaItem {
  return { caseId, opinions: [], decision: null, withdrawal: null };
}

function withItem<S extends HeldOrPlannedMeeting>(state: S, caseId: string, change: (item: AgendaItem) => AgendaItem): S {
  return { ...state, agenda: state.agenda.map((item) => (item.caseId === caseId ? change(item) : item)) };
}
