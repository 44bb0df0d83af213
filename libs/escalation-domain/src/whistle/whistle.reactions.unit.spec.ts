import { CHINA_2026 } from '@whistle/kernel/testing';
import type { AnyEvent } from '@whistle/contracts';
import type { EscalationDeadlines } from './whistle.decide';
import { whistleReactions } from './whistle.reactions';

const NOW = '2026-11-21T09:00:00.000Z';
const deadlines: EscalationDeadlines = { reportIn: { '2': 'PT30M', '3': 'PT2H' }, grace: { '2': 'PT1H', '3': 'PT1H' }, activity: 'P3D', tabling: 'P7D', calendar: CHINA_2026 };
const task = { taskId: 'w1.unit-a', caseId: 'c1', whistleId: 'w1', unitId: 'unit-a' };

describe('whistle reactions', () => {
  it('opens triage when intake routes a case', () => {
    const routed: AnyEvent = {
      type: 'intake.CaseRouted.v1',
      data: { caseId: 'c1', stationId: 's1', communityId: 'cm1', compoundId: 'cp1', category: 'fire_lane_blocked', proposedLevel: 2, proposedUnits: ['unit-a'], routedAt: NOW },
    };
    expect(whistleReactions(routed, deadlines, NOW)).toEqual([
      {
        streamId: 'whistle-c1',
        command: { type: 'OpenTriage', caseId: 'c1', stationId: 's1', communityId: 'cm1', compoundId: 'cp1', category: 'fire_lane_blocked', proposedLevel: 2, proposedUnits: ['unit-a'], now: NOW },
      },
    ]);
  });

  it('notes each step of a summoned unit’s task, with the decline’s responsibility flag and the outcome', () => {
    const declined: AnyEvent = { type: 'enforcement.TaskDeclined.v1', data: { ...task, reason: 'not ours', notOurResponsibility: true, declinedAt: NOW } };
    expect(whistleReactions(declined, deadlines, NOW)[0]?.command).toEqual({
      type: 'NoteTaskProgress',
      whistleId: 'w1',
      taskId: 'w1.unit-a',
      unitId: 'unit-a',
      step: 'declined',
      notOurResponsibility: true,
      deadlines,
      now: NOW,
    });
    const outcome: AnyEvent = { type: 'enforcement.OutcomeRecorded.v1', data: { ...task, result: 'persuasion_failed', note: 'refused', recordedAt: NOW } };
    expect(whistleReactions(outcome, deadlines, NOW)[0]?.command).toMatchObject({ step: 'outcome', result: 'persuasion_failed' });
  });

  it('notes a joint-enforcement task that passed its deadline', () => {
    const overdue: AnyEvent = { type: 'enforcement.TaskOverdue.v1', data: { ...task, dueAt: NOW, overdueAt: NOW } };
    expect(whistleReactions(overdue, deadlines, NOW)[0]?.command).toMatchObject({ type: 'NoteTaskProgress', step: 'overdue', unitId: 'unit-a' });
  });

  it.each([
    ['intake.CaseWithdrawn.v1', { caseId: 'c1', reason: 'x', withdrawnAt: NOW }, 'withdrawn'],
    ['intake.CaseRejected.v1', { caseId: 'c1', code: 'out_of_scope', reason: 'x', rejectedAt: NOW }, 'rejected'],
    ['intake.CaseClosed.v1', { caseId: 'c1', callbackResult: 'satisfied', closedAt: NOW, reopenableUntil: NOW }, 'closed'],
    ['adjudication.CaseReferredUpward.v1', { caseId: 'c1', deferrals: 3, reason: 'x', referredAt: NOW }, 'referred_upward'],
    ['intake.CaseLinkedAsDuplicate.v1', { caseId: 'c1', duplicateOf: 'c0', reason: 'x', linkedAt: NOW }, 'duplicate'],
    ['intake.CaseMerged.v1', { caseId: 'c1', mergedInto: 'c0', reason: 'x', mergedAt: NOW }, 'merged'],
  ])('stands the whistle down on %s', (type, data, because) => {
    expect(whistleReactions({ type, data } as AnyEvent, deadlines, NOW)).toEqual([{ streamId: 'whistle-c1', command: { type: 'StandDown', because, now: NOW } }]);
  });

  it('opens joint enforcement when the case’s adjudication accepts the joint meeting’s resolution', () => {
    const adopted: AnyEvent = {
      type: 'adjudication.AdjudicationResolved.v1',
      data: { meetingId: 'm1', caseId: 'c1', resolutionId: 'r1', leadUnit: 'unit-a', supportingUnits: ['unit-b'], measures: 'm', deadline: '2026-12-01T00:00:00.000Z', resolvedAt: NOW },
    };
    expect(whistleReactions(adopted, deadlines, NOW)[0]?.command).toEqual({
      type: 'NoteResolution',
      meetingId: 'm1',
      resolutionId: 'r1',
      leadUnit: 'unit-a',
      supportingUnits: ['unit-b'],
      dueAt: '2026-12-01T00:00:00.000Z',
      now: NOW,
    });
  });
});
