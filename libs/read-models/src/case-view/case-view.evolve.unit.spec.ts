import type { EventEnvelope } from '@whistle/kernel';
import { CaseScript, MINGYUE, openMeeting, scheduleMeeting } from '../testing/case-script.fixture';
import { EventLog, HOUR, MINUTE, T0 } from '../testing/event-log.fixture';
import { caseViewOf, foldCaseViews } from '../testing/fold.fixture';
import type { CaseView } from './case-view';
import { caseIdsOf, evolveCaseView } from './case-view.evolve';

function given(drive: (c: CaseScript, log: EventLog) => void): { log: EventLog; view: () => CaseView } {
  const log = new EventLog();
  drive(new CaseScript(log, 'c1'), log);
  return { log, view: () => caseViewOf(log.envelopes, 'c1') };
}

const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

/** Moves the scenario's clock to a minute past `instant`, where a deadline due then has lapsed. */
const pastDue = (log: EventLog, instant: string) => log.advance(Date.parse(instant) - Date.parse(log.now) + MINUTE);

/*
 * The bundled catalogue counts these deadlines in working days (工作日): the due time is the
 * midnight (24:00 Asia/Shanghai, 16:00Z) closing the n-th working day after the start's date.
 * T0 is Saturday 2026-11-21 16:00 in Shanghai; no holiday falls from then to New Year, and the
 * package's calendar (chinese-days, to 2026) leaves 2027 to weekends alone.
 */
/** P3WD from Sat 21 Nov: Mon 23, Tue 24, Wed 25 → the end of Wednesday 25 November. */
const ACTIVITY_DUE = '2026-11-25T16:00:00.000Z';
/** P7WD from Sat 21 Nov: Mon 23 … Fri 27 (5), Mon 30 (6), Tue 1 Dec (7) → the end of Tuesday 1 December. */
const TABLING_DUE = '2026-12-01T16:00:00.000Z';
/** P30WD from Sat 21 Nov: five full weeks 23 Nov … 25 Dec (25), Mon 28 … Thu 31 Dec (29), Fri 1 Jan 2027 (30). */
const RESOLUTION_DUE = '2027-01-01T16:00:00.000Z';
/** P15WD from Sat 21 Nov: three full weeks 23 Nov … 11 Dec → the end of Friday 11 December. */
const REOPENABLE_UNTIL = '2026-12-11T16:00:00.000Z';

describe('the case view', () => {
  it('shows the report and where it is handled, never the sealed personal data', () => {
    const { view } = given((c) => c.report({ reporter: true, location: 'building 3' }));
    expect(view()).toMatchObject({
      id: 'c1',
      status: 'triaged',
      level: 2,
      proposedLevel: 2,
      compoundId: 'compound-xinghua-1',
      communityId: 'community-xinghua',
      stationId: 'station-north',
      category: 'fire_lane_blocked',
      description: 'a car blocks the fire lane',
      location: 'building 3',
      channel: 'branch',
      hasReporter: true,
      evidence: [{ name: 'photo.jpg', sha256: 'a'.repeat(64) }],
      reportedAt: T0,
      reopenCount: 0,
      revisions: [
        { streamId: 'case-c1', revision: 1 },
        { streamId: 'whistle-c1', revision: 0 },
      ],
    });
    expect(JSON.stringify(view())).not.toMatch(/sealed|key-1/);
  });

  it('shows that the reporter’s personal data was erased, when, by whom and why, and nothing else changes', () => {
    const { log, view } = given((c) => c.report({ reporter: true }).whistle());
    const before = view();
    expect(before.reporterErasure).toBeNull();
    log.advance(HOUR);
    new CaseScript(log, 'c1').eraseReporterData('本人申请');
    const { reporterErasure, revisions, version, updatedAt, ...rest } = view();
    expect(reporterErasure).toEqual({ at: at(HOUR), by: { id: 'office-clerk', role: 'office' }, reason: '本人申请' });
    expect({ ...before, reporterErasure, revisions, version, updatedAt }).toEqual({ ...rest, reporterErasure, revisions, version, updatedAt });
  });

  it('shows the whistle round (吹哨), its units and each task as it goes', () => {
    const { view } = given((c, log) => {
      c.report().whistle();
      log.advance(10 * MINUTE);
      c.reportIn('unit-jiaojing').accept('unit-jiaojing').act('unit-jiaojing', 'warning', { actionId: 'a1' }).outcome('unit-jiaojing');
      c.reportIn('unit-xiaofang').decline('unit-xiaofang', false);
    });
    const v = view();
    expect(v.whistle).toEqual({
      whistleId: 'w-c1-1',
      kind: 'whistle',
      level: 2,
      units: ['unit-jiaojing', 'unit-xiaofang'],
      blownAt: T0,
      activityDueAt: null,
    });
    expect(v.units).toEqual([]);
    expect(v.involvedUnits).toEqual(['unit-jiaojing', 'unit-xiaofang']);
    expect(v.tasks).toEqual([
      {
        taskId: 'w-c1-1.unit-jiaojing',
        unitId: 'unit-jiaojing',
        role: 'summoned',
        level: 2,
        whistleId: 'w-c1-1',
        status: 'done',
        assignedAt: T0,
        reportInDueAt: at(30 * MINUTE),
        reportedInAt: at(10 * MINUTE),
        onTime: true,
        acceptedAt: at(10 * MINUTE),
        decline: null,
        actions: [{ actionId: 'a1', kind: 'warning', note: 'warning on site', takenAt: at(10 * MINUTE) }],
        outcome: { result: 'resolved', note: 'done', at: at(10 * MINUTE) },
        superseded: null,
        dueAt: null,
        overdueAt: null,
        overdue: false,
      },
      expect.objectContaining({
        taskId: 'w-c1-1.unit-xiaofang',
        status: 'declined',
        decline: { reason: 'another department is responsible', notOurResponsibility: false, at: at(10 * MINUTE) },
      }),
    ]);
    expect(v.completion).toEqual({
      whistleId: 'w-c1-1',
      level: 2,
      outcomes: [{ unitId: 'unit-jiaojing', result: 'resolved' }],
      completedAt: at(10 * MINUTE),
    });
  });

  it('keeps every level change with its trigger and the round it ended', () => {
    const { view } = given((c) =>
      c.report().whistle(3).reportIn('unit-jiaojing').decline('unit-jiaojing').reportIn('unit-xiaofang').decline('unit-xiaofang'),
    );
    expect(view().levelHistory).toEqual([
      { from: 2, to: 3, trigger: 'station', reason: 'the station judged it differently', at: T0, whistleId: null },
      { from: 3, to: 4, trigger: 'all_declined', reason: 'every summoned unit declined (2 of 2 said it is not their responsibility)', at: T0, whistleId: 'w-c1-1' },
    ]);
    expect(view()).toMatchObject({ level: 4, whistle: null, units: [] });
  });

  describe('deadlines and overdue', () => {
    it('waits for each summoned unit to report in (报到) until it does', () => {
      const { view } = given((c) => c.report().whistle().reportIn('unit-jiaojing'));
      expect(view().units).toEqual(['unit-jiaojing', 'unit-xiaofang']);
      expect(view().deadlines).toEqual([
        { kind: 'report_in', dueAt: at(30 * MINUTE), overdue: false, whistleId: 'w-c1-1', unitId: 'unit-xiaofang', taskId: 'w-c1-1.unit-xiaofang' },
      ]);
      expect(view().overdue).toBe(false);
    });

    it('stops waiting for a report-in the task stream shows, before escalation notes it', () => {
      const { log } = given((c) => c.report().whistle().reportIn('unit-jiaojing'));
      const beforeNoted = log.envelopes.slice(0, -1);
      expect(beforeNoted.at(-1)?.type).toBe('enforcement.TaskReportedIn.v1');
      expect(caseViewOf(beforeNoted, 'c1').deadlines.map((d) => d.unitId)).toEqual(['unit-xiaofang']);
    });

    it('is overdue while the missed report-in is still not done, and not after', () => {
      const log = new EventLog();
      const c = new CaseScript(log, 'c1').report().whistle().reportIn('unit-jiaojing');
      log.advance(31 * MINUTE);
      c.missReportIn('unit-xiaofang');
      const missed = caseViewOf(log.envelopes, 'c1');
      expect(missed.deadlines).toEqual([expect.objectContaining({ kind: 'report_in', unitId: 'unit-xiaofang', overdue: true })]);
      expect(missed.overdue).toBe(true);
      expect(missed.lapses).toEqual([
        { kind: 'report_in_missed', whistleId: 'w-c1-1', unitId: 'unit-xiaofang', dueAt: at(30 * MINUTE), at: at(31 * MINUTE) },
      ]);

      c.reportIn('unit-xiaofang');
      const late = caseViewOf(log.envelopes, 'c1');
      expect(late.deadlines).toEqual([]);
      expect(late.overdue).toBe(false);
      expect(late.tasks.find((t) => t.unitId === 'unit-xiaofang')).toMatchObject({ onTime: false, reportedInAt: at(31 * MINUTE) });
      expect(late.lapses).toHaveLength(1);
    });

    it('waits for the level-1 publicity activity (宣传哨) and flags it once overdue', () => {
      const log = new EventLog();
      const c = new CaseScript(log, 'c1').report().whistle(1, ['unit-xiaofang']);
      expect(caseViewOf(log.envelopes, 'c1')).toMatchObject({
        deadlines: [{ kind: 'activity', dueAt: ACTIVITY_DUE, overdue: false, whistleId: 'w-c1-1' }],
        publicity: { whistleId: 'w-c1-1', status: 'requested', units: ['unit-xiaofang'], dueAt: ACTIVITY_DUE, activity: null },
      });
      pastDue(log, ACTIVITY_DUE);
      c.activityOverdue();
      expect(caseViewOf(log.envelopes, 'c1')).toMatchObject({ overdue: true, deadlines: [{ kind: 'activity', overdue: true }] });
      c.holdActivity();
      const held = caseViewOf(log.envelopes, 'c1');
      expect(held).toMatchObject({ status: 'resolved', overdue: false, deadlines: [], publicity: { status: 'held', activity: { topic: '冬季防火宣传', attendance: 42 } } });
    });

    it('waits for the case to be tabled at a joint meeting, flags the lapse, and stops once tabled', () => {
      const log = new EventLog();
      const c = new CaseScript(log, 'c1').report().whistle(4);
      expect(caseViewOf(log.envelopes, 'c1').deadlines).toEqual([{ kind: 'tabling', dueAt: TABLING_DUE, overdue: false }]);
      pastDue(log, TABLING_DUE);
      c.tablingOverdue();
      expect(caseViewOf(log.envelopes, 'c1')).toMatchObject({ overdue: true, adjudication: { status: 'awaiting_tabling', tablingOverdue: true } });
      scheduleMeeting(log, 'm1', [c]);
      expect(caseViewOf(log.envelopes, 'c1')).toMatchObject({ overdue: false, deadlines: [], adjudication: { status: 'tabled', meetingId: 'm1' } });
    });

    /**
     * A level-4 case resolved with a task for the city management unit, which orders a rectification
     * (限期整改) that is not checked in time; then the time comes for the task's own deadline.
     */
    function resolutionTaskWithUncheckedOrder() {
      const log = new EventLog();
      const c = new CaseScript(log, 'c1', MINGYUE).report().whistle(4);
      scheduleMeeting(log, 'm1', [c]);
      openMeeting(log, 'm1', ['unit-chengguan', 'unit-gongan']);
      c.resolveAt('m1', 'unit-chengguan', []);
      const dueAt = RESOLUTION_DUE;
      expect(caseViewOf(log.envelopes, 'c1').deadlines).toEqual([
        { kind: 'task_due', dueAt, overdue: false, whistleId: 'r-c1-m1', unitId: 'unit-chengguan', taskId: 'r-c1-m1.unit-chengguan' },
      ]);

      const deadline = at(2 * 24 * HOUR);
      c.reportIn('unit-chengguan').accept('unit-chengguan').act('unit-chengguan', 'rectification_order', { actionId: 'order-1', deadline });
      log.advance(2 * 24 * HOUR + HOUR);
      c.rectificationCheckDue('unit-chengguan', 'order-1', deadline);
      const unchecked = caseViewOf(log.envelopes, 'c1');
      expect(unchecked.deadlines).toEqual([
        { kind: 'rectification_check', dueAt: deadline, overdue: true, whistleId: 'r-c1-m1', unitId: 'unit-chengguan', taskId: 'r-c1-m1.unit-chengguan', actionId: 'order-1' },
        expect.objectContaining({ kind: 'task_due', overdue: false }),
      ]);
      expect(unchecked.overdue).toBe(true);

      pastDue(log, dueAt);
      return { log, c, dueAt };
    }

    it("waits for a resolution task's deadline and a rectification order's check (限期整改)", () => {
      const { log, c, dueAt } = resolutionTaskWithUncheckedOrder();
      // The bus may bring escalation the TaskOverdue only after the unit recorded its outcome: until
      // then, only enforcement's own stream says what happened.
      log.world.hold('escalation');
      c.act('unit-chengguan', 'inspection').taskOverdue('unit-chengguan', dueAt);
      const late = caseViewOf(log.envelopes, 'c1');
      expect(late.deadlines).toEqual([expect.objectContaining({ kind: 'task_due', overdue: true })]);
      expect(late.tasks[0]).toMatchObject({ overdue: true, overdueAt: log.now });

      c.outcome('unit-chengguan', 'rectified');
      const done = caseViewOf(log.envelopes, 'c1');
      // Not 'resolved' as before World: only escalation completes the work, and it has heard of
      // neither the overdue nor the outcome yet (see the release below).
      expect(done).toMatchObject({ status: 'in_progress', overdue: false, deadlines: [] });
      expect(done.tasks[0]).toMatchObject({ overdue: false, overdueAt: log.now });
      expect(done.lapses.map((l) => l.kind)).toEqual(['rectification_check_due', 'task_overdue']);

      // Escalation hears the TaskOverdue first (the task stream's order, kept by the bus), while the
      // unit has no outcome in its eyes: it refers the resolution back; the outcome then comes too
      // late for the round, and the task, done, is not superseded.
      log.world.release('escalation');
      const referred = caseViewOf(log.envelopes, 'c1');
      expect(referred).toMatchObject({ status: 'adjudicating', overdue: false, deadlines: [{ kind: 'tabling', overdue: false }] });
      expect(referred.tasks[0]).toMatchObject({ status: 'done', outcome: { result: 'rectified' }, overdue: false, overdueAt: log.now });
      expect(referred.lapses.map((l) => l.kind)).toEqual(['rectification_check_due', 'task_overdue']);
      expect(log.envelopes.filter((e) => e.type.startsWith('escalation.')).slice(-2).map((e) => e.type)).toEqual([
        'escalation.TaskProgressNoted.v1',
        'escalation.ReferredToJointMeeting.v1',
      ]);
    });

    it("refers the resolution back to the joint meeting when escalation hears the task is overdue before the unit records its outcome", () => {
      const { log, c, dueAt } = resolutionTaskWithUncheckedOrder();
      c.act('unit-chengguan', 'inspection').taskOverdue('unit-chengguan', dueAt);
      // Until escalation hears of it, the task is overdue; escalation then refers the resolution back
      // to the joint meeting at once (the domain's rule), which supersedes the task.
      const overdue = log.envelopes.findIndex((e) => e.type === 'enforcement.TaskOverdue.v1');
      const late = caseViewOf(log.envelopes.slice(0, overdue + 1), 'c1');
      expect(late.deadlines).toEqual([expect.objectContaining({ kind: 'task_due', overdue: true })]);
      expect(late.tasks[0]).toMatchObject({ overdue: true, overdueAt: log.now });

      const referred = caseViewOf(log.envelopes, 'c1');
      expect(referred).toMatchObject({ status: 'adjudicating', overdue: false, deadlines: [{ kind: 'tabling', overdue: false }] });
      expect(referred.tasks[0]).toMatchObject({ status: 'superseded', overdue: false, overdueAt: log.now });
      expect(referred.lapses.map((l) => l.kind)).toEqual(['rectification_check_due', 'task_overdue']);
    });

    it('has nothing pending or overdue once the case is withdrawn', () => {
      const log = new EventLog();
      const c = new CaseScript(log, 'c1').report().whistle();
      log.advance(HOUR);
      c.missReportIn('unit-jiaojing');
      expect(caseViewOf(log.envelopes, 'c1').overdue).toBe(true);
      c.withdraw();
      expect(caseViewOf(log.envelopes, 'c1')).toMatchObject({ status: 'withdrawn', overdue: false, deadlines: [], withdrawal: { reason: 'settled between neighbours' } });
      expect(caseViewOf(log.envelopes, 'c1').tasks.map((t) => t.status)).toEqual(['superseded', 'superseded']);
    });
  });

  it("follows the case through the joint meeting: agenda, opinions, deferral, resolution (决议)", () => {
    const { log, view } = given((c, log) => {
      c.report().whistle(4);
      scheduleMeeting(log, 'm1', [c]);
      openMeeting(log, 'm1', []);
      c.deferAt('m1');
      log.advance(HOUR);
      scheduleMeeting(log, 'm2', [c]);
      openMeeting(log, 'm2', ['unit-chengguan', 'unit-gongan']);
      c.opinionAt('m2', 'unit-chengguan', '城管牵头');
      c.resolveAt('m2', 'unit-chengguan', ['unit-gongan']);
    });
    const resolution = {
      meetingId: 'm2',
      resolutionId: 'r-c1-m2',
      leadUnit: 'unit-chengguan',
      supportingUnits: ['unit-gongan'],
      measures: 'joint enforcement',
      deadline: RESOLUTION_DUE,
      adoptedAt: at(HOUR),
    };
    expect(view().adjudication).toEqual({
      status: 'resolved',
      units: ['unit-jiaojing', 'unit-xiaofang'],
      requestedAt: T0,
      tablingDueAt: TABLING_DUE,
      tablingOverdue: false,
      meetingId: 'm2',
      deferrals: 1,
      resolution,
      referredUpwardAt: null,
      withdrawnAt: null,
      meetings: [
        { meetingId: 'm1', tabledAt: T0, opinions: [], decision: { kind: 'deferral', reason: 'no quorum', at: T0 } },
        { meetingId: 'm2', tabledAt: at(HOUR), opinions: [{ unitId: 'unit-chengguan', opinion: '城管牵头', at: at(HOUR) }], decision: { kind: 'resolution', ...resolution } },
      ],
    });
    expect(view()).toMatchObject({
      status: 'whistled',
      whistle: { whistleId: 'r-c1-m2', kind: 'resolution', level: 4, units: ['unit-chengguan', 'unit-gongan'] },
      involvedUnits: ['unit-chengguan', 'unit-gongan', 'unit-jiaojing', 'unit-xiaofang'],
    });
    expect(view().tasks.map((t) => [t.taskId, t.role, t.dueAt])).toEqual([
      ['r-c1-m2.unit-chengguan', 'lead', resolution.deadline],
      ['r-c1-m2.unit-gongan', 'supporting', resolution.deadline],
    ]);
    expect(log.envelopes.some((e) => caseIdsOf(e).length === 0)).toBe(true);
  });

  it('shows the latest resolution when joint enforcement failed and the meeting decided again', () => {
    const { view } = given((c, log) => {
      c.report().whistle(4);
      scheduleMeeting(log, 'm1', [c]);
      openMeeting(log, 'm1', ['unit-chengguan', 'unit-gongan']);
      c.resolveAt('m1', 'unit-chengguan', ['unit-gongan']).reportIn('unit-chengguan').accept('unit-chengguan').act('unit-chengguan').outcome('unit-chengguan', 'unresolved');
    });
    expect(view()).toMatchObject({ status: 'adjudicating', adjudication: { status: 'awaiting_tabling', resolution: { resolutionId: 'r-c1-m1' } } });
    expect(view().tasks.map((t) => t.status)).toEqual(['done', 'superseded']);
    const { view: again } = given((c, log) => {
      c.report().whistle(4);
      scheduleMeeting(log, 'm1', [c]);
      openMeeting(log, 'm1', ['unit-chengguan', 'unit-gongan']);
      c.resolveAt('m1', 'unit-chengguan', ['unit-gongan']).reportIn('unit-chengguan').accept('unit-chengguan').act('unit-chengguan').outcome('unit-chengguan', 'unresolved');
      log.advance(HOUR);
      scheduleMeeting(log, 'm2', [c]);
      openMeeting(log, 'm2', ['unit-zhujian', 'unit-gongan']);
      c.resolveAt('m2', 'unit-zhujian', []);
    });
    expect(again()).toMatchObject({ status: 'whistled', adjudication: { status: 'resolved', meetingId: 'm2', resolution: { resolutionId: 'r-c1-m2', leadUnit: 'unit-zhujian' } } });
  });

  it('keeps every callback (回访); the latest is `callback`; closing and reopening are dated', () => {
    const { log, view } = given((c, log) => {
      c.report().whistle().work().callback('dissatisfied').whistle().work();
      log.advance(HOUR);
      c.callback('basically_satisfied');
    });
    expect(view()).toMatchObject({
      status: 'closed',
      reopenCount: 1,
      closedAt: log.now,
      reopenableUntil: REOPENABLE_UNTIL,
      callback: { result: 'basically_satisfied', note: null, at: log.now },
      callbacks: [expect.objectContaining({ result: 'dissatisfied' }), expect.objectContaining({ result: 'basically_satisfied' })],
    });
    expect(view().tasks.map((t) => t.whistleId)).toEqual(['w-c1-1', 'w-c1-1', 'w-c1-2', 'w-c1-2']);
  });

  it('counts each applied event in `version` and keeps the latest occurredAt', () => {
    const { log, view } = given((c, log) => {
      c.report();
      log.advance(HOUR);
      c.whistle();
    });
    expect(view().version).toBe(log.envelopes.length);
    expect(view().updatedAt).toBe(at(HOUR));
  });

  describe('idempotency', () => {
    const scenario = () =>
      given((c, log) => {
        c.report().whistle().reportIn('unit-jiaojing');
        log.advance(HOUR);
        c.missReportIn('unit-xiaofang').reportIn('unit-xiaofang').decline('unit-xiaofang');
        c.accept('unit-jiaojing').act('unit-jiaojing').outcome('unit-jiaojing').callback('satisfied');
      }).log.envelopes;

    it('applying every event twice gives the view of applying it once', () => {
      const once = foldCaseViews(scenario());
      const twice = foldCaseViews(scenario().flatMap((e) => [e, e]));
      expect(twice).toEqual(once);
    });

    it('an event redelivered long after is ignored: the same view object comes back', () => {
      const events = scenario();
      const view = caseViewOf(events, 'c1');
      for (const old of events) expect(evolveCaseView(view, old)).toBe(view);
    });
  });

  it('leaves out events of other cases, of no case, and of types it does not know', () => {
    const { log, view } = given((c) => c.report());
    const v = view();
    const first = log.envelopes[0] as EventEnvelope;
    const other = { ...first, data: { ...(first.data as object), caseId: 'c2' } };
    expect(evolveCaseView(v, other)).toBeUndefined();
    expect(evolveCaseView(v, { ...first, revision: 9, type: 'intake.CaseRenamed.v9' })).toBeUndefined();
    const opened = { ...first, streamId: 'meeting-m1', type: 'adjudication.MeetingOpened.v1', data: { meetingId: 'm1', openedAt: T0 } };
    expect(caseIdsOf(opened)).toEqual([]);
    expect(evolveCaseView(undefined, opened)).toBeUndefined();
  });
});
