import type { AnyEvent } from '@whistle/contracts';
import { supervisionReactions } from './reactions';

const NOW = '2026-11-21T12:00:00.000Z';
const AT = '2026-11-21T10:00:00.000Z';

const noted = (step: string, extra: Record<string, unknown> = {}): AnyEvent =>
  ({
    type: 'escalation.TaskProgressNoted.v1',
    data: { caseId: 'c1', whistleId: 'w1', taskId: 'w1.unit-fire', unitId: 'unit-fire', step, stationId: 'station-a', ...extra, at: AT },
  }) as AnyEvent;
const openOn = (command: Record<string, unknown>) => ({
  aggregate: 'evaluation',
  streamId: 'evaluation-w1.unit-fire',
  command: { type: 'OpenEvaluation', taskId: 'w1.unit-fire', caseId: 'c1', whistleId: 'w1', unitId: 'unit-fire', stationId: 'station-a', ...command, endedAt: AT, now: NOW },
});

describe('supervision reactions', () => {
  it('opens the evaluation of a task that ended with an outcome, keeping its result', () => {
    expect(supervisionReactions(noted('outcome', { result: 'persuasion_failed' }), NOW)).toEqual([openOn({ ending: 'outcome', result: 'persuasion_failed' })]);
  });

  it('opens the evaluation of a declined task', () => {
    expect(supervisionReactions(noted('declined', { notOurResponsibility: true }), NOW)).toEqual([openOn({ ending: 'declined' })]);
  });

  it.each(['reported_in', 'accepted', 'overdue'])('opens nothing on the step %s: the task has not ended', (step) => {
    expect(supervisionReactions(noted(step), NOW)).toEqual([]);
  });

  it('opens the evaluation of a missed report-in, on the task the whistle gave the unit', () => {
    const missed: AnyEvent = {
      type: 'escalation.ReportInMissed.v1',
      data: { caseId: 'c1', whistleId: 'w1', unitId: 'unit-fire', dueAt: AT, graceUntil: NOW, stationId: 'station-a', missedAt: AT },
    };
    expect(supervisionReactions(missed, NOW)).toEqual([openOn({ ending: 'report_in_missed' })]);
  });

  it('opens nothing for an event recorded before escalation named the station', () => {
    const { stationId: _s, ...old } = noted('outcome', { result: 'resolved' }).data as Record<string, unknown>;
    expect(supervisionReactions({ type: 'escalation.TaskProgressNoted.v1', data: old } as AnyEvent, NOW)).toEqual([]);
    const missed = { type: 'escalation.ReportInMissed.v1', data: { caseId: 'c1', whistleId: 'w1', unitId: 'unit-fire', dueAt: AT, graceUntil: NOW, missedAt: AT } };
    expect(supervisionReactions(missed as AnyEvent, NOW)).toEqual([]);
  });

  it('ignores the other events it hears', () => {
    const missed: AnyEvent = {
      type: 'escalation.ResponseMissed.v1',
      data: { caseId: 'c1', whistleId: 'w1', unitId: 'unit-fire', dueAt: AT, graceUntil: NOW, missedAt: AT },
    };
    expect(supervisionReactions(missed, NOW)).toEqual([]);
  });
});
