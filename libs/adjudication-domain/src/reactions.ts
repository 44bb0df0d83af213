import type { Reaction, WorkingCalendar } from '@whistle/kernel';
import { streams, type AnyEvent } from '@whistle/contracts';
import type { CaseAdjudicationInput } from './case-adjudication/case-adjudication.decide';
import type { MeetingCommand } from './meeting/meeting.decide';

export type AdjudicationReaction =
  | ({ readonly aggregate: 'case' } & Reaction<CaseAdjudicationInput>)
  | ({ readonly aggregate: 'meeting' } & Reaction<MeetingCommand>);

/** What the service knows, as of the event, about the event's case and the meetings. */
export interface AdjudicationLookups {
  /**
   * The next scheduled, not yet open meeting on which to table this case, or undefined when the
   * case is already on an agenda or not awaiting tabling (the service computes it). Never a
   * meeting the case was withdrawn from: that meeting refuses it (`meeting.case_withdrawn`).
   */
  readonly nextMeetingId: string | undefined;
  /** The meeting whose agenda the event's case is currently on, undecided, or undefined when it is on none. */
  readonly tabledAt: string | undefined;
  /** 联席会议 policy: deferrals allowed before a case is referred upward */
  readonly maxDeferrals: number;
  /** Catalogue: how long a level-4 case may wait to be tabled (P7WD, seven working days, by default); restarts on each deferral */
  readonly tablingWindow: string;
  /** counts a tabling window in working days */
  readonly calendar: WorkingCalendar;
}

const forCase = (caseId: string, command: CaseAdjudicationInput): AdjudicationReaction => ({
  aggregate: 'case',
  streamId: streams.adjudication(caseId),
  command,
});
const forMeeting = (meetingId: string, command: MeetingCommand): AdjudicationReaction => ({
  aggregate: 'meeting',
  streamId: streams.meeting(meetingId),
  command,
});

/**
 * What adjudication does when events arrive: a level-4 referral asks for adjudication and goes
 * on the next scheduled meeting's agenda; each case follows its meeting's agenda, deferrals
 * and resolutions, and a deferred case goes on the next scheduled agenda; a case lowered from
 * level 4 or leaving handling is withdrawn, and so comes off the agenda it is on.
 */
export function adjudicationReactions(event: AnyEvent, lookups: AdjudicationLookups, now: string): AdjudicationReaction[] {
  switch (event.type) {
    case 'escalation.ReferredToJointMeeting.v1': {
      const { caseId, units, reason, tablingDueAt } = event.data;
      const request = forCase(caseId, { type: 'RequestAdjudication', caseId, units, reason, tablingDueAt, now });
      return lookups.nextMeetingId ? [request, forMeeting(lookups.nextMeetingId, { type: 'TableCase', caseId, now })] : [request];
    }
    case 'escalation.LevelLowered.v1':
      if (event.data.from !== 4) return [];
      return [forCase(event.data.caseId, { type: 'WithdrawAdjudication', reason: `lowered to level ${event.data.to}: ${event.data.reason}`, now })];
    case 'escalation.WhistleStoodDown.v1':
      if (event.data.because === 'referred_upward') return [];
      return [forCase(event.data.caseId, { type: 'WithdrawAdjudication', reason: `the case was ${event.data.because}`, now })];
    case 'adjudication.MeetingScheduled.v1':
      return event.data.agenda.map((caseId) => forCase(caseId, { type: 'NoteTabling', meetingId: event.data.meetingId, now }));
    case 'adjudication.CaseTabled.v1':
      return [forCase(event.data.caseId, { type: 'NoteTabling', meetingId: event.data.meetingId, now })];
    case 'adjudication.CaseDeferred.v1': {
      const { caseId, meetingId, reason } = event.data;
      const { maxDeferrals, tablingWindow, calendar } = lookups;
      return [forCase(caseId, { type: 'NoteDeferral', meetingId, reason, maxDeferrals, tablingWindow, calendar, now })];
    }
    case 'adjudication.DeferralNoted.v1': {
      // The case's own record of the deferral, not the meeting's CaseDeferred: by now it is known
      // that the case was still before the joint meeting and is awaiting tabling again.
      const { caseId, meetingId, deferrals } = event.data;
      const next = lookups.nextMeetingId;
      if (next === undefined || next === meetingId || deferrals > lookups.maxDeferrals) return [];
      return [forMeeting(next, { type: 'TableCase', caseId, now })];
    }
    case 'adjudication.ResolutionAdopted.v1': {
      const { caseId, meetingId, resolutionId, leadUnit, supportingUnits, measures, deadline } = event.data;
      return [forCase(caseId, { type: 'NoteResolution', meetingId, resolutionId, leadUnit, supportingUnits, measures, deadline, now })];
    }
    case 'adjudication.AdjudicationWithdrawn.v1': {
      const { caseId, reason } = event.data;
      return lookups.tabledAt ? [forMeeting(lookups.tabledAt, { type: 'WithdrawFromAgenda', caseId, reason, now })] : [];
    }
    default:
      return [];
  }
}
