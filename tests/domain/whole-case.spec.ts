import { loadCatalogue } from '@whistle/catalogue';
import type { AnyEvent } from '@whistle/contracts';
import { intakeContext, openCasesOf } from '@whistle/intake-domain';
import { World } from '@whistle/testing';

/**
 * One case's whole life through the four domains and their reactions, on the default catalogue.
 * These are the paths the end-to-end suites will drive through HTTP; here they prove the pure
 * layer agrees with itself.
 */
const catalogue = loadCatalogue();
const START = '2026-11-21T08:00:00.000Z';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function report(world: World, caseId: string, category: string, compoundId = 'compound-xinghua-1'): AnyEvent[] {
  const category_ = catalogue.categories.find((c) => c.id === category);
  const compound = catalogue.compounds.find((c) => c.id === compoundId);
  const community = catalogue.communities.find((c) => c.id === compound?.communityId);
  return world.run(`case-${caseId}`, {
    type: 'ReportCase',
    caseId,
    compoundId,
    category,
    description: 'reported by the party branch',
    channel: 'branch',
    evidence: [],
    compound: community && { communityId: community.id, stationId: community.stationId },
    categoryEntry: category_ && { defaultLevel: category_.defaultLevel, unitIds: category_.unitIds },
    openCases: [],
    duplicateWindow: catalogue.deadlines.duplicateWindow,
    now: world.now,
  });
}

const types = (events: AnyEvent[]) => events.map((e) => e.type);
const whistle = (world: World, caseId: string, level: number, extra: object = {}) =>
  world.run(`whistle-${caseId}`, { type: 'BlowWhistle', whistleId: `w-${caseId}-${level}`, level, knownUnits: world.knownUnits, deadlines: world.deadlines, now: world.now, ...extra });
const task = (world: World, taskId: string, command: object) => world.run(`task-${taskId}`, { ...command, now: world.now });

describe('a whole case through the four domains', () => {
  it('level 2: summoned, reported in, resolved, called back and closed (办结)', () => {
    const world = new World(catalogue, START);
    expect(types(report(world, 'c1', 'fire_lane_blocked'))).toEqual(['intake.CaseReported.v1', 'intake.CaseRouted.v1']);
    expect(world.state('whistle-c1')).toMatchObject({ status: 'awaiting_whistle', level: 2, stationId: 'station-north' });

    whistle(world, 'c1', 2);
    const taskIds = ['w-c1-2.unit-jiaojing', 'w-c1-2.unit-xiaofang'];
    for (const id of taskIds) expect(world.state(`task-${id}`)).toMatchObject({ status: 'assigned', level: 2 });

    world.advance(10 * MINUTE);
    for (const id of taskIds) {
      task(world, id, { type: 'ReportIn' });
      task(world, id, { type: 'AcceptTask' });
      task(world, id, { type: 'RecordAction', actionId: `${id}-a1`, kind: 'persuasion', note: 'asked the owner to move the car' });
      task(world, id, { type: 'RecordOutcome', result: 'resolved', note: 'the car was moved' });
    }
    expect(world.state('whistle-c1')).toMatchObject({ status: 'completed' });
    expect(world.state('case-c1')).toMatchObject({ status: 'resolved' });

    world.run('case-c1', { type: 'RecordCallback', result: 'satisfied', reopenWindow: catalogue.deadlines.reopenWindow, calendar: world.calendar, now: world.now });
    expect(world.state('case-c1')).toMatchObject({ status: 'closed' });
    expect(world.state('whistle-c1')).toMatchObject({ status: 'stood_down', because: 'closed' });
  });

  it('level 2 raised to 3 when persuasion (劝导) fails, the other task superseded', () => {
    const world = new World(catalogue, START);
    report(world, 'c2', 'late_night_noise');
    whistle(world, 'c2', 2, { units: ['unit-gongan', 'unit-wuye'] });
    task(world, 'w-c2-2.unit-gongan', { type: 'ReportIn' });
    task(world, 'w-c2-2.unit-gongan', { type: 'AcceptTask' });
    task(world, 'w-c2-2.unit-gongan', { type: 'RecordAction', actionId: 'a1', kind: 'persuasion', note: 'talked to the neighbours' });
    task(world, 'w-c2-2.unit-gongan', { type: 'RecordOutcome', result: 'persuasion_failed', note: 'they refused' });

    expect(world.state('whistle-c2')).toMatchObject({ status: 'awaiting_whistle', level: 3 });
    expect(world.state('task-w-c2-2.unit-wuye')).toMatchObject({ status: 'superseded' });
    expect(world.eventsOf('whistle-c2').find((e) => e.type === 'escalation.LevelRaised.v1')?.data).toMatchObject({ from: 2, to: 3, trigger: 'persuasion_failed' });
  });

  it('level 2 escalates by itself when a unit misses its report-in deadline and the grace period', () => {
    const world = new World(catalogue, START);
    report(world, 'c3', 'flying_wire_charging');
    whistle(world, 'c3', 2);
    task(world, 'w-c3-2.unit-wuye', { type: 'ReportIn' });

    world.advance(30 * MINUTE);
    world.fireDueDeadlines();
    expect(types(world.eventsOf('whistle-c3'))).toContain('escalation.ReportInMissed.v1');
    expect(world.state('whistle-c3')).toMatchObject({ status: 'in_progress', level: 2 });

    world.advance(HOUR);
    world.fireDueDeadlines();
    expect(world.state('whistle-c3')).toMatchObject({ status: 'awaiting_whistle', level: 3 });
    world.fireDueDeadlines();
    expect(world.eventsOf('whistle-c3').filter((e) => e.type === 'escalation.LevelRaised.v1')).toHaveLength(1);
  });

  it('level 3 to 4 by two "not our responsibility" declines, deferred without quorum, resolved with quorum, jointly enforced and closed', () => {
    const world = new World(catalogue, START);
    report(world, 'c4', 'uncivil_dog_keeping');
    whistle(world, 'c4', 3);
    for (const unit of ['unit-gongan', 'unit-chengguan']) {
      task(world, `w-c4-3.${unit}`, { type: 'ReportIn' });
      task(world, `w-c4-3.${unit}`, { type: 'DeclineTask', reason: 'another department is responsible', notOurResponsibility: true });
    }
    expect(world.state('whistle-c4')).toMatchObject({ status: 'adjudicating', level: 4 });
    expect(world.state('adjudication-c4')).toMatchObject({ status: 'awaiting_tabling' });

    const meeting = (id: string, present: string[]) => {
      world.advance(HOUR);
      world.run(`meeting-${id}`, {
        type: 'ScheduleMeeting',
        meetingId: id,
        scheduledAt: new Date(Date.parse(world.now) + HOUR).toISOString(),
        place: '镇综治中心会议室',
        invitedUnits: ['unit-gongan', 'unit-chengguan', 'unit-zhujian'],
        pendingCases: ['c4'],
        knownUnits: world.knownUnits,
        quorumShare: catalogue.policies.quorumShare,
        now: world.now,
      });
      world.run(`meeting-${id}`, { type: 'OpenMeeting', now: world.now });
      for (const unitId of present) world.run(`meeting-${id}`, { type: 'RecordAttendance', unitId, present: true, now: world.now });
    };

    meeting('m1', ['unit-gongan']);
    expect(world.state('adjudication-c4')).toMatchObject({ status: 'tabled', meetingId: 'm1' });
    expect(() =>
      world.run('meeting-m1', {
        type: 'AdoptResolution',
        caseId: 'c4',
        resolutionId: 'r0',
        leadUnit: 'unit-gongan',
        supportingUnits: [],
        measures: 'x',
        defaultDeadline: catalogue.deadlines.resolutionTasks,
        calendar: world.calendar,
        knownUnits: world.knownUnits,
        now: world.now,
      }),
    ).toThrow(/quorum|present/);
    world.run('meeting-m1', { type: 'DeferCase', caseId: 'c4', reason: 'no quorum (不足法定人数)', now: world.now });
    world.run('meeting-m1', { type: 'CloseMeeting', now: world.now });
    expect(world.state('adjudication-c4')).toMatchObject({ status: 'awaiting_tabling', deferrals: 1 });

    meeting('m2', ['unit-gongan', 'unit-chengguan']);
    world.run('meeting-m2', { type: 'RecordOpinion', caseId: 'c4', unitId: 'unit-chengguan', opinion: '城管牵头，公安配合', now: world.now });
    world.run('meeting-m2', {
      type: 'AdoptResolution',
      caseId: 'c4',
      resolutionId: 'r1',
      leadUnit: 'unit-chengguan',
      supportingUnits: ['unit-gongan'],
      measures: 'joint inspection and seizure of the unleashed dogs',
      defaultDeadline: catalogue.deadlines.resolutionTasks,
      calendar: world.calendar,
      knownUnits: world.knownUnits,
      now: world.now,
    });
    expect(world.state('adjudication-c4')).toMatchObject({ status: 'resolved' });
    expect(world.state('whistle-c4')).toMatchObject({ status: 'in_progress', level: 4 });
    expect(world.state('task-r1.unit-chengguan')).toMatchObject({ status: 'assigned', role: 'lead', level: 4 });
    expect(world.state('task-r1.unit-gongan')).toMatchObject({ status: 'assigned', role: 'supporting' });

    for (const id of ['r1.unit-chengguan', 'r1.unit-gongan']) {
      task(world, id, { type: 'ReportIn' });
      task(world, id, { type: 'AcceptTask' });
      task(world, id, { type: 'RecordAction', actionId: `${id}-a`, kind: 'inspection', note: 'joint inspection' });
      task(world, id, { type: 'RecordOutcome', result: 'resolved', note: 'done' });
    }
    expect(world.state('case-c4')).toMatchObject({ status: 'resolved' });
    world.run('case-c4', { type: 'RecordCallback', result: 'basically_satisfied', reopenWindow: catalogue.deadlines.reopenWindow, calendar: world.calendar, now: world.now });
    expect(world.state('case-c4')).toMatchObject({ status: 'closed' });
  });

  it('level 1: the publicity activity completes the work; a dissatisfied callback reopens the case', () => {
    const world = new World(catalogue, START);
    report(world, 'c5', 'fire_theft_publicity');
    whistle(world, 'c5', 1);
    world.advance(24 * HOUR);
    world.run('publicity-c5', {
      type: 'RecordActivity',
      activityId: 'act-1',
      heldAt: world.now,
      topic: '冬季防火宣传',
      units: ['unit-xiaofang'],
      attendance: 42,
      knownUnits: world.knownUnits,
      now: world.now,
    });
    expect(world.state('case-c5')).toMatchObject({ status: 'resolved' });
    world.run('case-c5', { type: 'RecordCallback', result: 'dissatisfied', note: 'nobody told us', reopenWindow: 'P15D', calendar: world.calendar, now: world.now });
    expect(world.state('case-c5')).toMatchObject({ status: 'open', reopenCount: 1 });
    expect(world.state('whistle-c5')).toMatchObject({ status: 'awaiting_whistle', level: 1 });
  });

  it('a case deferred more often than the policy allows is referred upward and stands down', () => {
    const world = new World(catalogue, START);
    report(world, 'c6', 'existing_illegal_building');
    whistle(world, 'c6', 4);
    for (let n = 1; n <= catalogue.policies.maxDeferrals + 1; n += 1) {
      world.advance(HOUR);
      const id = `m${n}`;
      world.run(`meeting-${id}`, {
        type: 'ScheduleMeeting',
        meetingId: id,
        scheduledAt: new Date(Date.parse(world.now) + HOUR).toISOString(),
        place: 'hall',
        invitedUnits: ['unit-chengguan', 'unit-zhujian', 'unit-ziran-ziyuan'],
        pendingCases: ['c6'],
        knownUnits: world.knownUnits,
        quorumShare: 0.5,
        now: world.now,
      });
      world.run(`meeting-${id}`, { type: 'OpenMeeting', now: world.now });
      world.run(`meeting-${id}`, { type: 'CloseMeeting', now: world.now });
    }
    expect(world.state('adjudication-c6')).toMatchObject({ status: 'referred_upward', deferrals: 3 });
    expect(world.state('whistle-c6')).toMatchObject({ status: 'stood_down', because: 'referred_upward' });
    expect(world.state('case-c6')).toMatchObject({ status: 'referred_upward' });
  });
});

const schedule = (world: World, id: string, pendingCases: string[], invitedUnits = ['unit-chengguan', 'unit-zhujian', 'unit-ziran-ziyuan']) =>
  world.run(`meeting-${id}`, {
    type: 'ScheduleMeeting',
    meetingId: id,
    scheduledAt: new Date(Date.parse(world.now) + HOUR).toISOString(),
    place: 'hall',
    invitedUnits,
    pendingCases,
    knownUnits: world.knownUnits,
    quorumShare: 0.5,
    now: world.now,
  });

describe('review regressions across the domains', () => {
  it('a case lowered from level 4 leaves the meeting’s agenda: no resolution can be adopted for it', () => {
    const world = new World(catalogue, START);
    report(world, 'r1', 'existing_illegal_building');
    whistle(world, 'r1', 4);
    schedule(world, 'm1', ['r1']);
    expect(world.state('adjudication-r1')).toMatchObject({ status: 'tabled', meetingId: 'm1' });

    world.run('whistle-r1', { type: 'ChangeLevel', level: 3, reason: 'the owner agreed to demolish it', by: 'station', deadlines: world.deadlines, now: world.now });
    expect(world.state('adjudication-r1')).toMatchObject({ status: 'withdrawn' });
    expect(world.state('meeting-m1')).toMatchObject({ agenda: [{ caseId: 'r1', withdrawal: { reason: expect.stringContaining('lowered to level 3') } }] });

    world.run('meeting-m1', { type: 'OpenMeeting', now: world.now });
    for (const unitId of ['unit-chengguan', 'unit-zhujian']) world.run('meeting-m1', { type: 'RecordAttendance', unitId, present: true, now: world.now });
    expect(() =>
      world.run('meeting-m1', {
        type: 'AdoptResolution',
        caseId: 'r1',
        resolutionId: 'res-1',
        leadUnit: 'unit-chengguan',
        supportingUnits: [],
        measures: 'demolish',
        defaultDeadline: 'P30D',
        calendar: world.calendar,
        knownUnits: world.knownUnits,
        now: world.now,
      }),
    ).toThrow(/withdrawn from the agenda/);
    world.run('meeting-m1', { type: 'CloseMeeting', now: world.now });
    expect(world.eventsOf('task-')).toEqual([]);
  });

  it('one decline and a unit that reports in but never answers: after its grace the case goes to the joint meeting', () => {
    const world = new World(catalogue, START);
    report(world, 'r2', 'fire_lane_blocked');
    whistle(world, 'r2', 2);
    task(world, 'w-r2-2.unit-xiaofang', { type: 'ReportIn' });
    task(world, 'w-r2-2.unit-xiaofang', { type: 'DeclineTask', reason: 'traffic police’s job', notOurResponsibility: true });
    task(world, 'w-r2-2.unit-jiaojing', { type: 'ReportIn' });

    world.advance(30 * MINUTE);
    world.fireDueDeadlines();
    expect(types(world.eventsOf('whistle-r2'))).toContain('escalation.ResponseMissed.v1');
    world.advance(HOUR);
    world.fireDueDeadlines();
    expect(world.state('whistle-r2')).toMatchObject({ status: 'adjudicating', level: 4 });
    expect(world.eventsOf('whistle-r2').find((e) => e.type === 'escalation.LevelRaised.v1')?.data).toMatchObject({ to: 4, trigger: 'all_declined' });
    expect(world.state('task-w-r2-2.unit-jiaojing')).toMatchObject({ status: 'superseded' });
  });

  it('a deferred case goes on the next scheduled meeting’s agenda, with a new tabling deadline', () => {
    const world = new World(catalogue, START);
    report(world, 'r3', 'existing_illegal_building');
    whistle(world, 'r3', 4);
    schedule(world, 'm1', ['r3']);
    world.run('meeting-m1', { type: 'OpenMeeting', now: world.now });
    schedule(world, 'm2', []);
    world.run('meeting-m1', { type: 'CloseMeeting', now: world.now });

    expect(world.state('meeting-m2')).toMatchObject({ agenda: [{ caseId: 'r3' }] });
    expect(world.state('adjudication-r3')).toMatchObject({ status: 'tabled', meetingId: 'm2', deferrals: 1 });
  });

  it('a redelivered old level change does not end the round that followed it', () => {
    const world = new World(catalogue, START);
    report(world, 'r4', 'late_night_noise');
    whistle(world, 'r4', 2);
    const [raised] = world.run('whistle-r4', { type: 'ChangeLevel', level: 3, reason: 'repeat offender', by: 'station', deadlines: world.deadlines, now: world.now });
    whistle(world, 'r4', 3, { units: ['unit-gongan'] });
    expect(world.state('task-w-r4-3.unit-gongan')).toMatchObject({ status: 'assigned' });
    // Replaying the old change's reactions, as a redelivery would, leaves the new task alone.
    world.redeliver(raised!);
    expect(world.state('task-w-r4-3.unit-gongan')).toMatchObject({ status: 'assigned' });
  });
});

describe("intake's look-up of the cases a report may repeat", () => {
  it('reads the open cases of the same compound and category only, and drops a case once it ends', () => {
    const world = new World(catalogue, START);
    report(world, 'a', 'fire_lane_blocked');
    report(world, 'b', 'late_night_noise');
    report(world, 'c', 'fire_lane_blocked', 'compound-xinghua-2');
    const open = (compoundId: string, category: string) => openCasesOf(world.view(intakeContext), compoundId, category).map((c) => c.caseId);
    expect(open('compound-xinghua-1', 'fire_lane_blocked')).toEqual(['a']);
    expect(open('compound-xinghua-1', 'late_night_noise')).toEqual(['b']);
    expect(open('compound-xinghua-2', 'fire_lane_blocked')).toEqual(['c']);
    expect(open('compound-xinghua-2', 'late_night_noise')).toEqual([]);
    world.run('case-a', { type: 'WithdrawCase', reason: 'the car was moved', now: world.now });
    expect(open('compound-xinghua-1', 'fire_lane_blocked')).toEqual([]);
    expect(open('compound-xinghua-1', 'late_night_noise')).toEqual(['b']);
  });
});
