import type { CaseAdjudicationState } from './case-adjudication/case-adjudication.state';
import type { MeetingState } from './meeting/meeting.state';
import type { AdjudicationLookups } from './reactions';

/**
 * The look-ups adjudication's reactions need for one case, read off the states of the meetings:
 * the meeting whose agenda has the case undecided, and otherwise the earliest scheduled meeting
 * that has not opened, has not got the case and was not left by it.
 */
export function adjudicationLookupsFor(
  caseId: string,
  meetings: Iterable<readonly [meetingId: string, state: MeetingState]>,
  policy: { readonly maxDeferrals: number; readonly tablingWindow: string },
  adjudication?: CaseAdjudicationState,
): Omit<AdjudicationLookups, 'calendar'> {
  let tabledAt: string | undefined;
  let next: { meetingId: string; scheduledAt: string } | undefined;
  for (const [meetingId, meeting] of meetings) {
    if (meeting.status !== 'scheduled' && meeting.status !== 'open') continue;
    const item = meeting.agenda.find((i) => i.caseId === caseId);
    if (item && item.decision === null && item.withdrawal === null) tabledAt ??= meetingId;
    if (meeting.status === 'scheduled' && !item && (!next || Date.parse(meeting.scheduledAt) < Date.parse(next.scheduledAt))) {
      next = { meetingId, scheduledAt: meeting.scheduledAt };
    }
  }
  // A case already on an agenda is not tabled again, nor one that went to the district; a resolved
  // or withdrawn case is tabled when it is referred again, which is when this is asked.
  const upward = adjudication?.status === 'referred_upward';
  return { nextMeetingId: tabledAt || upward ? undefined : next?.meetingId, tabledAt, ...policy };
}
