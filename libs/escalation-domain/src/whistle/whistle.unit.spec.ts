import { runWorkflow, fold } from '@whistle/kernel';
import { CHINA_2026, specFor } from '@whistle/kernel/testing';
import type { EscalationEvent } from '@whistle/contracts';
import { deadlinesFor, escalationDeadlinesOf, whistleWorkflow, type BlowWhistle, type EscalationDeadlines, type NoteTaskProgress } from './whistle.decide';

const spec = specFor(whistleWorkflow);
const T0 = '2026-11-21T08:00:00.000Z';
const T1 = '2026-11-21T08:10:00.000Z';
const deadlines: EscalationDeadlines = {
  reportIn: { '2': 'PT30M', '3': 'PT2H' },
  grace: { '2': 'PT1H', '3': 'PT1H' },
  activity: 'P3D',
  tabling: 'P7D',
  calendar: CHINA_2026,
};
const knownUnits = ['unit-police', 'unit-fire', 'unit-chengguan', 'unit-housing'];

const triage = (level: 1 | 2 | 3 | 4 = 2): EscalationEvent => ({
  type: 'escalation.TriageOpened.v1',
  data: {
    caseId: 'c1',
    stationId: 'station-a',
    communityId: 'community-a',
    compoundId: 'compound-a',
    category: 'fire_lane_blocked',
    level,
    proposedUnits: ['unit-police', 'unit-fire'],
    openedAt: T0,
  },
});
const blow = (overrides: Partial<BlowWhistle> = {}): BlowWhistle => ({
  type: 'BlowWhistle',
  whistleId: 'w1',
  level: 2,
  knownUnits,
  deadlines,
  now: T0,
  ...overrides,
});
const blown2: EscalationEvent = {
  type: 'escalation.WhistleBlown.v1',
  data: {
    caseId: 'c1',
    whistleId: 'w1', stationId: 'station-a',
    level: 2,
    units: [
      { unitId: 'unit-police', reportInDueAt: '2026-11-21T08:30:00.000Z' },
      { unitId: 'unit-fire', reportInDueAt: '2026-11-21T08:30:00.000Z' },
    ],
    blownAt: T0,
  },
};
const progress = (unitId: string, step: NoteTaskProgress['step'], extra: Partial<NoteTaskProgress> = {}): NoteTaskProgress => ({
  type: 'NoteTaskProgress',
  whistleId: 'w1',
  taskId: `w1.${unitId}`,
  unitId,
  step,
  deadlines,
  now: T1,
  ...extra,
});
const noted = (unitId: string, step: NoteTaskProgress['step'], extra: Record<string, unknown> = {}, whistleId = 'w1'): EscalationEvent => ({
  type: 'escalation.TaskProgressNoted.v1',
  data: { caseId: 'c1', whistleId, taskId: `${whistleId}.${unitId}`, unitId, step, ...extra, stationId: 'station-a', at: T1 } as never,
});
const referral = (units: string[], reason: string, at = T1): EscalationEvent => ({
  type: 'escalation.ReferredToJointMeeting.v1',
  data: { caseId: 'c1', units, reason, tablingDueAt: new Date(Date.parse(at) + 7 * 86_400_000).toISOString(), referredAt: at },
});

describe('escalation: triage', () => {
  it('opens triage at the catalogue’s proposed level when intake routes the case', () => {
    spec
      .given()
      .when({
        type: 'OpenTriage',
        caseId: 'c1',
        stationId: 'station-a',
        communityId: 'community-a',
        compoundId: 'compound-a',
        category: 'fire_lane_blocked',
        proposedLevel: 2,
        proposedUnits: ['unit-police', 'unit-fire'],
        now: T0,
      })
      .then(triage());
  });
  it('ignores a redelivered routing', () => {
    spec.given(triage()).when({ type: 'OpenTriage', caseId: 'c1', stationId: 's', communityId: 'c', compoundId: 'x', category: 'y', proposedLevel: 2, proposedUnits: [], now: T0 }).thenNothing();
  });
});

describe('escalation: the whistle (吹哨) per level', () => {
  it('level 2 summons the catalogue’s units, each with a 30-minute report-in (报到) deadline', () => {
    spec.given(triage()).when(blow()).then(blown2);
  });

  it('schedules one report-in deadline per summoned unit', () => {
    const { outputs } = runWorkflow(whistleWorkflow, blow(), fold(whistleWorkflow, [triage()]));
    expect(outputs.filter((o) => o.kind === 'schedule')).toEqual([
      { kind: 'schedule', deadline: { id: 'report_in:w1:unit-police', kind: 'report_in', dueAt: '2026-11-21T08:30:00.000Z' } },
      { kind: 'schedule', deadline: { id: 'report_in:w1:unit-fire', kind: 'report_in', dueAt: '2026-11-21T08:30:00.000Z' } },
    ]);
  });

  it('changing the proposed level at the whistle needs a reason', () => {
    spec.given(triage()).when(blow({ level: 3 })).thenInvalid('reason', /changing level 2 to 3/);
  });

  it('level 3 with a reason records the raise and a 2-hour report-in deadline', () => {
    spec
      .given(triage())
      .when(blow({ level: 3, reason: 'the owner refused to move the car', units: ['unit-police'] }))
      .then(
        { type: 'escalation.LevelRaised.v1', data: { caseId: 'c1', from: 2, to: 3, trigger: 'station', reason: 'the owner refused to move the car', raisedAt: T0 } },
        {
          type: 'escalation.WhistleBlown.v1',
          data: {
            caseId: 'c1',
            whistleId: 'w1', stationId: 'station-a',
            level: 3,
            units: [{ unitId: 'unit-police', reportInDueAt: '2026-11-21T10:00:00.000Z' }],
            reason: 'the owner refused to move the car',
            blownAt: T0,
          },
        },
      );
  });

  it('level 1 (宣传哨) asks for a publicity activity within three days; lowering needs a reason too', () => {
    spec
      .given(triage())
      .when(blow({ level: 1, reason: 'residents asked for fire-safety advice' }))
      .then(
        { type: 'escalation.LevelLowered.v1', data: { caseId: 'c1', from: 2, to: 1, trigger: 'station', reason: 'residents asked for fire-safety advice', loweredAt: T0 } },
        {
          type: 'escalation.WhistleBlown.v1',
          data: {
            caseId: 'c1',
            whistleId: 'w1', stationId: 'station-a',
            level: 1,
            units: [{ unitId: 'unit-police' }, { unitId: 'unit-fire' }],
            activityDueAt: '2026-11-24T08:00:00.000Z',
            reason: 'residents asked for fire-safety advice',
            blownAt: T0,
          },
        },
      );
  });

  it('level 4 (攻坚哨) refers the case to the joint meeting, to be tabled within seven days', () => {
    spec
      .given(triage(4))
      .when(blow({ level: 4, units: ['unit-chengguan', 'unit-housing'] }))
      .then(
        {
          type: 'escalation.WhistleBlown.v1',
          data: { caseId: 'c1', whistleId: 'w1', stationId: 'station-a', level: 4, units: [{ unitId: 'unit-chengguan' }, { unitId: 'unit-housing' }], blownAt: T0 },
        },
        referral(['unit-chengguan', 'unit-housing'], 'tough-problem whistle (攻坚哨)', T0),
      );
    expect(spec.given(triage(4), ...spec.given(triage(4)).when(blow({ level: 4 })).events()).state()).toMatchObject({ status: 'adjudicating', level: 4 });
  });

  it('refuses an unknown unit, naming its place', () => {
    spec.given(triage()).when(blow({ units: ['unit-police', 'unit-nobody'] })).thenInvalid('units[1]', /unknown unit "unit-nobody"/);
  });
  it('refuses a unit summoned twice', () => {
    spec.given(triage()).when(blow({ units: ['unit-fire', 'unit-fire'] })).thenInvalid('units[1]', /twice/);
  });
  it('refuses a whistle without units', () => {
    spec.given(triage()).when(blow({ units: [] })).thenInvalid('units');
  });
  it('refuses a level outside 1–4', () => {
    spec.given(triage()).when(blow({ level: 5 as never, reason: 'x' })).thenInvalid('level');
  });
  it('refuses a second whistle while units are at work', () => {
    spec.given(triage(), blown2).when(blow({ whistleId: 'w2' })).thenRefused('whistle.in_progress', /change the level to summon again|units that are at work/);
  });
  it('refuses a whistle before the case was routed', () => {
    spec.given().when(blow()).thenRefused('whistle.none', /has not been routed/);
  });
});

describe('escalation: the units’ responses', () => {
  it('notes a report-in once, which ends that unit’s report-in deadline', () => {
    const reportedIn = noted('unit-police', 'reported_in', { respondBy: '2026-11-21T08:40:00.000Z' });
    spec.given(triage(), blown2).when(progress('unit-police', 'reported_in')).then(reportedIn);
    spec.given(triage(), blown2, reportedIn).when(progress('unit-police', 'reported_in')).thenNothing();
    const state = spec.given(triage(), blown2, reportedIn).state();
    expect(whistleWorkflow.deadlines(state).map((d) => d.id)).toEqual(['response:w1:unit-police', 'report_in:w1:unit-fire']);
  });

  it('ignores steps of an earlier round or of a unit that was not summoned', () => {
    spec.given(triage(), blown2).when(progress('unit-police', 'accepted', { whistleId: 'w0' })).thenNothing();
    spec.given(triage(), blown2).when(progress('unit-housing', 'accepted')).thenNothing();
  });

  it('completes the work when every summoned unit has its outcome', () => {
    const history = [triage(), blown2, noted('unit-police', 'accepted'), noted('unit-fire', 'accepted'), noted('unit-police', 'outcome', { result: 'resolved' })];
    spec
      .given(...history)
      .when(progress('unit-fire', 'outcome', { result: 'resolved' }))
      .then(noted('unit-fire', 'outcome', { result: 'resolved' }), {
        type: 'escalation.WorkCompleted.v1',
        data: {
          caseId: 'c1',
          whistleId: 'w1',
          level: 2,
          outcomes: [
            { unitId: 'unit-police', result: 'resolved' },
            { unitId: 'unit-fire', result: 'resolved' },
          ],
          completedAt: T1,
        },
      });
  });

  it('waits while another summoned unit has no outcome yet', () => {
    spec
      .given(triage(), blown2, noted('unit-police', 'accepted'))
      .when(progress('unit-police', 'outcome', { result: 'resolved' }))
      .then(noted('unit-police', 'outcome', { result: 'resolved' }));
  });

  it('completes with the accepting unit’s outcome when the other unit declined', () => {
    const history = [triage(), blown2, noted('unit-fire', 'declined', { notOurResponsibility: true }), noted('unit-police', 'accepted')];
    const events = spec.given(...history).when(progress('unit-police', 'outcome', { result: 'rectified' })).events();
    expect(events[1]).toMatchObject({ type: 'escalation.WorkCompleted.v1', data: { outcomes: [{ unitId: 'unit-police', result: 'rectified' }] } });
  });

  it('raises level 2 to 3 when persuasion (劝导) fails', () => {
    spec
      .given(triage(), blown2, noted('unit-police', 'accepted'))
      .when(progress('unit-police', 'outcome', { result: 'persuasion_failed' }))
      .then(noted('unit-police', 'outcome', { result: 'persuasion_failed' }), {
        type: 'escalation.LevelRaised.v1',
        data: { caseId: 'c1', from: 2, to: 3, trigger: 'persuasion_failed', reason: 'persuasion (劝导) failed: unit-police', endedWhistleId: 'w1', raisedAt: T1 },
      });
  });

  it('after a raise the case waits for the station’s whistle at the new level and no deadline runs', () => {
    const raised: EscalationEvent = {
      type: 'escalation.LevelRaised.v1',
      data: { caseId: 'c1', from: 2, to: 3, trigger: 'persuasion_failed', reason: 'x', raisedAt: T1 },
    };
    const state = spec.given(triage(), blown2, raised).state();
    expect(state).toMatchObject({ status: 'awaiting_whistle', level: 3 });
    expect(whistleWorkflow.deadlines(state)).toEqual([]);
    const [again] = spec.given(triage(), blown2, raised).when(blow({ whistleId: 'w2', level: 3 })).events();
    expect(again).toMatchObject({ type: 'escalation.WhistleBlown.v1', data: { whistleId: 'w2', level: 3 } });
  });

  it('treats a failed persuasion at level 3 as an outcome, not a raise', () => {
    const blown3: EscalationEvent = {
      type: 'escalation.WhistleBlown.v1',
      data: { caseId: 'c1', whistleId: 'w1', stationId: 'station-a', level: 3, units: [{ unitId: 'unit-police', reportInDueAt: T1 }], blownAt: T0 },
    };
    const events = spec.given(triage(3), blown3, noted('unit-police', 'accepted')).when(progress('unit-police', 'outcome', { result: 'persuasion_failed' })).events();
    expect(events.map((e) => e.type)).toEqual(['escalation.TaskProgressNoted.v1', 'escalation.WorkCompleted.v1']);
  });

  it('takes the case to level 4 when an outcome says several units must act together', () => {
    spec
      .given(triage(), blown2, noted('unit-police', 'accepted'))
      .when(progress('unit-police', 'outcome', { result: 'needs_joint_action' }))
      .then(
        noted('unit-police', 'outcome', { result: 'needs_joint_action' }),
        {
          type: 'escalation.LevelRaised.v1',
          data: {
            caseId: 'c1',
            from: 2,
            to: 4,
            trigger: 'joint_action_needed',
            reason: 'unit-police found that several units must act together',
            endedWhistleId: 'w1',
            raisedAt: T1,
          },
        },
        referral(['unit-police', 'unit-fire'], 'unit-police found that several units must act together'),
      );
  });

  it('waits after one "not our responsibility" decline while another unit may still accept', () => {
    spec
      .given(triage(), blown2)
      .when(progress('unit-fire', 'declined', { notOurResponsibility: true }))
      .then(noted('unit-fire', 'declined', { notOurResponsibility: true }));
  });

  it('takes the case to level 4 when every summoned unit declined', () => {
    const reason = 'every summoned unit declined (2 of 2 said it is not their responsibility)';
    spec
      .given(triage(), blown2, noted('unit-fire', 'declined', { notOurResponsibility: true }))
      .when(progress('unit-police', 'declined', { notOurResponsibility: true }))
      .then(
        noted('unit-police', 'declined', { notOurResponsibility: true }),
        { type: 'escalation.LevelRaised.v1', data: { caseId: 'c1', from: 2, to: 4, trigger: 'all_declined', reason, endedWhistleId: 'w1', raisedAt: T1 } },
        referral(['unit-police', 'unit-fire'], reason),
      );
  });
});

describe('escalation: deadlines and grace', () => {
  const due = '2026-11-21T08:30:00.000Z';
  const graceEnd = '2026-11-21T09:30:00.000Z';
  const missed: EscalationEvent = {
    type: 'escalation.ReportInMissed.v1',
    data: { caseId: 'c1', whistleId: 'w1', unitId: 'unit-fire', dueAt: due, graceUntil: graceEnd, stationId: 'station-a', missedAt: due },
  };
  const reached = (deadlineId: string, now: string) => ({ type: 'DeadlineReached' as const, deadlineId, deadlines, now });

  it('records a missed report-in and starts the grace period', () => {
    spec.given(triage(), blown2).when(reached('report_in:w1:unit-fire', due)).then(missed);
  });
  it('ignores a timeout that arrives early', () => {
    spec.given(triage(), blown2).when(reached('report_in:w1:unit-fire', T1)).thenNothing();
  });
  it('raises the level one step when the grace period ends without a report-in', () => {
    spec
      .given(triage(), blown2, missed)
      .when(reached('grace:w1:unit-fire', graceEnd))
      .then({
        type: 'escalation.LevelRaised.v1',
        data: {
          caseId: 'c1',
          from: 2,
          to: 3,
          trigger: 'deadline_missed',
          reason: `unit-fire did not report in (报到) by its deadline and the grace period ended at ${graceEnd}`,
          endedWhistleId: 'w1',
          raisedAt: graceEnd,
        },
      });
  });
  it('does nothing when the unit reported in during the grace period', () => {
    spec.given(triage(), blown2, missed, noted('unit-fire', 'reported_in')).when(reached('grace:w1:unit-fire', graceEnd)).thenNothing();
  });
  it('fires each deadline once: a second timeout for the same deadline is stale', () => {
    spec.given(triage(), blown2, missed).when(reached('report_in:w1:unit-fire', graceEnd)).thenNothing();
  });
  it('marks the level-1 activity overdue after three days', () => {
    const blown1: EscalationEvent = {
      type: 'escalation.WhistleBlown.v1',
      data: { caseId: 'c1', whistleId: 'w1', stationId: 'station-a', level: 1, units: [{ unitId: 'unit-fire' }], activityDueAt: '2026-11-24T08:00:00.000Z', blownAt: T0 },
    };
    spec
      .given(triage(1), blown1)
      .when(reached('activity:w1', '2026-11-24T08:00:00.000Z'))
      .then({ type: 'escalation.ActivityOverdue.v1', data: { caseId: 'c1', whistleId: 'w1', dueAt: '2026-11-24T08:00:00.000Z', overdueAt: '2026-11-24T08:00:00.000Z' } });
  });
});

describe('escalation: level-1 publicity', () => {
  const blown1: EscalationEvent = {
    type: 'escalation.WhistleBlown.v1',
    data: { caseId: 'c1', whistleId: 'w1', stationId: 'station-a', level: 1, units: [{ unitId: 'unit-fire' }, { unitId: 'unit-police' }], activityDueAt: '2026-11-24T08:00:00.000Z', blownAt: T0 },
  };
  it('completes the work when the activity is held', () => {
    spec
      .given(triage(1), blown1)
      .when({ type: 'NotePublicity', whistleId: 'w1', activityId: 'a1', heldAt: T1, now: T1 })
      .then(
        { type: 'escalation.PublicityNoted.v1', data: { caseId: 'c1', whistleId: 'w1', activityId: 'a1', heldAt: T1 } },
        {
          type: 'escalation.WorkCompleted.v1',
          data: {
            caseId: 'c1',
            whistleId: 'w1',
            level: 1,
            outcomes: [
              { unitId: 'unit-fire', result: 'activity_held' },
              { unitId: 'unit-police', result: 'activity_held' },
            ],
            completedAt: T1,
          },
        },
      );
  });
  it('ignores an activity of another round', () => {
    spec.given(triage(1), blown1).when({ type: 'NotePublicity', whistleId: 'w0', activityId: 'a1', heldAt: T1, now: T1 }).thenNothing();
  });
});

describe('escalation: changing the level by hand', () => {
  const change = (level: 1 | 2 | 3 | 4, reason = 'the office reviewed it', by: 'station' | 'office' = 'office') => ({
    type: 'ChangeLevel' as const,
    level,
    reason,
    by,
    deadlines,
    now: T1,
  });
  it('lets the office raise a case to level 4, referring it to the joint meeting', () => {
    spec
      .given(triage(), blown2)
      .when(change(4))
      .then(
        { type: 'escalation.LevelRaised.v1', data: { caseId: 'c1', from: 2, to: 4, trigger: 'office', reason: 'the office reviewed it', endedWhistleId: 'w1', raisedAt: T1 } },
        referral(['unit-police', 'unit-fire'], 'the office reviewed it'),
      );
  });
  it('lets a station lower a case from the joint meeting back to level 3, with a reason', () => {
    const raised = spec.given(triage(), blown2).when(change(4)).events();
    spec
      .given(triage(), blown2, ...raised)
      .when(change(3, 'the owner agreed to demolish it', 'station'))
      .then({ type: 'escalation.LevelLowered.v1', data: { caseId: 'c1', from: 4, to: 3, trigger: 'station', reason: 'the owner agreed to demolish it', loweredAt: T1 } });
  });
  it('refuses a change without a reason', () => {
    spec.given(triage()).when(change(3, '  ')).thenInvalid('reason');
  });
  it('refuses a change to the current level', () => {
    spec.given(triage()).when(change(2)).thenInvalid('level', /already at level 2/);
  });
  it('refuses a change after the work was completed', () => {
    const completed: EscalationEvent = { type: 'escalation.WorkCompleted.v1', data: { caseId: 'c1', whistleId: 'w1', level: 2, outcomes: [], completedAt: T1 } };
    spec.given(triage(), blown2, completed).when(change(3)).thenRefused('whistle.completed', /completed its work/);
  });
});

describe('escalation: the joint meeting’s resolution', () => {
  const referred = referral(['unit-chengguan', 'unit-housing'], 'tough', T0);
  const blown4: EscalationEvent = {
    type: 'escalation.WhistleBlown.v1',
    data: { caseId: 'c1', whistleId: 'w1', stationId: 'station-a', level: 4, units: [{ unitId: 'unit-chengguan' }, { unitId: 'unit-housing' }], blownAt: T0 },
  };
  const resolution: EscalationEvent = {
    type: 'escalation.ResolutionNoted.v1',
    data: {
      caseId: 'c1',
      meetingId: 'm1',
      resolutionId: 'r1',
      leadUnit: 'unit-chengguan',
      supportingUnits: ['unit-housing'],
      dueAt: '2026-12-21T08:00:00.000Z',
      notedAt: T1,
    },
  };
  it('opens a round of joint enforcement for the lead and supporting units', () => {
    spec
      .given(triage(4), blown4, referred)
      .when({ type: 'NoteResolution', meetingId: 'm1', resolutionId: 'r1', leadUnit: 'unit-chengguan', supportingUnits: ['unit-housing'], dueAt: '2026-12-21T08:00:00.000Z', now: T1 })
      .then(resolution);
    spec
      .given(triage(4), blown4, referred, resolution)
      .when({ type: 'NoteResolution', meetingId: 'm1', resolutionId: 'r1', leadUnit: 'unit-chengguan', supportingUnits: [], dueAt: T1, now: T1 })
      .thenNothing();
  });
  it('completes when lead and supporting units resolved it', () => {
    const events = spec
      .given(triage(4), blown4, referred, resolution, noted('unit-chengguan', 'outcome', { result: 'resolved' }, 'r1'))
      .when(progress('unit-housing', 'outcome', { result: 'resolved', whistleId: 'r1', taskId: 'r1.unit-housing' }))
      .events();
    expect(events.map((e) => e.type)).toEqual(['escalation.TaskProgressNoted.v1', 'escalation.WorkCompleted.v1']);
    expect(events[1]).toMatchObject({ data: { level: 4, whistleId: 'r1' } });
  });
  it('refers the case back to the joint meeting when the joint enforcement fails', () => {
    const events = spec
      .given(triage(4), blown4, referred, resolution)
      .when(progress('unit-chengguan', 'outcome', { result: 'unresolved', whistleId: 'r1', taskId: 'r1.unit-chengguan' }))
      .events();
    expect(events[1]).toEqual({
      ...referral(['unit-chengguan', 'unit-housing'], "the resolution's joint enforcement failed: unit-chengguan recorded unresolved"),
      data: { ...referral(['unit-chengguan', 'unit-housing'], "the resolution's joint enforcement failed: unit-chengguan recorded unresolved").data, endedWhistleId: 'r1' },
    });
  });
});

describe('escalation: standing down and reopening', () => {
  const completed: EscalationEvent = { type: 'escalation.WorkCompleted.v1', data: { caseId: 'c1', whistleId: 'w1', level: 2, outcomes: [], completedAt: T1 } };
  it('stands down when the case is withdrawn, ending every deadline', () => {
    spec
      .given(triage(), blown2)
      .when({ type: 'StandDown', because: 'withdrawn', now: T1 })
      .then({ type: 'escalation.WhistleStoodDown.v1', data: { caseId: 'c1', because: 'withdrawn', endedWhistleId: 'w1', stoodDownAt: T1 } });
    const state = spec.given(triage(), blown2, { type: 'escalation.WhistleStoodDown.v1', data: { caseId: 'c1', because: 'withdrawn', stoodDownAt: T1 } }).state();
    expect(whistleWorkflow.deadlines(state)).toEqual([]);
    spec.given(triage(), blown2).when(blow({ whistleId: 'w2' })).thenRefused('whistle.in_progress');
  });
  it('reopens triage at the last level after a dissatisfied callback', () => {
    spec
      .given(triage(), blown2, completed)
      .when({ type: 'ReopenTriage', reason: 'dissatisfied', now: T1 })
      .then({ type: 'escalation.TriageReopened.v1', data: { caseId: 'c1', reason: 'dissatisfied', reopenedAt: T1 } });
    const reopened = spec.given(triage(), blown2, completed, { type: 'escalation.TriageReopened.v1', data: { caseId: 'c1', reason: 'x', reopenedAt: T1 } }).state();
    expect(reopened).toMatchObject({ status: 'awaiting_whistle', level: 2, rounds: 1 });
  });
  it('reopens a case that was closed, but not one that was withdrawn', () => {
    const closed: EscalationEvent = { type: 'escalation.WhistleStoodDown.v1', data: { caseId: 'c1', because: 'closed', stoodDownAt: T1 } };
    expect(spec.given(triage(), blown2, completed, closed).when({ type: 'ReopenTriage', reason: 'again', now: T1 }).events()).toHaveLength(1);
    const withdrawn: EscalationEvent = { type: 'escalation.WhistleStoodDown.v1', data: { caseId: 'c1', because: 'withdrawn', stoodDownAt: T1 } };
    spec.given(triage(), withdrawn).when({ type: 'ReopenTriage', reason: 'again', now: T1 }).thenNothing();
  });
  it('triages afresh a case routed again after its link as a duplicate was undone, but not one withdrawn', () => {
    const route = { type: 'OpenTriage', caseId: 'c1', stationId: 'station-a', communityId: 'community-a', compoundId: 'compound-a', category: 'fire_lane_blocked', proposedLevel: 2, proposedUnits: ['unit-police', 'unit-fire'], now: T0 } as const;
    const linked: EscalationEvent = { type: 'escalation.WhistleStoodDown.v1', data: { caseId: 'c1', because: 'duplicate', endedWhistleId: 'w1', stoodDownAt: T1 } };
    spec.given(triage(), blown2, linked).when(route).then(triage());
    const merged: EscalationEvent = { type: 'escalation.WhistleStoodDown.v1', data: { caseId: 'c1', because: 'merged', stoodDownAt: T1 } };
    spec.given(triage(), merged).when(route).thenNothing();
  });
  it('refuses a whistle on a case that stood down', () => {
    const withdrawn: EscalationEvent = { type: 'escalation.WhistleStoodDown.v1', data: { caseId: 'c1', because: 'withdrawn', stoodDownAt: T1 } };
    spec.given(triage(), withdrawn).when(blow()).thenRefused('whistle.stood_down', /no longer handled/);
  });
});

describe('escalation: review fixes — no round can stall, no round is confused with another', () => {
  const reached = (deadlineId: string, now: string) => ({ type: 'DeadlineReached' as const, deadlineId, deadlines, now });
  const reportedIn = (unitId: string) => noted(unitId, 'reported_in', { respondBy: '2026-11-21T08:40:00.000Z' });

  it('a unit that reported in must accept or decline in time: a missed response starts the grace period', () => {
    spec
      .given(triage(), blown2, reportedIn('unit-police'))
      .when(reached('response:w1:unit-police', '2026-11-21T08:40:00.000Z'))
      .then({
        type: 'escalation.ResponseMissed.v1',
        data: { caseId: 'c1', whistleId: 'w1', unitId: 'unit-police', dueAt: '2026-11-21T08:40:00.000Z', graceUntil: '2026-11-21T09:40:00.000Z', missedAt: '2026-11-21T08:40:00.000Z' },
      });
  });

  it('one decline and a silent unit past its grace: nobody will act, so the case goes to the joint meeting', () => {
    const missed: EscalationEvent = {
      type: 'escalation.ResponseMissed.v1',
      data: { caseId: 'c1', whistleId: 'w1', unitId: 'unit-police', dueAt: '2026-11-21T08:40:00.000Z', graceUntil: '2026-11-21T09:40:00.000Z', missedAt: '2026-11-21T08:40:00.000Z' },
    };
    const history = [triage(), blown2, noted('unit-fire', 'declined', { notOurResponsibility: true }), reportedIn('unit-police'), missed];
    const events = spec.given(...history).when(reached('grace:w1:unit-police', '2026-11-21T09:40:00.000Z')).events();
    expect(events.map((e) => e.type)).toEqual(['escalation.LevelRaised.v1', 'escalation.ReferredToJointMeeting.v1']);
    expect(events[0]?.data).toMatchObject({
      from: 2,
      to: 4,
      trigger: 'all_declined',
      reason: 'unit-fire declined and no other summoned unit accepted: unit-police did not accept or decline by the end of its grace period at 2026-11-21T09:40:00.000Z',
    });
  });

  it('a reported-in unit that responds ends its response deadline', () => {
    const state = spec.given(triage(), blown2, reportedIn('unit-police'), noted('unit-police', 'accepted')).state();
    expect(whistleWorkflow.deadlines(state).map((d) => d.id)).toEqual(['report_in:w1:unit-fire']);
  });

  it('refers the case back when a joint-enforcement task passes the resolution’s deadline without an outcome', () => {
    const resolution: EscalationEvent = {
      type: 'escalation.ResolutionNoted.v1',
      data: { caseId: 'c1', meetingId: 'm1', resolutionId: 'r1', leadUnit: 'unit-chengguan', supportingUnits: [], dueAt: T1, notedAt: T0 },
    };
    const referred = referral(['unit-chengguan'], 'tough', T0);
    const events = spec
      .given(triage(4), referred, resolution)
      .when(progress('unit-chengguan', 'overdue', { whistleId: 'r1', taskId: 'r1.unit-chengguan' }))
      .events();
    expect(events.map((e) => e.type)).toEqual(['escalation.TaskProgressNoted.v1', 'escalation.ReferredToJointMeeting.v1']);
    expect(events[1]?.data).toMatchObject({ reason: "the resolution's deadline passed without an outcome from unit-chengguan", endedWhistleId: 'r1' });
  });

  it('refuses a whistle id already used on the case', () => {
    const completed: EscalationEvent = { type: 'escalation.WorkCompleted.v1', data: { caseId: 'c1', whistleId: 'w1', level: 2, outcomes: [], completedAt: T1 } };
    const reopened: EscalationEvent = { type: 'escalation.TriageReopened.v1', data: { caseId: 'c1', reason: 'x', reopenedAt: T1 } };
    spec.given(triage(), blown2, completed, reopened).when(blow({ whistleId: 'w1' })).thenInvalid('whistleId', /already blown/);
    expect(spec.given(triage(), blown2, completed, reopened).when(blow({ whistleId: 'w2' })).events()[0]?.type).toBe('escalation.WhistleBlown.v1');
  });

  it('a level change while awaiting the whistle names no round', () => {
    const [change] = spec.given(triage()).when({ type: 'ChangeLevel', level: 3, reason: 'serious', by: 'station', deadlines, now: T1 }).events();
    expect(change?.data).not.toHaveProperty('endedWhistleId');
  });
});

describe('escalation: deadlines in working days (工作日)', () => {
  // Wednesday 30 September 2026, 10:00 in Shanghai: the National Day holiday runs 1–7 October, and 10 October (a Saturday) is worked.
  const EVE = '2026-09-30T02:00:00.000Z';
  const inWorkingDays = { ...deadlines, activity: 'P3WD', tabling: 'P7WD' };

  it("a level-1 activity due in three working days ends with the make-up Saturday after National Day, at Shanghai's midnight", () => {
    spec
      .given(triage(1))
      .when(blow({ level: 1, deadlines: inWorkingDays, now: EVE }))
      .then({
        type: 'escalation.WhistleBlown.v1',
        data: {
          caseId: 'c1',
          whistleId: 'w1',
          stationId: 'station-a',
          level: 1,
          units: [{ unitId: 'unit-police' }, { unitId: 'unit-fire' }],
          activityDueAt: '2026-10-10T16:00:00.000Z',
          blownAt: EVE,
        },
      });
  });

  it('a level-4 case is to be tabled within seven working days, the holiday not counted', () => {
    const events = spec.given(triage(4)).when(blow({ level: 4, deadlines: inWorkingDays, now: EVE })).events();
    expect(events.find((e) => e.type === 'escalation.ReferredToJointMeeting.v1')?.data).toMatchObject({ tablingDueAt: '2026-10-15T16:00:00.000Z', referredAt: EVE });
  });

  it('report-in stays on the clock, holiday or not', () => {
    const [blown] = spec.given(triage()).when(blow({ deadlines: inWorkingDays, now: '2026-10-01T02:00:00.000Z' })).events();
    expect(blown?.data).toMatchObject({ units: [{ unitId: 'unit-police', reportInDueAt: '2026-10-01T02:30:00.000Z' }, { unitId: 'unit-fire', reportInDueAt: '2026-10-01T02:30:00.000Z' }] });
  });
});

describe('a category’s own deadlines (目录: 类别时限)', () => {
  const own: EscalationDeadlines = { ...deadlines, categories: { fire_lane_blocked: { reportIn: { '2': 'PT10M', '3': 'PT1H' }, activity: 'P1D' }, common_area_clutter: { reportIn: { '2': 'PT2H', '3': 'PT4H' } } } };

  it('sets the report-in of a whistle on a case of that category', () => {
    const [blown] = spec.given(triage()).when(blow({ deadlines: own })).events();
    expect(blown?.data).toMatchObject({ units: [{ unitId: 'unit-police', reportInDueAt: '2026-11-21T08:10:00.000Z' }, { unitId: 'unit-fire', reportInDueAt: '2026-11-21T08:10:00.000Z' }] });
  });

  it('sets the activity after a level-1 whistle on a case of that category', () => {
    const [blown] = spec.given(triage(1)).when(blow({ level: 1, deadlines: own })).events();
    expect(blown?.data).toMatchObject({ activityDueAt: '2026-11-22T08:00:00.000Z' });
  });

  it('leaves a case of another category on the catalogue’s deadlines', () => {
    const other: EscalationEvent = { ...triage(), data: { ...(triage().data as object), category: 'late_night_noise' } } as EscalationEvent;
    const [blown] = spec.given(other).when(blow({ deadlines: own })).events();
    expect(blown?.data).toMatchObject({ units: [{ unitId: 'unit-police', reportInDueAt: '2026-11-21T08:30:00.000Z' }, { unitId: 'unit-fire', reportInDueAt: '2026-11-21T08:30:00.000Z' }] });
  });

  it('escalationDeadlinesOf carries each category’s own from the catalogue', () => {
    const catalogue = {
      deadlines: { reportIn: { '2': 'PT30M', '3': 'PT2H' }, grace: { '2': 'PT1H', '3': 'PT1H' }, activity: 'P3WD', tabling: 'P7WD', resolutionTasks: 'P30WD', reopenWindow: 'P15WD', duplicateWindow: 'P3D' },
      categories: [
        { id: 'a', name: { zh: '甲', en: 'A' }, defaultLevel: 2 as const, unitIds: ['u'], deadlines: { reportIn: { '2': 'PT10M', '3': 'PT1H' } } },
        { id: 'b', name: { zh: '乙', en: 'B' }, defaultLevel: 2 as const, unitIds: ['u'] },
      ],
    };
    const of = escalationDeadlinesOf(catalogue, CHINA_2026);
    expect(deadlinesFor(of, 'a').reportIn['2']).toBe('PT10M');
    expect(deadlinesFor(of, 'b').reportIn['2']).toBe('PT30M');
  });
});

describe('the proposed units after the catalogue changed (目录变更)', () => {
  it('leaves out a proposed unit the catalogue has since removed', () => {
    const [blown] = spec.given(triage()).when(blow({ knownUnits: ['unit-fire', 'unit-chengguan'] })).events();
    expect(blown?.data).toMatchObject({ units: [{ unitId: 'unit-fire' }] });
  });

  it('asks for the units when none proposed is left', () => {
    spec.given(triage()).when(blow({ knownUnits: ['unit-chengguan'] })).thenInvalid('units', /the proposed units \(unit-police, unit-fire\) are no longer in the catalogue/);
  });

  it('still refuses a removed unit named by the station', () => {
    spec.given(triage()).when(blow({ units: ['unit-police'], knownUnits: ['unit-fire'] })).thenInvalid('units[0]', /unknown unit "unit-police"/);
  });
});
