import { addDeadline, assertNever, invalid, isBefore, isDeadlineDuration, refuse, type Decider, type WorkingCalendar } from '@whistle/kernel';
import type { MeetingEvent } from '@whistle/contracts';
import { firstDuplicate, requireInstant, requireText } from '../checks';
import {
  evolveMeeting,
  initialMeetingState,
  quorumOf,
  type AgendaItem,
  type AgendaWithdrawal,
  type MeetingInSession,
  type MeetingState,
} from './meeting.state';

/** Stream `meeting-<meetingId>`. Every command carries `now` and its look-ups. */
export interface ScheduleMeeting {
  readonly type: 'ScheduleMeeting';
  readonly meetingId: string;
  readonly scheduledAt: string;
  readonly place: string;
  readonly invitedUnits: readonly string[];
  /** Look-up: the level-4 cases waiting to be tabled; they form the agenda. */
  readonly pendingCases: readonly string[];
  readonly knownUnits: readonly string[];
  /** Policy: a resolution needs more than this share of the invited units present. */
  readonly quorumShare: number;
  readonly now: string;
}

export interface TableCase {
  readonly type: 'TableCase';
  readonly caseId: string;
  readonly now: string;
}

export interface OpenMeeting {
  readonly type: 'OpenMeeting';
  readonly now: string;
}

export interface RecordAttendance {
  readonly type: 'RecordAttendance';
  readonly unitId: string;
  readonly present: boolean;
  readonly now: string;
}

export interface RecordOpinion {
  readonly type: 'RecordOpinion';
  readonly caseId: string;
  readonly unitId: string;
  readonly opinion: string;
  readonly now: string;
}

export interface AdoptResolution {
  readonly type: 'AdoptResolution';
  readonly caseId: string;
  readonly resolutionId: string;
  readonly leadUnit: string;
  readonly supportingUnits: readonly string[];
  readonly measures: string;
  readonly deadline?: string;
  /** Catalogue: how long a resolution's tasks take when it names no deadline (P30WD, thirty working days, by default). */
  readonly defaultDeadline: string;
  /** counts a default deadline in working days */
  readonly calendar: WorkingCalendar;
  readonly knownUnits: readonly string[];
  readonly now: string;
}

export interface DeferCase {
  readonly type: 'DeferCase';
  readonly caseId: string;
  readonly reason: string;
  readonly now: string;
}

/**
 * Reaction to the case's AdjudicationWithdrawn (lowered from level 4, withdrawn, closed): the
 * case comes off the agenda of the meeting it is tabled at, unless that meeting already decided it.
 */
export interface WithdrawFromAgenda {
  readonly type: 'WithdrawFromAgenda';
  readonly caseId: string;
  readonly reason: string;
  readonly now: string;
}

export interface CloseMeeting {
  readonly type: 'CloseMeeting';
  readonly now: string;
}

export type MeetingCommand =
  | ScheduleMeeting
  | TableCase
  | OpenMeeting
  | RecordAttendance
  | RecordOpinion
  | AdoptResolution
  | DeferCase
  | WithdrawFromAgenda
  | CloseMeeting;

/** The reason recorded for every case still undecided when the meeting closes. */
export const NOT_REACHED_AT_MEETING = 'not reached at the meeting (会上未议)';

function schedule(c: ScheduleMeeting, state: MeetingState): MeetingEvent[] {
  if (state.status !== 'none') {
    refuse('meeting.already_scheduled', `meeting ${state.meetingId} is already ${state.status} (for ${state.scheduledAt} at ${state.place})`);
  }
  requireText('meetingId', c.meetingId);
  requireInstant('scheduledAt', c.scheduledAt);
  if (isBefore(c.scheduledAt, c.now)) invalid('scheduledAt', `scheduledAt ${c.scheduledAt} is before now (${c.now})`);
  requireText('place', c.place);
  if (!Number.isFinite(c.quorumShare) || c.quorumShare < 0 || c.quorumShare >= 1) {
    invalid('quorumShare', `quorumShare must be at least 0 and less than 1; got ${c.quorumShare}`);
  }
  if (c.invitedUnits.length < 2) {
    invalid('invitedUnits', `invitedUnits must name at least 2 units; got ${c.invitedUnits.length}`);
  }
  const twice = firstDuplicate(c.invitedUnits);
  if (twice !== undefined) invalid('invitedUnits', `invitedUnits lists unit ${twice} more than once`);
  requireKnown('invitedUnits', c.invitedUnits, c.knownUnits);
  c.pendingCases.forEach((caseId, i) => requireText(`pendingCases[${i}]`, caseId));
  const agenda = c.pendingCases.filter((caseId, i) => c.pendingCases.indexOf(caseId) === i);
  return [
    {
      type: 'adjudication.MeetingScheduled.v1',
      data: {
        meetingId: c.meetingId,
        scheduledAt: c.scheduledAt,
        place: c.place,
        invitedUnits: [...c.invitedUnits],
        agenda,
        quorumShare: c.quorumShare,
      },
    },
  ];
}

function table(c: TableCase, state: MeetingState): MeetingEvent[] {
  if (state.status === 'none') refuse('meeting.not_scheduled', 'no meeting has been scheduled, so it has no agenda to table a case on');
  if (state.status !== 'scheduled') {
    refuse('meeting.agenda_closed', `the agenda of meeting ${state.meetingId} is closed: the meeting is ${state.status}; table case ${c.caseId} on the next meeting`);
  }
  requireText('caseId', c.caseId);
  const item = state.agenda.find((i) => i.caseId === c.caseId);
  if (item?.withdrawal) refuseWithdrawn(state.meetingId, item.caseId, item.withdrawal);
  if (item) return [];
  return [{ type: 'adjudication.CaseTabled.v1', data: { meetingId: state.meetingId, caseId: c.caseId, tabledAt: c.now } }];
}

function open(c: OpenMeeting, state: MeetingState): MeetingEvent[] {
  switch (state.status) {
    case 'none':
      return refuse('meeting.not_scheduled', 'no meeting has been scheduled, so there is none to open');
    case 'open':
      return refuse('meeting.already_open', `meeting ${state.meetingId} has been open since ${state.openedAt}`);
    case 'closed':
      return refuse('meeting.closed', `meeting ${state.meetingId} was closed at ${state.closedAt} and cannot be opened again`);
    case 'scheduled':
      return [{ type: 'adjudication.MeetingOpened.v1', data: { meetingId: state.meetingId, openedAt: c.now } }];
    default:
      return assertNever(state, 'meeting state');
  }
}

function recordAttendance(c: RecordAttendance, state: MeetingState): MeetingEvent[] {
  const meeting = requireOpen(state);
  requireInvited(meeting, c.unitId);
  const current = meeting.attendance.find((a) => a.unitId === c.unitId);
  if (current?.present === c.present) return [];
  return [
    {
      type: 'adjudication.AttendanceRecorded.v1',
      data: { meetingId: meeting.meetingId, unitId: c.unitId, present: c.present, recordedAt: c.now },
    },
  ];
}

function recordOpinion(c: RecordOpinion, state: MeetingState): MeetingEvent[] {
  const meeting = requireOpen(state);
  const item = requireUndecided(meeting, c.caseId);
  requireInvited(meeting, c.unitId);
  requirePresent(meeting, c.unitId, 'meeting.unit_not_present', `unit ${c.unitId}`);
  requireText('opinion', c.opinion);
  // The same unit saying the same thing on the same case again is a redelivery, not a new opinion.
  if (item.opinions.some((o) => o.unitId === c.unitId && o.opinion === c.opinion)) return [];
  return [
    {
      type: 'adjudication.OpinionRecorded.v1',
      data: { meetingId: meeting.meetingId, caseId: c.caseId, unitId: c.unitId, opinion: c.opinion, recordedAt: c.now },
    },
  ];
}

function adoptResolution(c: AdoptResolution, state: MeetingState): MeetingEvent[] {
  const meeting = requireOpen(state);
  const decision = agendaItem(meeting, c.caseId).decision;
  if (decision?.kind === 'resolution' && decision.resolutionId === c.resolutionId) return [];
  requireUndecided(meeting, c.caseId);
  requireText('resolutionId', c.resolutionId);
  const { invited, present, required, threshold } = quorumOf(meeting);
  if (present < required) {
    refuse('meeting.no_quorum', `${present} of ${invited} invited units present; more than ${threshold} needed`);
  }
  if (!c.knownUnits.includes(c.leadUnit)) invalid('leadUnit', `leadUnit "${c.leadUnit}" is not a known member unit`);
  requirePresent(meeting, c.leadUnit, 'meeting.lead_unit_absent', `lead unit ${c.leadUnit}`);
  requireKnown('supportingUnits', c.supportingUnits, c.knownUnits);
  const twice = firstDuplicate(c.supportingUnits);
  if (twice !== undefined) invalid('supportingUnits', `supportingUnits lists unit ${twice} more than once`);
  if (c.supportingUnits.includes(c.leadUnit)) {
    invalid('supportingUnits', `supportingUnits includes the lead unit ${c.leadUnit}; a unit cannot both lead and support`);
  }
  requireText('measures', c.measures);
  return [
    {
      type: 'adjudication.ResolutionAdopted.v1',
      data: {
        meetingId: meeting.meetingId,
        caseId: c.caseId,
        resolutionId: c.resolutionId,
        leadUnit: c.leadUnit,
        supportingUnits: [...c.supportingUnits],
        measures: c.measures,
        deadline: deadlineOf(c),
        quorum: { invited, present, required },
        adoptedAt: c.now,
      },
    },
  ];
}

function deadlineOf(c: AdoptResolution): string {
  if (c.deadline === undefined) {
    if (!isDeadlineDuration(c.defaultDeadline)) invalid('defaultDeadline', `defaultDeadline "${c.defaultDeadline}" is not an ISO-8601 duration nor working days (P30WD)`);
    return addDeadline(c.now, c.defaultDeadline, c.calendar);
  }
  requireInstant('deadline', c.deadline);
  if (!isBefore(c.now, c.deadline)) invalid('deadline', `deadline ${c.deadline} is not later than now (${c.now})`);
  return c.deadline;
}

function defer(c: DeferCase, state: MeetingState): MeetingEvent[] {
  const meeting = requireOpen(state);
  const decision = agendaItem(meeting, c.caseId).decision;
  if (decision?.kind === 'deferral' && decision.reason === c.reason) return [];
  requireUndecided(meeting, c.caseId);
  requireText('reason', c.reason);
  return [
    { type: 'adjudication.CaseDeferred.v1', data: { meetingId: meeting.meetingId, caseId: c.caseId, reason: c.reason, deferredAt: c.now } },
  ];
}

function withdrawFromAgenda(c: WithdrawFromAgenda, state: MeetingState): MeetingEvent[] {
  if (state.status === 'none') refuse('meeting.not_scheduled', `no meeting has been scheduled, so case ${c.caseId} is on no agenda to withdraw it from`);
  requireText('caseId', c.caseId);
  // A closed meeting decided every case on its agenda; so did a meeting that resolved or deferred this one.
  if (state.status === 'closed') return [];
  const item = state.agenda.find((i) => i.caseId === c.caseId);
  if (!item || item.decision !== null || item.withdrawal !== null) return [];
  requireText('reason', c.reason);
  return [
    {
      type: 'adjudication.CaseWithdrawnFromAgenda.v1',
      data: { meetingId: state.meetingId, caseId: c.caseId, reason: c.reason, withdrawnAt: c.now },
    },
  ];
}

function close(c: CloseMeeting, state: MeetingState): MeetingEvent[] {
  const meeting = requireOpen(state);
  const notReached: MeetingEvent[] = meeting.agenda
    .filter((item) => item.decision === null && item.withdrawal === null)
    .map((item) => ({
      type: 'adjudication.CaseDeferred.v1',
      data: { meetingId: meeting.meetingId, caseId: item.caseId, reason: NOT_REACHED_AT_MEETING, deferredAt: c.now },
    }));
  return [...notReached, { type: 'adjudication.MeetingClosed.v1', data: { meetingId: meeting.meetingId, closedAt: c.now } }];
}

function requireOpen(state: MeetingState): MeetingInSession {
  switch (state.status) {
    case 'open':
      return state;
    case 'none':
      return refuse('meeting.not_open', 'no meeting has been scheduled, so none is open');
    case 'scheduled':
      return refuse('meeting.not_open', `meeting ${state.meetingId} is scheduled for ${state.scheduledAt} and has not been opened`);
    case 'closed':
      return refuse('meeting.not_open', `meeting ${state.meetingId} was closed at ${state.closedAt} and is no longer open`);
    default:
      return assertNever(state, 'meeting state');
  }
}

function agendaItem(meeting: MeetingInSession, caseId: string): AgendaItem {
  const item = meeting.agenda.find((i) => i.caseId === caseId);
  if (!item) refuse('meeting.case_not_on_agenda', `case ${caseId} is not on the agenda of meeting ${meeting.meetingId}`);
  return item;
}

function requireUndecided(meeting: MeetingInSession, caseId: string): AgendaItem {
  const item = agendaItem(meeting, caseId);
  if (item.withdrawal) refuseWithdrawn(meeting.meetingId, caseId, item.withdrawal);
  const decision = item.decision;
  if (decision?.kind === 'resolution') {
    refuse('meeting.case_decided', `case ${caseId} was already resolved at meeting ${meeting.meetingId} (resolution ${decision.resolutionId})`);
  }
  if (decision?.kind === 'deferral') {
    refuse('meeting.case_decided', `case ${caseId} was already deferred at meeting ${meeting.meetingId}: ${decision.reason}`);
  }
  return item;
}

function refuseWithdrawn(meetingId: string, caseId: string, withdrawal: AgendaWithdrawal): never {
  return refuse(
    'meeting.case_withdrawn',
    `case ${caseId} was withdrawn from the agenda of meeting ${meetingId} at ${withdrawal.withdrawnAt}: ${withdrawal.reason}`,
  );
}

function requireInvited(meeting: MeetingInSession, unitId: string): void {
  if (!meeting.invitedUnits.includes(unitId)) invalid('unitId', `unit ${unitId} was not invited to this meeting`);
}

function requirePresent(meeting: MeetingInSession, unitId: string, code: string, who: string): void {
  const attendance = meeting.attendance.find((a) => a.unitId === unitId);
  if (attendance?.present) return;
  const why = attendance ? 'is recorded as absent' : 'has not been recorded as present';
  refuse(code, `${who} ${why} at meeting ${meeting.meetingId}`);
}

function requireKnown(field: string, units: readonly string[], knownUnits: readonly string[]): void {
  units.forEach((unitId, i) => {
    if (!knownUnits.includes(unitId)) invalid(`${field}[${i}]`, `${field}[${i}]: unit "${unitId}" is not a known member unit`);
  });
}

export function decideMeeting(command: MeetingCommand, state: MeetingState): MeetingEvent[] {
  switch (command.type) {
    case 'ScheduleMeeting':
      return schedule(command, state);
    case 'TableCase':
      return table(command, state);
    case 'OpenMeeting':
      return open(command, state);
    case 'RecordAttendance':
      return recordAttendance(command, state);
    case 'RecordOpinion':
      return recordOpinion(command, state);
    case 'AdoptResolution':
      return adoptResolution(command, state);
    case 'DeferCase':
      return defer(command, state);
    case 'WithdrawFromAgenda':
      return withdrawFromAgenda(command, state);
    case 'CloseMeeting':
      return close(command, state);
    default:
      return assertNever(command, 'meeting command');
  }
}

/** 联席会议: one joint meeting, from scheduling through its resolutions and deferrals to closing. */
export const meetingDecider: Decider<MeetingCommand, MeetingEvent, MeetingState> = {
  initialState: initialMeetingState,
  decide: decideMeeting,
  evolve: evolveMeeting,
};
