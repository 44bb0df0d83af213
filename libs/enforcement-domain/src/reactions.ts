import type { Reaction } from '@whistle/kernel';
import { streams, taskIdFor, type AnyEvent } from '@whistle/contracts';
import type { TaskCommand } from './task/task.decide';
import type { PublicityCommand } from './publicity/publicity.decide';

export type EnforcementReaction =
  | ({ readonly aggregate: 'task' } & Reaction<TaskCommand>)
  | ({ readonly aggregate: 'publicity' } & Reaction<PublicityCommand>);

export interface EnforcementLookups {
  /** the case's tasks that are still open (assigned, reported in or accepted), each with its round */
  readonly openTasks: readonly { readonly taskId: string; readonly whistleId: string }[];
}

const task = (taskId: string, command: TaskCommand): EnforcementReaction => ({ aggregate: 'task', streamId: streams.task(taskId), command });
const publicity = (caseId: string, command: PublicityCommand): EnforcementReaction => ({
  aggregate: 'publicity',
  streamId: streams.publicity(caseId),
  command,
});

/**
 * What enforcement does when other contexts' events arrive: a whistle at level 2 or 3 becomes
 * one task per summoned unit, a level-1 whistle a publicity request, the case's adjudication
 * resolved (决议) tasks for the resolution's lead and supporting units. When the case moves on,
 * only the round that ended (`endedWhistleId`) is superseded: its open tasks, and its publicity
 * if it was a level-1 round; a change that ended no round ends nothing, so a redelivered old
 * level change never touches a newer round.
 */
export function enforcementReactions(event: AnyEvent, lookups: EnforcementLookups, now: string): EnforcementReaction[] {
  const moveOn = (caseId: string, endedWhistleId: string | undefined, reason: string): EnforcementReaction[] => {
    if (!endedWhistleId) return [];
    return [
      ...lookups.openTasks
        .filter((open) => open.whistleId === endedWhistleId)
        .map(({ taskId }) => task(taskId, { type: 'Supersede', reason, now })),
      publicity(caseId, { type: 'CancelPublicity', whistleId: endedWhistleId, reason, now }),
    ];
  };
  switch (event.type) {
    case 'escalation.WhistleBlown.v1': {
      const { caseId, whistleId, stationId, level, units, activityDueAt } = event.data;
      if (level === 1 && activityDueAt) {
        return [publicity(caseId, { type: 'RequestPublicity', caseId, whistleId, stationId, units: units.map((u) => u.unitId), dueAt: activityDueAt, now })];
      }
      if (level !== 2 && level !== 3) return [];
      return units.map(({ unitId, reportInDueAt }) =>
        task(taskIdFor(whistleId, unitId), {
          type: 'AssignTask',
          taskId: taskIdFor(whistleId, unitId),
          caseId,
          whistleId,
          unitId,
          level,
          role: 'summoned',
          ...(reportInDueAt ? { reportInDueAt } : {}),
          now,
        }),
      );
    }
    // The case's adjudication accepted the resolution; the meeting's own ResolutionAdopted may
    // concern a case already withdrawn from adjudication, so it sets nothing going.
    case 'adjudication.AdjudicationResolved.v1': {
      const { caseId, resolutionId, leadUnit, supportingUnits, deadline } = event.data;
      const roles = [{ unitId: leadUnit, role: 'lead' as const }, ...supportingUnits.map((unitId) => ({ unitId, role: 'supporting' as const }))];
      return roles.map(({ unitId, role }) =>
        task(taskIdFor(resolutionId, unitId), {
          type: 'AssignTask',
          taskId: taskIdFor(resolutionId, unitId),
          caseId,
          whistleId: resolutionId,
          unitId,
          level: 4,
          role,
          dueAt: deadline,
          now,
        }),
      );
    }
    case 'escalation.LevelRaised.v1':
    case 'escalation.LevelLowered.v1':
      return moveOn(event.data.caseId, event.data.endedWhistleId, `the level changed from ${event.data.from} to ${event.data.to}: ${event.data.reason}`);
    case 'escalation.ReferredToJointMeeting.v1':
      return moveOn(event.data.caseId, event.data.endedWhistleId, `referred to the joint meeting (联席会议): ${event.data.reason}`);
    case 'escalation.WhistleStoodDown.v1':
      return moveOn(event.data.caseId, event.data.endedWhistleId, `the case was ${event.data.because.replace('_', ' ')}`);
    default:
      return [];
  }
}
