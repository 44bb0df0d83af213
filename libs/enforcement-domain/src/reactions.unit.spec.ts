import type { AnyEvent } from '@whistle/contracts';
import { enforcementReactions } from './reactions';

const NOW = '2026-11-21T09:00:00.000Z';
const none = { openTaskIds: [] };

describe('enforcement reactions', () => {
  it('turns a level-2 whistle into one task per summoned unit, keeping each report-in deadline', () => {
    const whistle: AnyEvent = {
      type: 'escalation.WhistleBlown.v1',
      data: {
        caseId: 'c1',
        whistleId: 'w1',
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
      data: { caseId: 'c1', whistleId: 'w1', level: 1, units: [{ unitId: 'unit-a' }], activityDueAt: '2026-11-24T09:00:00.000Z', blownAt: NOW },
    };
    expect(enforcementReactions(level1, none, NOW)).toEqual([
      {
        aggregate: 'publicity',
        streamId: 'publicity-c1',
        command: { type: 'RequestPublicity', caseId: 'c1', whistleId: 'w1', units: ['unit-a'], dueAt: '2026-11-24T09:00:00.000Z', now: NOW },
      },
    ]);
    const level4: AnyEvent = { type: 'escalation.WhistleBlown.v1', data: { caseId: 'c1', whistleId: 'w1', level: 4, units: [{ unitId: 'unit-a' }], blownAt: NOW } };
    expect(enforcementReactions(level4, none, NOW)).toEqual([]);
  });

  it('turns a resolution (决议) into tasks for its lead and supporting units, due by its deadline', () => {
    const resolution: AnyEvent = {
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
    const reactions = enforcementReactions(resolution, none, NOW);
    expect(reactions.map((r) => [r.streamId, r.command.type, 'role' in r.command ? r.command.role : null])).toEqual([
      ['task-r1.unit-lead', 'AssignTask', 'lead'],
      ['task-r1.unit-s1', 'AssignTask', 'supporting'],
      ['task-r1.unit-s2', 'AssignTask', 'supporting'],
    ]);
    expect(reactions[0]?.command).toMatchObject({ level: 4, whistleId: 'r1', dueAt: '2026-12-21T09:00:00.000Z' });
  });

  it('supersedes the case’s open tasks and cancels its publicity when the level changes', () => {
    const raised: AnyEvent = {
      type: 'escalation.LevelRaised.v1',
      data: { caseId: 'c1', from: 2, to: 3, trigger: 'persuasion_failed', reason: 'persuasion failed', raisedAt: NOW },
    };
    const reason = 'the level changed from 2 to 3: persuasion failed';
    expect(enforcementReactions(raised, { openTaskIds: ['w1.unit-b'] }, NOW)).toEqual([
      { aggregate: 'task', streamId: 'task-w1.unit-b', command: { type: 'Supersede', reason, now: NOW } },
      { aggregate: 'publicity', streamId: 'publicity-c1', command: { type: 'CancelPublicity', reason, now: NOW } },
    ]);
  });

  it('ignores events it has no part in', () => {
    const reported: AnyEvent = { type: 'intake.CaseWithdrawn.v1', data: { caseId: 'c1', reason: 'x', withdrawnAt: NOW } };
    expect(enforcementReactions(reported, none, NOW)).toEqual([]);
  });
});
