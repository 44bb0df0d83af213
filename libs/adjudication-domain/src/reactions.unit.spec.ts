import { CHINA_2026 } from '@whistle/kernel/testing';
import type { AnyEvent } from '@whistle/contracts';
import { adjudicationReactions, type AdjudicationLookups } from './reactions';

const NOW = '2026-11-21T09:00:00.000Z';
const referral: AnyEvent = {
  type: 'escalation.ReferredToJointMeeting.v1',
  data: { caseId: 'c1', units: ['unit-a', 'unit-b'], reason: 'all declined', tablingDueAt: '2026-11-28T09:00:00.000Z', referredAt: NOW },
};
const lookups = (over: Partial<AdjudicationLookups> = {}): AdjudicationLookups => ({
  nextMeetingId: undefined,
  tabledAt: undefined,
  maxDeferrals: 2,
  tablingWindow: 'P7D',
  calendar: CHINA_2026,
  ...over,
});
const requestAdjudication = {
  aggregate: 'case',
  streamId: 'adjudication-c1',
  command: { type: 'RequestAdjudication', caseId: 'c1', units: ['unit-a', 'unit-b'], reason: 'all declined', tablingDueAt: '2026-11-28T09:00:00.000Z', now: NOW },
};

describe('adjudication reactions', () => {
  it('asks for adjudication of a referred case', () => {
    expect(adjudicationReactions(referral, lookups(), NOW)).toEqual([requestAdjudication]);
  });

  it('puts a referred case on the next scheduled meeting’s agenda', () => {
    const reactions = adjudicationReactions(referral, lookups({ nextMeetingId: 'm1' }), NOW);
    expect(reactions[1]).toEqual({ aggregate: 'meeting', streamId: 'meeting-m1', command: { type: 'TableCase', caseId: 'c1', now: NOW } });
  });

  it('does not table a redelivered referral again: with the case already on an agenda there is no next meeting for it', () => {
    expect(adjudicationReactions(referral, lookups({ nextMeetingId: undefined, tabledAt: 'm1' }), NOW)).toEqual([requestAdjudication]);
  });

  it('notes tabling for every case on a scheduled meeting’s agenda', () => {
    const scheduled: AnyEvent = {
      type: 'adjudication.MeetingScheduled.v1',
      data: { meetingId: 'm1', scheduledAt: NOW, place: 'hall', invitedUnits: ['unit-a', 'unit-b'], agenda: ['c1', 'c2'], quorumShare: 0.5 },
    };
    expect(adjudicationReactions(scheduled, lookups(), NOW).map((r) => [r.streamId, r.command.type])).toEqual([
      ['adjudication-c1', 'NoteTabling'],
      ['adjudication-c2', 'NoteTabling'],
    ]);
  });

  describe('a deferral', () => {
    const deferred: AnyEvent = { type: 'adjudication.CaseDeferred.v1', data: { meetingId: 'm1', caseId: 'c1', reason: 'no quorum', deferredAt: NOW } };
    const deferralNoted = (deferrals: number, meetingId = 'm1'): AnyEvent => ({
      type: 'adjudication.DeferralNoted.v1',
      data: { caseId: 'c1', meetingId, reason: 'no quorum', deferrals, tablingDueAt: '2026-11-28T09:00:00.000Z', notedAt: NOW },
    });

    it('is noted on the case with the deferral policy and the tabling window, and nothing else yet', () => {
      expect(adjudicationReactions(deferred, lookups({ nextMeetingId: 'm2', maxDeferrals: 3, tablingWindow: 'P5D' }), NOW)).toEqual([
        {
          aggregate: 'case',
          streamId: 'adjudication-c1',
          command: { type: 'NoteDeferral', meetingId: 'm1', reason: 'no quorum', maxDeferrals: 3, tablingWindow: 'P5D', calendar: CHINA_2026, now: NOW },
        },
      ]);
    });

    it('once noted on the case, puts the case on the next scheduled meeting’s agenda', () => {
      expect(adjudicationReactions(deferralNoted(2), lookups({ nextMeetingId: 'm2' }), NOW)).toEqual([
        { aggregate: 'meeting', streamId: 'meeting-m2', command: { type: 'TableCase', caseId: 'c1', now: NOW } },
      ]);
    });

    it.each([
      ['there is no next meeting for it', deferralNoted(1), lookups()],
      ['the next meeting is the deferring one', deferralNoted(1), lookups({ nextMeetingId: 'm1' })],
      ['the deferral referred the case upward', deferralNoted(3), lookups({ nextMeetingId: 'm2' })],
    ])('tables nothing when %s', (_why, event, given) => {
      expect(adjudicationReactions(event, given, NOW)).toEqual([]);
    });
  });

  it('passes the adopted resolution to the case’s adjudication, which alone sets it going', () => {
    const adopted: AnyEvent = {
      type: 'adjudication.ResolutionAdopted.v1',
      data: {
        meetingId: 'm1',
        caseId: 'c1',
        resolutionId: 'r1',
        leadUnit: 'unit-a',
        supportingUnits: ['unit-b'],
        measures: 'demolish',
        deadline: '2026-12-31T00:00:00.000Z',
        quorum: { invited: 2, present: 2, required: 2 },
        adoptedAt: NOW,
      },
    };
    expect(adjudicationReactions(adopted, lookups(), NOW)).toEqual([
      {
        aggregate: 'case',
        streamId: 'adjudication-c1',
        command: {
          type: 'NoteResolution',
          meetingId: 'm1',
          resolutionId: 'r1',
          leadUnit: 'unit-a',
          supportingUnits: ['unit-b'],
          measures: 'demolish',
          deadline: '2026-12-31T00:00:00.000Z',
          now: NOW,
        },
      },
    ]);
  });

  it('withdraws the adjudication when the level is lowered from 4, but not for other lowerings', () => {
    const lowered = (from: 2 | 3 | 4): AnyEvent => ({
      type: 'escalation.LevelLowered.v1',
      data: { caseId: 'c1', from, to: 1, trigger: 'station', reason: 'settled', loweredAt: NOW },
    });
    expect(adjudicationReactions(lowered(4), lookups(), NOW)).toEqual([
      { aggregate: 'case', streamId: 'adjudication-c1', command: { type: 'WithdrawAdjudication', reason: 'lowered to level 1: settled', now: NOW } },
    ]);
    expect(adjudicationReactions(lowered(3), lookups(), NOW)).toEqual([]);
  });

  describe('a withdrawn adjudication', () => {
    const withdrawn: AnyEvent = {
      type: 'adjudication.AdjudicationWithdrawn.v1',
      data: { caseId: 'c1', reason: 'lowered to level 1: settled', withdrawnAt: NOW },
    };

    it('takes the case off the agenda it is tabled at', () => {
      expect(adjudicationReactions(withdrawn, lookups({ tabledAt: 'm1', nextMeetingId: 'm2' }), NOW)).toEqual([
        {
          aggregate: 'meeting',
          streamId: 'meeting-m1',
          command: { type: 'WithdrawFromAgenda', caseId: 'c1', reason: 'lowered to level 1: settled', now: NOW },
        },
      ]);
    });

    it('does nothing more for a case on no agenda', () => {
      expect(adjudicationReactions(withdrawn, lookups(), NOW)).toEqual([]);
    });
  });
});
