import { CHINA_2026, specFor } from '@whistle/kernel/testing';
import type { IntakeEvent } from '@whistle/contracts';
import { caseDecider, type OverruleDuplicate, type ReportCase } from './case.decide';

const spec = specFor(caseDecider);
const T0 = '2026-11-21T08:00:00.000Z';
const LATER = '2026-11-21T10:00:00.000Z';

const report = (overrides: Partial<ReportCase> = {}): ReportCase => ({
  type: 'ReportCase',
  caseId: 'c1',
  compoundId: 'compound-a',
  category: 'fire_lane_blocked',
  description: '  A car blocks the fire lane  ',
  location: 'Building 3',
  channel: 'branch',
  evidence: [{ name: 'photo.jpg', sha256: 'A'.repeat(64) }],
  compound: { communityId: 'community-a', stationId: 'station-a' },
  categoryEntry: { defaultLevel: 2, unitIds: ['unit-police', 'unit-fire'] },
  openCases: [],
  duplicateWindow: 'P3D',
  now: T0,
  ...overrides,
});

const reported: IntakeEvent = {
  type: 'intake.CaseReported.v1',
  data: {
    caseId: 'c1',
    compoundId: 'compound-a',
    category: 'fire_lane_blocked',
    description: 'A car blocks the fire lane',
    location: 'Building 3',
    channel: 'branch',
    evidence: [{ name: 'photo.jpg', sha256: 'a'.repeat(64) }],
    reportedAt: T0,
  },
};
const routed: IntakeEvent = {
  type: 'intake.CaseRouted.v1',
  data: {
    caseId: 'c1',
    stationId: 'station-a',
    communityId: 'community-a',
    compoundId: 'compound-a',
    category: 'fire_lane_blocked',
    proposedLevel: 2,
    proposedUnits: ['unit-police', 'unit-fire'],
    routedAt: T0,
  },
};
const completed: IntakeEvent = { type: 'intake.WorkCompletionNoted.v1', data: { caseId: 'c1', level: 2, completedAt: LATER } };
const closed: IntakeEvent = {
  type: 'intake.CaseClosed.v1',
  data: { caseId: 'c1', callbackResult: 'satisfied', closedAt: LATER, reopenableUntil: '2026-12-06T10:00:00.000Z' },
};

describe('intake: reporting (受理)', () => {
  it('records the report and routes it to the compound’s station with the catalogue’s proposal', () => {
    spec.given().when(report()).then(reported, routed);
  });

  it('keeps a reporter’s sealed personal data and leaves out an empty location', () => {
    const reporter = { keyId: 'k1', ciphertext: 'sealed' };
    const [first] = spec.given().when(report({ reporter, location: '  ' })).events();
    expect(first?.data).toMatchObject({ reporter });
    expect(first?.data).not.toHaveProperty('location');
  });

  it('links a probable duplicate: same compound and category, still open, within the window', () => {
    const openCases = [
      { caseId: 'older-outside-window', compoundId: 'compound-a', category: 'fire_lane_blocked', reportedAt: '2026-11-17T08:00:00.000Z' },
      { caseId: 'original', compoundId: 'compound-a', category: 'fire_lane_blocked', reportedAt: '2026-11-20T08:00:00.000Z' },
      { caseId: 'later', compoundId: 'compound-a', category: 'fire_lane_blocked', reportedAt: '2026-11-21T07:00:00.000Z' },
      { caseId: 'other-category', compoundId: 'compound-a', category: 'late_night_noise', reportedAt: '2026-11-21T07:00:00.000Z' },
    ];
    spec
      .given()
      .when(report({ openCases }))
      .then(reported, {
        type: 'intake.CaseLinkedAsDuplicate.v1',
        data: { caseId: 'c1', duplicateOf: 'original', stationId: 'station-a', communityId: 'community-a', linkedAt: T0 },
      });
  });

  it('links to the earliest in the window whatever the order given, the lower case id on a tie, never to one reported after now', () => {
    const linkedTo = (duplicateOf: string) => ({
      type: 'intake.CaseLinkedAsDuplicate.v1' as const,
      data: { caseId: 'c1', duplicateOf, stationId: 'station-a', communityId: 'community-a', linkedAt: T0 },
    });
    const at = (caseId: string, reportedAt: string) => ({ caseId, compoundId: 'compound-a', category: 'fire_lane_blocked', reportedAt });
    spec
      .given()
      .when(report({ openCases: [at('after-now', '2026-11-21T09:00:00.000Z'), at('b-tied', '2026-11-20T08:00:00.000Z'), at('newer', '2026-11-21T07:00:00.000Z'), at('a-tied', '2026-11-20T08:00:00.000Z')] }))
      .then(reported, linkedTo('a-tied'));
    spec
      .given()
      .when(report({ openCases: [at('after-now', '2026-11-21T09:00:00.000Z')] }))
      .then(reported, routed);
  });

  it('opens a second case when the only similar case is in another compound', () => {
    const openCases = [{ caseId: 'x', compoundId: 'compound-b', category: 'fire_lane_blocked', reportedAt: T0 }];
    spec.given().when(report({ openCases })).then(reported, routed);
  });

  it('refuses a compound outside the pilot, naming the field', () => {
    spec.given().when(report({ compound: undefined })).thenInvalid('compoundId', /compound-a" is not a compound of the pilot/);
  });
  it('refuses a category that is not catalogued', () => {
    spec.given().when(report({ categoryEntry: undefined })).thenInvalid('category', /not in the catalogue/);
  });
  it('refuses an empty description', () => {
    spec.given().when(report({ description: '   ' })).thenInvalid('description', /must not be empty/);
  });
  it('refuses an unknown channel', () => {
    spec.given().when(report({ channel: 'fax' as never })).thenInvalid('channel', /hotline_12345/);
  });
  it('refuses evidence whose hash is not sha256', () => {
    spec.given().when(report({ evidence: [{ name: 'a.jpg', sha256: 'abc' }] })).thenInvalid('evidence[0].sha256');
  });
  it('refuses reporting the same case id twice', () => {
    spec.given(reported, routed).when(report()).thenRefused('case.already_reported');
  });
});

describe('intake: overruling a duplicate link at triage', () => {
  const linked: IntakeEvent = {
    type: 'intake.CaseLinkedAsDuplicate.v1',
    data: { caseId: 'c1', duplicateOf: 'original', stationId: 'station-a', communityId: 'community-a', linkedAt: T0 },
  };
  const overrule = (overrides: Partial<OverruleDuplicate> = {}): OverruleDuplicate => ({
    type: 'OverruleDuplicate',
    reason: '  another building: 5号楼, not 3号楼  ',
    compound: { communityId: 'community-a', stationId: 'station-a' },
    categoryEntry: { defaultLevel: 2, unitIds: ['unit-police', 'unit-fire'] },
    now: LATER,
    ...overrides,
  });

  it('records why the link was overruled, then routes the report like a new one', () => {
    spec
      .given(reported, linked)
      .when(overrule())
      .then(
        { type: 'intake.DuplicateLinkOverruled.v1', data: { caseId: 'c1', duplicateOf: 'original', reason: 'another building: 5号楼, not 3号楼', overruledAt: LATER } },
        { type: 'intake.CaseRouted.v1', data: { ...routed.data, routedAt: LATER } },
      );
  });

  it('leaves the case open at its station, as any routed report', () => {
    const [overruled, routedNow] = spec.given(reported, linked).when(overrule()).events();
    if (!overruled || !routedNow) throw new Error('expected two events');
    expect(spec.given(reported, linked, overruled, routedNow).state()).toMatchObject({ status: 'open', stationId: 'station-a', reopenCount: 0 });
  });

  it('refuses without a reason, naming the field', () => {
    spec.given(reported, linked).when(overrule({ reason: '  ' })).thenInvalid('reason', /must not be empty/);
  });

  it('refuses a case that is not linked as a duplicate', () => {
    spec.given(reported, routed).when(overrule()).thenRefused('case.open', /only a case linked as a duplicate/);
  });

  it('refuses a case whose compound the catalogue no longer has', () => {
    spec.given(reported, linked).when(overrule({ compound: undefined })).thenRefused('case.not_routable', /compound-a/);
  });

  it('refuses a case that does not exist', () => {
    spec.given().when(overrule()).thenRefused('case.not_found');
  });
});

describe('intake: rejection and withdrawal', () => {
  it('lets the station reject an open case with a reason', () => {
    spec
      .given(reported, routed)
      .when({ type: 'RejectCase', code: 'out_of_scope', reason: 'a civil dispute between neighbours', now: LATER })
      .then({ type: 'intake.CaseRejected.v1', data: { caseId: 'c1', code: 'out_of_scope', reason: 'a civil dispute between neighbours', rejectedAt: LATER } });
  });
  it('refuses a rejection without a reason', () => {
    spec.given(reported, routed).when({ type: 'RejectCase', code: 'out_of_scope', reason: '', now: LATER }).thenInvalid('reason');
  });
  it('refuses an unknown rejection code', () => {
    spec.given(reported, routed).when({ type: 'RejectCase', code: 'bored' as never, reason: 'x', now: LATER }).thenInvalid('code');
  });
  it('refuses to reject a resolved case', () => {
    spec.given(reported, routed, completed).when({ type: 'RejectCase', code: 'out_of_scope', reason: 'x', now: LATER }).thenRefused('case.resolved', /resolved/);
  });
  it('withdraws an open case with a reason', () => {
    spec
      .given(reported, routed)
      .when({ type: 'WithdrawCase', reason: 'the car was moved', now: LATER })
      .then({ type: 'intake.CaseWithdrawn.v1', data: { caseId: 'c1', reason: 'the car was moved', withdrawnAt: LATER } });
  });
  it('refuses to withdraw a closed case', () => {
    spec.given(reported, routed, completed, closed).when({ type: 'WithdrawCase', reason: 'x', now: LATER }).thenRefused('case.closed', /is closed/);
  });
  it('refuses to withdraw twice', () => {
    const withdrawn: IntakeEvent = { type: 'intake.CaseWithdrawn.v1', data: { caseId: 'c1', reason: 'x', withdrawnAt: LATER } };
    spec.given(reported, routed, withdrawn).when({ type: 'WithdrawCase', reason: 'x', now: LATER }).thenRefused('case.withdrawn');
  });
  it('refuses any command on a case that does not exist', () => {
    spec.given().when({ type: 'WithdrawCase', reason: 'x', now: LATER }).thenRefused('case.not_found');
  });
  it('refuses to withdraw a case linked as a duplicate', () => {
    const dup: IntakeEvent = { type: 'intake.CaseLinkedAsDuplicate.v1', data: { caseId: 'c1', duplicateOf: 'o', linkedAt: T0 } };
    spec.given(reported, dup).when({ type: 'WithdrawCase', reason: 'x', now: LATER }).thenRefused('case.duplicate');
  });
});

describe('intake: callback (回访), closing (办结) and reopening', () => {
  it('notes that the work is complete once', () => {
    spec.given(reported, routed).when({ type: 'NoteWorkCompleted', level: 2, completedAt: LATER, now: LATER }).then(completed);
    spec.given(reported, routed, completed).when({ type: 'NoteWorkCompleted', level: 2, completedAt: LATER, now: LATER }).thenNothing();
  });

  it('ignores a completion from before the case was reopened', () => {
    const reopened: IntakeEvent = { type: 'intake.CaseReopened.v1', data: { caseId: 'c1', reason: 'x', trigger: 'dissatisfied_callback', reopenedAt: LATER } };
    spec.given(reported, routed, completed, reopened).when({ type: 'NoteWorkCompleted', level: 2, completedAt: T0, now: LATER }).thenNothing();
    const afterReopen = '2026-11-22T10:00:00.000Z';
    spec
      .given(reported, routed, completed, reopened)
      .when({ type: 'NoteWorkCompleted', level: 3, completedAt: afterReopen, now: afterReopen })
      .then({ type: 'intake.WorkCompletionNoted.v1', data: { caseId: 'c1', level: 3, completedAt: afterReopen } });
  });

  it('notes a referral upward (上报区级), after which the case can no longer be called back or withdrawn', () => {
    const noted: IntakeEvent = { type: 'intake.ReferralUpwardNoted.v1', data: { caseId: 'c1', reason: 'deferred 3 times', referredAt: LATER } };
    spec.given(reported, routed).when({ type: 'NoteReferredUpward', reason: 'deferred 3 times', now: LATER }).then(noted);
    spec.given(reported, routed, noted).when({ type: 'NoteReferredUpward', reason: 'again', now: LATER }).thenNothing();
    spec.given(reported, routed, noted).when({ type: 'WithdrawCase', reason: 'x', now: LATER }).thenRefused('case.referred_upward', /referred upward/);
  });

  it('refuses a callback while the case is still being handled', () => {
    spec
      .given(reported, routed)
      .when({ type: 'RecordCallback', result: 'satisfied', reopenWindow: 'P15D', calendar: CHINA_2026, now: LATER })
      .thenRefused('case.open', /before every task has its outcome/);
  });

  it('counts a reopening window in working days over the National Day holiday', () => {
    const monday = '2026-09-21T02:00:00.000Z';
    spec
      .given(reported, routed, completed)
      .when({ type: 'RecordCallback', result: 'satisfied', reopenWindow: 'P15WD', calendar: CHINA_2026, now: monday })
      .then(
        { type: 'intake.CallbackRecorded.v1', data: { caseId: 'c1', result: 'satisfied', calledAt: monday } },
        // 15 working days: the 中秋 and National Day holidays are off, the make-up Saturday of 10 October is worked
        { type: 'intake.CaseClosed.v1', data: { caseId: 'c1', callbackResult: 'satisfied', closedAt: monday, reopenableUntil: '2026-10-19T16:00:00.000Z' } },
      );
  });

  it.each(['satisfied', 'basically_satisfied', 'unreachable'] as const)('closes the case on a %s callback, reopenable for the window', (result) => {
    spec
      .given(reported, routed, completed)
      .when({ type: 'RecordCallback', result, reopenWindow: 'P15D', calendar: CHINA_2026, now: LATER })
      .then(
        { type: 'intake.CallbackRecorded.v1', data: { caseId: 'c1', result, calledAt: LATER } },
        { type: 'intake.CaseClosed.v1', data: { caseId: 'c1', callbackResult: result, closedAt: LATER, reopenableUntil: '2026-12-06T10:00:00.000Z' } },
      );
  });

  it('reopens the case on a dissatisfied callback', () => {
    spec
      .given(reported, routed, completed)
      .when({ type: 'RecordCallback', result: 'dissatisfied', note: 'the car is back every night', reopenWindow: 'P15D', calendar: CHINA_2026, now: LATER })
      .then(
        { type: 'intake.CallbackRecorded.v1', data: { caseId: 'c1', result: 'dissatisfied', note: 'the car is back every night', calledAt: LATER } },
        { type: 'intake.CaseReopened.v1', data: { caseId: 'c1', reason: 'the car is back every night', trigger: 'dissatisfied_callback', reopenedAt: LATER } },
      );
    const state = spec
      .given(reported, routed, completed, { type: 'intake.CaseReopened.v1', data: { caseId: 'c1', reason: 'x', trigger: 'dissatisfied_callback', reopenedAt: LATER } })
      .state();
    expect(state).toMatchObject({ status: 'open', reopenCount: 1, stationId: 'station-a' });
  });

  it('refuses an unknown callback result', () => {
    spec.given(reported, routed, completed).when({ type: 'RecordCallback', result: 'meh' as never, reopenWindow: 'P15D', calendar: CHINA_2026, now: LATER }).thenInvalid('result');
  });

  it('reopens a closed case on request within the window', () => {
    spec
      .given(reported, routed, completed, closed)
      .when({ type: 'ReopenCase', reason: 'it happened again', now: '2026-12-06T10:00:00.000Z' })
      .then({ type: 'intake.CaseReopened.v1', data: { caseId: 'c1', reason: 'it happened again', trigger: 'request', reopenedAt: '2026-12-06T10:00:00.000Z' } });
  });

  it('refuses to reopen after the window, naming its end', () => {
    spec
      .given(reported, routed, completed, closed)
      .when({ type: 'ReopenCase', reason: 'again', now: '2026-12-06T10:00:00.001Z' })
      .thenRefused('case.reopen_window_passed', /2026-12-06T10:00:00.000Z/);
  });

  it('refuses to reopen a case that is not closed', () => {
    spec.given(reported, routed).when({ type: 'ReopenCase', reason: 'again', now: LATER }).thenRefused('case.open', /only a closed case/);
  });

  it('refuses a reopen without a reason', () => {
    spec.given(reported, routed, completed, closed).when({ type: 'ReopenCase', reason: ' ', now: LATER }).thenInvalid('reason');
  });
});
