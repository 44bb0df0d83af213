import type { AnyEvent } from '@whistle/contracts';
import type { EventEnvelope } from '@whistle/kernel';
import { notificationId, notificationText } from './notification';
import { isNear, nearDeadlineDraft, reactTo, type ReportInWatch } from './who-is-notified';

/** An event as the consumer receives it: only the id, type and data matter to who is notified. */
function received(eventId: string, event: AnyEvent): EventEnvelope {
  return {
    eventId,
    type: event.type,
    data: event.data,
    caseId: (event.data as { caseId?: string }).caseId ?? '',
    occurredAt: '2026-12-05T09:00:00.000Z',
    actor: { id: 'system', role: 'system' },
    correlationId: 'corr-1',
    causationId: null,
    streamId: 's',
    revision: 0,
    recordedAt: '2026-12-05T09:00:00.000Z',
    prevHash: '',
    hash: '',
  } as unknown as EventEnvelope;
}

const stations: Record<string, string> = { 'case-1': 'station-xinghua' };
const stationOf = (caseId: string) => stations[caseId];
const who = (event: EventEnvelope) => reactTo(event, stationOf).notify.map((d) => `${d.kind} → ${d.recipient.kind}:${d.recipient.id}`);

const blown = received('ev-blown', {
  type: 'escalation.WhistleBlown.v1',
  data: {
    caseId: 'case-1',
    whistleId: 'w-1',
    stationId: 'station-xinghua',
    level: 2,
    units: [{ unitId: 'unit-jiaojing', reportInDueAt: '2026-12-05T10:00:00.000Z' }, { unitId: 'unit-xiaofang', reportInDueAt: '2026-12-05T10:00:00.000Z' }],
    blownAt: '2026-12-05T09:00:00.000Z',
  },
});

describe('who is notified of what (通知对象)', () => {
  it('given a whistle blown, each summoned unit is notified, its report-in deadline watched and the case’s station learnt', () => {
    const reaction = reactTo(blown, () => undefined);
    expect(who(blown)).toEqual(['summoned → unit:unit-jiaojing', 'summoned → unit:unit-xiaofang']);
    expect(reaction.notify[0]).toMatchObject({ caseId: 'case-1', sourceEventId: 'ev-blown', facts: { level: 2, whistleId: 'w-1', reportInDueAt: '2026-12-05T10:00:00.000Z' } });
    expect(reaction.watch).toEqual([
      { whistleId: 'w-1', unitId: 'unit-jiaojing', caseId: 'case-1', from: '2026-12-05T09:00:00.000Z', dueAt: '2026-12-05T10:00:00.000Z', sourceEventId: 'ev-blown' },
      { whistleId: 'w-1', unitId: 'unit-xiaofang', caseId: 'case-1', from: '2026-12-05T09:00:00.000Z', dueAt: '2026-12-05T10:00:00.000Z', sourceEventId: 'ev-blown' },
    ]);
    expect(reaction.caseStation).toEqual({ caseId: 'case-1', stationId: 'station-xinghua' });
  });

  it('given a level-1 whistle without report-in deadlines, its units are notified and nothing is watched', () => {
    const level1 = received('ev-l1', { type: 'escalation.WhistleBlown.v1', data: { caseId: 'case-1', whistleId: 'w-0', stationId: 'station-xinghua', level: 1, units: [{ unitId: 'unit-wuye' }], blownAt: '2026-12-05T09:00:00.000Z' } });
    expect(who(level1)).toEqual(['summoned → unit:unit-wuye']);
    expect(reactTo(level1, stationOf).watch).toEqual([]);
  });

  it('given a missed report-in, the unit and the case’s station are notified and the watch ends', () => {
    const missed = received('ev-missed', {
      type: 'escalation.ReportInMissed.v1',
      data: { caseId: 'case-1', whistleId: 'w-1', unitId: 'unit-jiaojing', dueAt: '2026-12-05T10:00:00.000Z', graceUntil: '2026-12-05T11:00:00.000Z', missedAt: '2026-12-05T10:00:01.000Z' },
    });
    expect(who(missed)).toEqual(['report_in_missed → unit:unit-jiaojing', 'case_overdue → station:station-xinghua']);
    expect(reactTo(missed, stationOf).notify[1]?.facts).toEqual({ lapse: 'report_in_missed', dueAt: '2026-12-05T10:00:00.000Z', unitId: 'unit-jiaojing' });
    expect(reactTo(missed, stationOf).unwatch).toEqual([{ whistleId: 'w-1', unitId: 'unit-jiaojing' }]);
  });

  it('given a missed report-in that names its station, that station is notified without a look-up', () => {
    const missed = received('ev-missed-2', {
      type: 'escalation.ReportInMissed.v1',
      data: { caseId: 'case-9', whistleId: 'w-9', unitId: 'unit-gongan', dueAt: 'x', graceUntil: 'y', stationId: 'station-north', missedAt: 'z' },
    });
    expect(who(missed)).toEqual(['report_in_missed → unit:unit-gongan', 'case_overdue → station:station-north']);
  });

  it.each([
    ['escalation.ActivityOverdue.v1', { caseId: 'case-1', whistleId: 'w-0', dueAt: 'd', overdueAt: 'o' }, 'activity_overdue'],
    ['enforcement.TaskOverdue.v1', { taskId: 't', caseId: 'case-1', whistleId: 'r', unitId: 'unit-gongan', dueAt: 'd', overdueAt: 'o' }, 'task_overdue'],
    ['adjudication.TablingOverdue.v1', { caseId: 'case-1', dueAt: 'd', overdueAt: 'o' }, 'tabling_overdue'],
  ])('given %s, the case’s station is notified that the case is overdue', (type, data, lapse) => {
    const event = received('ev-lapse', { type, data } as AnyEvent);
    expect(who(event)).toEqual(['case_overdue → station:station-xinghua']);
    expect(reactTo(event, stationOf).notify[0]?.facts).toEqual({ lapse, dueAt: 'd', ...('unitId' in data ? { unitId: data.unitId } : {}) });
  });

  it('given a lapse of a case whose station was never seen, no one is notified rather than someone wrong', () => {
    expect(who(received('ev-x', { type: 'adjudication.TablingOverdue.v1', data: { caseId: 'case-unknown', dueAt: 'd', overdueAt: 'o' } }))).toEqual([]);
  });

  it('given a meeting scheduled, each invited unit is notified', () => {
    const scheduled = received('ev-meeting', {
      type: 'adjudication.MeetingScheduled.v1',
      data: { meetingId: 'm-1', scheduledAt: '2026-12-08T02:00:00.000Z', place: '镇政府三楼', invitedUnits: ['unit-gongan', 'unit-zhujian'], agenda: [], quorumShare: 0.5 },
    });
    expect(who(scheduled)).toEqual(['meeting_invited → unit:unit-gongan', 'meeting_invited → unit:unit-zhujian']);
    expect(reactTo(scheduled, stationOf).notify[0]).toMatchObject({ caseId: null, facts: { meetingId: 'm-1', place: '镇政府三楼' } });
  });

  it('given a unit reported in, its watch ends, and no one is notified', () => {
    const reportedIn = received('ev-in', { type: 'enforcement.TaskReportedIn.v1', data: { taskId: 't', caseId: 'case-1', whistleId: 'w-1', unitId: 'unit-jiaojing', onTime: true, reportedInAt: 'x' } });
    expect(reactTo(reportedIn, stationOf)).toEqual({ notify: [], watch: [], unwatch: [{ whistleId: 'w-1', unitId: 'unit-jiaojing' }] });
    const noted = received('ev-noted', { type: 'escalation.TaskProgressNoted.v1', data: { caseId: 'case-1', whistleId: 'w-1', taskId: 't', unitId: 'unit-xiaofang', step: 'reported_in', at: 'x' } });
    expect(reactTo(noted, stationOf).unwatch).toEqual([{ whistleId: 'w-1', unitId: 'unit-xiaofang' }]);
    const accepted = received('ev-acc', { type: 'escalation.TaskProgressNoted.v1', data: { caseId: 'case-1', whistleId: 'w-1', taskId: 't', unitId: 'unit-xiaofang', step: 'accepted', at: 'x' } });
    expect(reactTo(accepted, stationOf).unwatch).toEqual([]);
  });

  it('given the level raised, the ended round’s watches all end', () => {
    const raised = received('ev-raised', {
      type: 'escalation.LevelRaised.v1',
      data: { caseId: 'case-1', from: 2, to: 3, trigger: 'deadline_missed', reason: 'r', endedWhistleId: 'w-1', raisedAt: 'x' },
    });
    expect(reactTo(raised, stationOf)).toEqual({ notify: [], watch: [], unwatch: [{ whistleId: 'w-1' }] });
  });

  it('given an event no one is told of, nothing', () => {
    expect(reactTo(received('ev-r', { type: 'intake.CaseWithdrawn.v1', data: { caseId: 'case-1', reason: 'r', withdrawnAt: 'x' } } as AnyEvent), stationOf)).toEqual({ notify: [], watch: [], unwatch: [] });
  });
});

describe('a near report-in deadline (报到时限将至)', () => {
  const watch: ReportInWatch = { whistleId: 'w-1', unitId: 'unit-jiaojing', caseId: 'case-1', from: '2026-12-05T09:00:00.000Z', dueAt: '2026-12-05T10:00:00.000Z', sourceEventId: 'ev-blown' };

  it.each([
    ['2026-12-05T09:44:59.000Z', 25, false],
    ['2026-12-05T09:45:00.000Z', 25, true],
    ['2026-12-05T09:59:59.000Z', 25, true],
    ['2026-12-05T10:00:00.000Z', 25, false],
    ['2026-12-05T09:29:59.000Z', 50, false],
    ['2026-12-05T09:30:00.000Z', 50, true],
  ])('at %s with the last %i%% of the window, near is %s', (now, percent, near) => {
    expect(isNear(watch, now, percent)).toBe(near);
  });

  it('reminds the unit once: the reminder’s id derives from the whistle’s event, the kind and the unit', () => {
    const draft = nearDeadlineDraft(watch);
    expect(draft).toMatchObject({ kind: 'report_in_near', recipient: { kind: 'unit', id: 'unit-jiaojing' }, caseId: 'case-1', facts: { dueAt: '2026-12-05T10:00:00.000Z' } });
    expect(notificationId(draft)).toBe(notificationId(nearDeadlineDraft({ ...watch })));
    const summoned = reactTo(blown, stationOf).notify[0]!;
    expect(notificationId(draft)).not.toBe(notificationId(summoned));
    expect(notificationId(summoned)).not.toBe(notificationId(reactTo(blown, stationOf).notify[1]!));
    expect(notificationId(draft)).toMatch(/^ntf_[0-9a-f]{32}$/);
  });

  it('says it in both languages', () => {
    expect(notificationText(nearDeadlineDraft(watch))).toEqual({
      zh: '案件 case-1 的报到时限 2026-12-05T10:00:00.000Z 将至，请尽快报到',
      en: 'Case case-1: the report-in deadline 2026-12-05T10:00:00.000Z is near',
    });
  });
});
