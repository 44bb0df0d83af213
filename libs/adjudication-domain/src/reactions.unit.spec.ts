import type { AnyEvent } from '@whistle/contracts';
import { adjudicationReactions } from './reactions';

const NOW = '2026-11-21T09:00:00.000Z';
const referral: AnyEvent = {
  type: 'escalation.ReferredToJointMeeting.v1',
  data: { caseId: 'c1', units: ['unit-a', 'unit-b'], reason: 'all declined', tablingDueAt: '2026-11-28T09:00:00.000Z', referredAt: NOW },
};

describe('adjudication reactions', () => {
  it('asks for adjudication of a referred case', () => {
    expect(adjudicationReactions(referral, { nextMeetingId: undefined, maxDeferrals: 2 }, NOW)).toEqual([
      {
        aggregate: 'case',
        streamId: 'adjudication-c1',
        command: { type: 'RequestAdjudication', caseId: 'c1', units: ['unit-a', 'unit-b'], reason: 'all declined', tablingDueAt: '2026-11-28T09:00:00.000Z', now: NOW },
      },
    ]);
  });

  it('puts a referred case on the next scheduled meeting’s agenda', () => {
    const reactions = adjudicationReactions(referral, { nextMeetingId: 'm1', maxDeferrals: 2 }, NOW);
    expect(reactions[1]).toEqual({ aggregate: 'meeting', streamId: 'meeting-m1', command: { type: 'TableCase', caseId: 'c1', now: NOW } });
  });

  it('notes tabling for every case on a scheduled meeting’s agenda', () => {
    const scheduled: AnyEvent = {
      type: 'adjudication.MeetingScheduled.v1',
      data: { meetingId: 'm1', scheduledAt: NOW, place: 'hall', invitedUnits: ['unit-a', 'unit-b'], agenda: ['c1', 'c2'], quorumShare: 0.5 },
    };
    expect(adjudicationReactions(scheduled, { nextMeetingId: undefined, maxDeferrals: 2 }, NOW).map((r) => [r.streamId, r.command.type])).toEqual([
      ['adjudication-c1', 'NoteTabling'],
      ['adjudication-c2', 'NoteTabling'],
    ]);
  });

  it('passes the deferral policy with a deferral', () => {
    const deferred: AnyEvent = { type: 'adjudication.CaseDeferred.v1', data: { meetingId: 'm1', caseId: 'c1', reason: 'no quorum', deferredAt: NOW } };
    expect(adjudicationReactions(deferred, { nextMeetingId: undefined, maxDeferrals: 3 }, NOW)[0]?.command).toEqual({
      type: 'NoteDeferral',
      meetingId: 'm1',
      reason: 'no quorum',
      maxDeferrals: 3,
      now: NOW,
    });
  });

  it('withdraws the adjudication when the level is lowered from 4, but not for other lowerings', () => {
    const lowered = (from: 2 | 3 | 4): AnyEvent => ({
      type: 'escalation.LevelLowered.v1',
      data: { caseId: 'c1', from, to: 1, trigger: 'station', reason: 'settled', loweredAt: NOW },
    });
    expect(adjudicationReactions(lowered(4), { nextMeetingId: undefined, maxDeferrals: 2 }, NOW)).toEqual([
      { aggregate: 'case', streamId: 'adjudication-c1', command: { type: 'WithdrawAdjudication', reason: 'lowered to level 1: settled', now: NOW } },
    ]);
    expect(adjudicationReactions(lowered(3), { nextMeetingId: undefined, maxDeferrals: 2 }, NOW)).toEqual([]);
  });
});
