import type { AnyEvent } from '@whistle/contracts';
import { enforcementReactions } from './reactions';

const NOW = '2026-11-21T09:00:00.000Z';
const none = { openTasks: [] };

describe('enforcement reactions', () => {
  it('turns a level-2 whistle into one task per summoned unit, keeping each report-in deadline', () => {
    const whistle: AnyEvent = {
      type: 'escalation.WhistleBlown.v1',
      data: {
        caseId: 'c1',
        whistleId: 'w1', stationId: 'station-a',
        level: 2,
        units: [
          { unitId: 'unit-a', reportInDueAt: '2026-11-21T09:30:00.000Z' },
          { unitId: 'unit-b', reportInDueAt: '2026-11-21T09:30:00.000Z' },
        ],
        blownAt: NOW,
      },
    };
    expect(enforcementReactions(whistle, none, NOW)).toEqual([
      {
        aggregate: 'task',
        streamId: 'task-w1.unit-a',
        command: { type: 'AssignTask', taskId: 'w1.unit-a', caseId: 'c1', whistleId: 'w1', unitId: 'unit-a', level: 2, role: 'summoned', reportInDueAt: '2026-11-21T09:30:00.000Z', now: NOW },
      },
      {
        aggregate: 'task',
        streamId: 'task-w1.unit-b',
        command: { type: 'AssignTask', taskId: 'w1.unit-b', caseId: 'c1', whistleId: 'w1', unitId: 'unit-b', level: 2, role: 'summoned', reportInDueAt: '2026-11-21T09:30:00.000Z', now: NOW },
      },
    ]);
  });

  it('turns a level-1 whistle into a publicity request and a level-4 whistle into nothing', () => {
    const level1: AnyEvent = {
      type: 'escalation.WhistleBlown.v1',
      data: { caseId: 'c1', whistleId: 'w1', stationId: 'station-a', level: 1, units: [{ unitId: 'unit-a' }], activityDueAt: '2026-11-24T09:00:00.000Z', blownAt: NOW },
    };
    expect(enforcementReactions(level1, none, NOW)).toEqual([
      {
        aggregate: 'publicity',
        streamId: 'publicity-c1',
        command: { type: 'RequestPublicity', caseId: 'c1', whistleId: 'w1', stationId: 'station-a', units: ['unit-a'], dueAt: '2026-11-24T09:00:00.000Z', now: NOW },
      },
    ]);
    const level4: AnyEvent = { type: 'escalation.WhistleBlown.v1', data: { caseId: 'c1', whistleId: 'w1', stationId: 'station-a', level: 4, units: [{ unitId: 'unit-a' }], blownAt: NOW } };
    expect(enforcementReactions(level4, none, NOW)).toEqual([]);
  });

  const resolved: AnyEvent = {
    type: 'adjudication.AdjudicationResolved.v1',
    data: {
      caseId: 'c1',
      meetingId: 'm1',
      resolutionId: 'r1',
      leadUnit: 'unit-lead',
      supportingUnits: ['unit-s1', 'unit-s2'],
      measures: 'demolish',
      deadline: '2026-12-21T09:00:00.000Z',
      resolvedAt: NOW,
    },
  };

  it('turns the case’s adjudication resolved (决议) into tasks for its lead and supporting units, due by its deadline', () => {
    const resolution = (unitId: string, role: 'lead' | 'supporting') => ({
      aggregate: 'task',
      streamId: `task-r1.${unitId}`,
      command: { type: 'AssignTask', taskId: `r1.${unitId}`, caseId: 'c1', whistleId: 'r1', unitId, level: 4, role, dueAt: '2026-12-21T09:00:00.000Z', now: NOW },
    });
    expect(enforcementReactions(resolved, none, NOW)).toEqual([
      resolution('unit-lead', 'lead'),
      resolution('unit-s1', 'supporting'),
      resolution('unit-s2', 'supporting'),
    ]);
  });

  it('creates no task from the meeting’s own resolution: the case may have been withdrawn from adjudication', () => {
    const adopted: AnyEvent = {
      type: 'adjudication.ResolutionAdopted.v1',
      data: {
        meetingId: 'm1',
        caseId: 'c1',
        resolutionId: 'r1',
        leadUnit: 'unit-lead',
        supportingUnits: ['unit-s1', 'unit-s2'],
        measures: 'demolish',
        deadline: '2026-12-21T09:00:00.000Z',
        quorum: { invited: 3, present: 3, required: 2 },
        adoptedAt: NOW,
      },
    };
    expect(enforcementReactions(adopted, none, NOW)).toEqual([]);
  });

  /** the case's open tasks: two of the ended round w1, one of a newer round w2 */
  const openTasks = {
    openTasks: [
      { taskId: 'w1.unit-a', whistleId: 'w1' },
      { taskId: 'w2.unit-c', whistleId: 'w2' },
      { taskId: 'w1.unit-b', whistleId: 'w1' },
    ],
  };
  const supersede = (taskId: string, reason: string) => ({
    aggregate: 'task',
    streamId: `task-${taskId}`,
    command: { type: 'Supersede', reason, now: NOW },
  });
  const cancel = (whistleId: string, reason: string) => ({
    aggregate: 'publicity',
    streamId: 'publicity-c1',
    command: { type: 'CancelPublicity', whistleId, reason, now: NOW },
  });

  const ended = (endedWhistleId?: string) => (endedWhistleId === undefined ? {} : { endedWhistleId });
  const raised = (endedWhistleId?: string): AnyEvent => ({
    type: 'escalation.LevelRaised.v1',
    data: { caseId: 'c1', from: 2, to: 3, trigger: 'persuasion_failed', reason: 'persuasion failed', ...ended(endedWhistleId), raisedAt: NOW },
  });
  const lowered = (endedWhistleId?: string): AnyEvent => ({
    type: 'escalation.LevelLowered.v1',
    data: { caseId: 'c1', from: 3, to: 2, trigger: 'station', reason: 'over-escalated', ...ended(endedWhistleId), loweredAt: NOW },
  });
  const referred = (endedWhistleId?: string): AnyEvent => ({
    type: 'escalation.ReferredToJointMeeting.v1',
    data: {
      caseId: 'c1',
      units: ['unit-a', 'unit-b'],
      reason: 'several units must act',
      tablingDueAt: '2026-11-28T09:00:00.000Z',
      ...ended(endedWhistleId),
      referredAt: NOW,
    },
  });
  const stoodDown = (endedWhistleId?: string): AnyEvent => ({
    type: 'escalation.WhistleStoodDown.v1',
    data: { caseId: 'c1', because: 'referred_upward', ...ended(endedWhistleId), stoodDownAt: NOW },
  });
  const RAISED = 'the level changed from 2 to 3: persuasion failed';
  const REFERRED = 'referred to the joint meeting (联席会议): several units must act';
  const moves: [string, (endedWhistleId?: string) => AnyEvent, string][] = [
    ['LevelRaised', raised, RAISED],
    ['LevelLowered', lowered, 'the level changed from 3 to 2: over-escalated'],
    ['ReferredToJointMeeting', referred, REFERRED],
    ['WhistleStoodDown', stoodDown, 'the case was referred upward'],
  ];

  it.each(moves)('on %s supersedes only the open tasks of the round it ended, and cancels only that round’s publicity', (_type, event, reason) => {
    expect(enforcementReactions(event('w1'), openTasks, NOW)).toEqual([supersede('w1.unit-a', reason), supersede('w1.unit-b', reason), cancel('w1', reason)]);
  });

  it.each(moves)('on %s without an ended round supersedes and cancels nothing', (_type, event) => {
    expect(enforcementReactions(event(), openTasks, NOW)).toEqual([]);
  });

  it('never ends a newer round on a redelivered old level change', () => {
    // w1 ended long ago and its tasks are closed; only the newer round w2 has an open task.
    const later = { openTasks: [{ taskId: 'w2.unit-c', whistleId: 'w2' }] };
    expect(enforcementReactions(raised('w1'), later, NOW)).toEqual([cancel('w1', RAISED)]);
  });

  it('ends a round of joint enforcement when it is referred to the joint meeting again', () => {
    const joint = { openTasks: [{ taskId: 'r1.unit-lead', whistleId: 'r1' }, { taskId: 'r1.unit-s1', whistleId: 'r1' }] };
    expect(enforcementReactions(referred('r1'), joint, NOW)).toEqual([supersede('r1.unit-lead', REFERRED), supersede('r1.unit-s1', REFERRED), cancel('r1', REFERRED)]);
  });

  it('ignores events it has no part in', () => {
    const reported: AnyEvent = { type: 'intake.CaseWithdrawn.v1', data: { caseId: 'c1', reason: 'x', withdrawnAt: NOW } };
    expect(enforcementReactions(reported, none, NOW)).toEqual([]);
  });
});
