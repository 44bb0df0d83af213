import type { Reaction } from '@whistle/kernel';
import { streams, type AnyEvent } from '@whistle/contracts';
import type { CaseAdjudicationInput } from './case-adjudication/case-adjudication.decide';
import type { MeetingCommand } from './meeting/meeting.decide';

export type AdjudicationReaction =
  | ({ readonly aggregate: 'case' } & Reaction<CaseAdjudicationInput>)
  | ({ readonly aggregate: 'meeting' } & Reaction<MeetingCommand>);

export interface AdjudicationLookups {
  /** the next joint meeting that is scheduled and not yet open, if any */
  readonly nextMeetingId: string | undefined;
  /** 联席会议 policy: deferrals allowed before a case is referred upward */
  readonly maxDeferrals: number;
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
 * and resolutions; a case lowered from level 4 or leaving handling is withdrawn.
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
      return [forCase(caseId, { type: 'NoteDeferral', meetingId, reason, maxDeferrals: lookups.maxDeferrals, now })];
    }
    case 'adjudication.ResolutionAdopted.v1': {
      const { caseId, meetingId, resolutionId } = event.data;
      return [forCase(caseId, { type: 'NoteResolution', meetingId, resolutionId, now })];
    }
    default:
      return [];
  }
}
