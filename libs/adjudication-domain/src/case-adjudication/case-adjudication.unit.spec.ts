import { runWorkflow } from '@whistle/kernel';
import { CHINA_2026, specFor } from '@whistle/kernel/testing';
import type { CaseAdjudicationEvent } from '@whistle/contracts';
import { caseAdjudicationWorkflow, type NoteDeferral, type NoteResolution, type RequestAdjudication } from './case-adjudication.decide';

const REQUESTED_AT = '2026-11-21T08:00:00.000Z';
const DUE = '2026-11-28T08:00:00.000Z';
const LATER = '2026-12-05T08:00:00.000Z';
/** LATER + P7D: the tabling deadline a deferral noted at LATER starts. */
const DUE_AFTER_DEFERRAL = '2026-12-12T08:00:00.000Z';
const RESOLUTION = {
  leadUnit: 'chengguan',
  supportingUnits: ['zhujian', 'guihua'],
  measures: 'demolish the illegal extension',
  deadline: '2027-01-31T00:00:00.000Z',
};

const spec = specFor(caseAdjudicationWorkflow);
const stateAfter = (...events: CaseAdjudicationEvent[]) => spec.given(...events).state();

const requested = (tablingDueAt = DUE, requestedAt = REQUESTED_AT): CaseAdjudicationEvent => ({
  type: 'adjudication.AdjudicationRequested.v1',
  data: { caseId: 'case-1', units: ['chengguan', 'zhujian'], reason: 'responsibilities overlap', tablingDueAt, requestedAt },
});
const tabled = (meetingId = 'm-1'): CaseAdjudicationEvent => ({
  type: 'adjudication.TablingNoted.v1',
  data: { caseId: 'case-1', meetingId, tabledAt: REQUESTED_AT },
});
const deferral = (meetingId: string, deferrals: number): CaseAdjudicationEvent => ({
  type: 'adjudication.DeferralNoted.v1',
  data: { caseId: 'case-1', meetingId, reason: 'owner to be heard first', deferrals, tablingDueAt: DUE_AFTER_DEFERRAL, notedAt: LATER },
});
const resolved = (meetingId = 'm-1', resolutionId = 'r-1'): CaseAdjudicationEvent => ({
  type: 'adjudication.AdjudicationResolved.v1',
  data: { caseId: 'case-1', meetingId, resolutionId, ...RESOLUTION, resolvedAt: LATER },
});
const referred = (deferrals: number, max: number): CaseAdjudicationEvent => ({
  type: 'adjudication.CaseReferredUpward.v1',
  data: { caseId: 'case-1', deferrals, reason: `deferred ${deferrals} times; more than the ${max} allowed`, referredAt: LATER },
});
const withdrawn: CaseAdjudicationEvent = {
  type: 'adjudication.AdjudicationWithdrawn.v1',
  data: { caseId: 'case-1', reason: 'level lowered to 3', withdrawnAt: LATER },
};
const overdue: CaseAdjudicationEvent = { type: 'adjudication.TablingOverdue.v1', data: { caseId: 'case-1', dueAt: DUE, overdueAt: DUE } };

const request = (over: Partial<RequestAdjudication> = {}): RequestAdjudication => ({
  type: 'RequestAdjudication',
  caseId: 'case-1',
  units: ['chengguan', 'zhujian'],
  reason: 'responsibilities overlap',
  tablingDueAt: DUE,
  now: REQUESTED_AT,
  ...over,
});
const noteTabling = (meetingId = 'm-1') => ({ type: 'NoteTabling' as const, meetingId, now: REQUESTED_AT });
const noteDeferral = (meetingId = 'm-1', over: Partial<NoteDeferral> = {}): NoteDeferral => ({
  type: 'NoteDeferral',
  meetingId,
  reason: 'owner to be heard first',
  maxDeferrals: 2,
  tablingWindow: 'P7D',
  calendar: CHINA_2026,
  now: LATER,
  ...over,
});
const noteResolution = (meetingId = 'm-1', resolutionId = 'r-1', over: Partial<NoteResolution> = {}): NoteResolution => ({
  type: 'NoteResolution',
  meetingId,
  resolutionId,
  ...RESOLUTION,
  now: LATER,
  ...over,
});
const withdraw = (reason = 'level lowered to 3') => ({ type: 'WithdrawAdjudication' as const, reason, now: LATER });
const timeout = (now: string, deadlineId = 'tabling') => ({ type: 'DeadlineReached' as const, deadlineId, now });

// A case deferred twice at m-1 and m-2 with the default of 2 deferrals allowed, then referred upward.
const referredHistory = [requested(), tabled('m-1'), deferral('m-1', 1), tabled('m-2'), deferral('m-2', 2), tabled('m-3'), deferral('m-3', 3), referred(3, 2)];

describe('RequestAdjudication', () => {
  it('opens the adjudication of a case referred to the joint meeting', () => {
    spec.given().when(request()).then(requested());
  });

  it.each([
    ['awaiting tabling', [requested()]],
    ['tabled', [requested(), tabled()]],
  ])('does nothing for a redelivery while the case is %s', (_status, history) => {
    spec
      .given(...history)
      .when(request())
      .thenNothing();
  });

  it.each([
    ['resolved (the resolution failed)', [requested(), tabled(), resolved()]],
    ['withdrawn (the case came back to level 4)', [requested(), withdrawn]],
  ])('takes the case back when it was %s', (_status, history) => {
    spec
      .given(...history)
      .when(request({ tablingDueAt: '2027-01-08T08:00:00.000Z', now: '2027-01-01T08:00:00.000Z' }))
      .then(requested('2027-01-08T08:00:00.000Z', '2027-01-01T08:00:00.000Z'));
  });

  it('refuses a case already referred upward', () => {
    spec
      .given(...referredHistory)
      .when(request())
      .thenRefused('adjudication.referred_upward', /case case-1 was referred upward to the district at .*deferred 3 times; more than the 2 allowed/);
  });

  it('refuses an empty reason', () => {
    spec.given().when(request({ reason: '' })).thenInvalid('reason', 'reason must not be empty');
  });

  it('refuses a tabling deadline that is not an instant', () => {
    spec.given().when(request({ tablingDueAt: 'in a week' })).thenInvalid('tablingDueAt', /not an ISO-8601 instant/);
  });

  it("refuses another case's id on this case's stream", () => {
    spec
      .given(requested(), withdrawn)
      .when(request({ caseId: 'case-2' }))
      .thenInvalid('caseId', "caseId case-2 does not match this stream's case case-1");
  });
});

describe('NoteTabling', () => {
  it('notes the meeting a waiting case was tabled at', () => {
    spec.given(requested()).when(noteTabling()).then(tabled());
  });

  it('does nothing when the same meeting lists the case again', () => {
    spec.given(requested(), tabled()).when(noteTabling()).thenNothing();
  });

  it('refuses a second meeting while the first has not decided the case', () => {
    spec
      .given(requested(), tabled('m-1'))
      .when(noteTabling('m-2'))
      .thenRefused('adjudication.already_tabled', 'case case-1 is already tabled at meeting m-1, which has not decided it');
  });

  it('notes the next meeting after a deferral', () => {
    spec.given(requested(), tabled('m-1'), deferral('m-1', 1)).when(noteTabling('m-2')).then(tabled('m-2'));
  });

  it('does nothing when a meeting that already dealt with the case lists it again', () => {
    spec.given(requested(), tabled('m-1'), deferral('m-1', 1)).when(noteTabling('m-1')).thenNothing();
    spec.given(requested(), tabled('m-1'), resolved('m-1')).when(noteTabling('m-1')).thenNothing();
  });

  it('refuses a case with no adjudication requested', () => {
    spec.given().when(noteTabling()).thenRefused('adjudication.not_awaiting', 'no adjudication has been requested for this case');
  });

  it('refuses a resolved case, naming its resolution', () => {
    spec
      .given(requested(), tabled('m-1'), resolved('m-1'))
      .when(noteTabling('m-9'))
      .thenRefused('adjudication.not_awaiting', 'case case-1 is resolved at meeting m-1 (resolution r-1), not awaiting tabling');
  });

  it.each([
    ['withdrawn while awaiting tabling', [requested(), withdrawn]],
    ['withdrawn while tabled', [requested(), tabled('m-1'), withdrawn]],
    ['referred upward', referredHistory],
  ])('ignores a meeting listing a case %s: it is no longer before the joint meeting', (_status, history) => {
    spec
      .given(...history)
      .when(noteTabling('m-9'))
      .thenNothing();
  });
});

describe('NoteDeferral', () => {
  it('counts the deferral and waits for the next meeting, to be tabled within the tabling window from now', () => {
    spec.given(requested(), tabled()).when(noteDeferral()).then(deferral('m-1', 1));
    expect(stateAfter(requested(), tabled(), deferral('m-1', 1))).toMatchObject({
      status: 'awaiting_tabling',
      deferrals: 1,
      meetingId: null,
      tablingDueAt: DUE_AFTER_DEFERRAL,
      overdue: false,
    });
  });

  it('takes the tabling window from the command', () => {
    const [event] = spec
      .given(requested(), tabled())
      .when(noteDeferral('m-1', { tablingWindow: 'P3DT12H' }))
      .events();
    expect(event?.type === 'adjudication.DeferralNoted.v1' && event.data.tablingDueAt).toBe('2026-12-08T20:00:00.000Z');
  });

  it('counts a tabling window in working days: seven of them from the eve of National Day end on 15 October', () => {
    spec
      .given(requested(), tabled())
      .when(noteDeferral('m-1', { tablingWindow: 'P7WD', now: '2026-09-30T02:00:00.000Z' }))
      .then({
        type: 'adjudication.DeferralNoted.v1',
        data: { caseId: 'case-1', meetingId: 'm-1', reason: 'owner to be heard first', deferrals: 1, tablingDueAt: '2026-10-15T16:00:00.000Z', notedAt: '2026-09-30T02:00:00.000Z' },
      });
  });

  it('clears an earlier overdue mark: the new tabling deadline has not passed', () => {
    expect(stateAfter(requested(), overdue, tabled(), deferral('m-1', 1))).toMatchObject({ status: 'awaiting_tabling', overdue: false });
  });

  it.each([
    ['withdrawn (the meeting had not heard of it yet)', [requested(), tabled('m-1'), withdrawn]],
    ['referred upward', referredHistory],
  ])('ignores a deferral of a case %s', (_status, history) => {
    spec
      .given(...history)
      .when(noteDeferral('m-1'))
      .thenNothing();
  });

  it('does nothing when the same deferral arrives again', () => {
    spec.given(requested(), tabled(), deferral('m-1', 1)).when(noteDeferral()).thenNothing();
    spec.given(requested(), tabled('m-1'), deferral('m-1', 1), tabled('m-2')).when(noteDeferral('m-1')).thenNothing();
  });

  it('allows exactly the maximum number of deferrals', () => {
    spec
      .given(requested(), tabled('m-1'), deferral('m-1', 1), tabled('m-2'))
      .when(noteDeferral('m-2'))
      .then(deferral('m-2', 2));
  });

  it('refers the case upward (上报区级) when it is deferred more often than allowed', () => {
    const history = [requested(), tabled('m-1'), deferral('m-1', 1), tabled('m-2'), deferral('m-2', 2), tabled('m-3')];
    spec
      .given(...history)
      .when(noteDeferral('m-3'))
      .then(deferral('m-3', 3), referred(3, 2));
    expect(stateAfter(...history, deferral('m-3', 3), referred(3, 2))).toMatchObject({
      status: 'referred_upward',
      deferrals: 3,
      referralReason: 'deferred 3 times; more than the 2 allowed',
    });
  });

  it('says "time" for a single deferral over a policy of none', () => {
    spec
      .given(requested(), tabled())
      .when(noteDeferral('m-1', { maxDeferrals: 0 }))
      .then(deferral('m-1', 1), {
        type: 'adjudication.CaseReferredUpward.v1',
        data: { caseId: 'case-1', deferrals: 1, reason: 'deferred 1 time; more than the 0 allowed', referredAt: LATER },
      });
  });

  it('counts deferrals over the whole case, across new requests', () => {
    const history = [requested(), tabled('m-1'), deferral('m-1', 1), tabled('m-2'), resolved('m-2'), requested(), tabled('m-3')];
    expect(stateAfter(...history)).toMatchObject({ status: 'tabled', deferrals: 1 });
    spec
      .given(...history)
      .when(noteDeferral('m-3'))
      .then(deferral('m-3', 2));
  });

  it('refuses a deferral from a meeting the case is not tabled at', () => {
    spec
      .given(requested(), tabled('m-1'))
      .when(noteDeferral('m-2'))
      .thenRefused('adjudication.not_tabled', 'case case-1 is tabled at meeting m-1, not tabled at meeting m-2');
  });

  it('refuses a deferral while the case waits for a meeting', () => {
    spec.given(requested()).when(noteDeferral()).thenRefused('adjudication.not_tabled', 'case case-1 is awaiting tabling, not tabled at meeting m-1');
  });

  it('refuses a deferral with no adjudication requested', () => {
    spec.given().when(noteDeferral()).thenRefused('adjudication.not_tabled', 'no adjudication has been requested for this case');
  });

  it.each([-1, 1.5, Number.NaN])('refuses a maximum of %d deferrals', (maxDeferrals) => {
    spec
      .given(requested(), tabled())
      .when(noteDeferral('m-1', { maxDeferrals }))
      .thenInvalid('maxDeferrals', /whole number of at least 0/);
  });

  it('refuses an empty reason', () => {
    spec
      .given(requested(), tabled())
      .when(noteDeferral('m-1', { reason: '' }))
      .thenInvalid('reason', 'reason must not be empty');
  });

  it('refuses a tabling window that is not a duration', () => {
    spec
      .given(requested(), tabled())
      .when(noteDeferral('m-1', { tablingWindow: '7 days' }))
      .thenInvalid('tablingWindow', 'tablingWindow "7 days" is not an ISO-8601 duration');
  });
});

describe('NoteResolution', () => {
  it('notes the resolution of the meeting the case is tabled at, with its lead, supporting units, measures and deadline', () => {
    spec.given(requested(), tabled()).when(noteResolution()).then(resolved());
    expect(stateAfter(requested(), tabled(), resolved())).toMatchObject({ status: 'resolved', resolutionId: 'r-1', ...RESOLUTION });
  });

  it.each([
    ['withdrawn while tabled', [requested(), tabled('m-1'), withdrawn]],
    ['referred upward', referredHistory],
  ])('ignores a resolution for a case %s: it sets nothing going', (_status, history) => {
    spec
      .given(...history)
      .when(noteResolution('m-1', 'r-1'))
      .thenNothing();
  });

  it('does nothing when the same resolution arrives again', () => {
    spec.given(requested(), tabled(), resolved()).when(noteResolution()).thenNothing();
    spec.given(requested(), tabled(), resolved(), requested()).when(noteResolution()).thenNothing();
  });

  it('refuses a resolution from a meeting the case is not tabled at', () => {
    spec
      .given(requested(), tabled('m-1'))
      .when(noteResolution('m-2', 'r-2'))
      .thenRefused('adjudication.not_tabled', 'case case-1 is tabled at meeting m-1, not tabled at meeting m-2');
  });

  it('refuses a second resolution of a resolved case', () => {
    spec
      .given(requested(), tabled('m-1'), resolved('m-1'))
      .when(noteResolution('m-1', 'r-2'))
      .thenRefused('adjudication.not_tabled', 'case case-1 is resolved at meeting m-1 (resolution r-1), not tabled at meeting m-1');
  });

  it('refuses an empty resolution id', () => {
    spec.given(requested(), tabled()).when(noteResolution('m-1', '')).thenInvalid('resolutionId', 'resolutionId must not be empty');
  });

  it.each([
    ['leadUnit', { leadUnit: '' }, 'leadUnit must not be empty'],
    ['supportingUnits[1]', { supportingUnits: ['zhujian', ' '] }, 'supportingUnits[1] must not be empty'],
    ['measures', { measures: '' }, 'measures must not be empty'],
    ['deadline', { deadline: 'end of January' }, /not an ISO-8601 instant/],
  ])('refuses a resolution with a bad %s', (field, over, reason) => {
    spec
      .given(requested(), tabled())
      .when(noteResolution('m-1', 'r-1', over))
      .thenInvalid(field, reason);
  });
});

describe('WithdrawAdjudication', () => {
  it.each([
    ['awaiting tabling', [requested()]],
    ['tabled', [requested(), tabled()]],
  ])('withdraws a case %s', (_status, history) => {
    spec
      .given(...history)
      .when(withdraw())
      .then(withdrawn);
  });

  it.each([
    ['never referred', []],
    ['resolved', [requested(), tabled(), resolved()]],
    ['already withdrawn', [requested(), withdrawn]],
    ['referred upward', referredHistory],
  ])('does nothing for a case %s', (_status, history) => {
    spec
      .given(...history)
      .when(withdraw())
      .thenNothing();
  });

  it('refuses an empty reason', () => {
    spec.given(requested()).when(withdraw('')).thenInvalid('reason', 'reason must not be empty');
  });
});

describe('tabling deadline', () => {
  const tablingDeadline = { id: 'tabling', kind: 'tabling', dueAt: DUE };

  it('runs while the case waits to be tabled after the request', () => {
    expect(caseAdjudicationWorkflow.deadlines(stateAfter(requested()))).toEqual([tablingDeadline]);
  });

  it.each([
    ['never referred', []],
    ['tabled', [requested(), tabled()]],
    ['already overdue', [requested(), overdue]],
    ['withdrawn', [requested(), withdrawn]],
    ['resolved', [requested(), tabled(), resolved()]],
    ['referred upward', referredHistory],
  ])('does not run for a case %s', (_status, history) => {
    expect(caseAdjudicationWorkflow.deadlines(stateAfter(...history))).toEqual([]);
  });

  it('runs again, with the new due time, when the case comes back', () => {
    const history = [requested(), tabled(), resolved(), requested('2027-01-08T08:00:00.000Z', '2027-01-01T08:00:00.000Z')];
    expect(caseAdjudicationWorkflow.deadlines(stateAfter(...history))).toEqual([{ ...tablingDeadline, dueAt: '2027-01-08T08:00:00.000Z' }]);
  });

  it('runs again, with the due time the deferral set, while a deferred case waits for the next meeting', () => {
    expect(caseAdjudicationWorkflow.deadlines(stateAfter(requested(), tabled(), deferral('m-1', 1)))).toEqual([
      { ...tablingDeadline, dueAt: DUE_AFTER_DEFERRAL },
    ]);
  });

  it('is scheduled again by a deferral, but not by one that refers the case upward', () => {
    const tabledState = stateAfter(requested(), tabled());
    expect(runWorkflow(caseAdjudicationWorkflow, noteDeferral(), tabledState).outputs).toEqual([
      { kind: 'record', event: deferral('m-1', 1) },
      { kind: 'schedule', deadline: { ...tablingDeadline, dueAt: DUE_AFTER_DEFERRAL } },
    ]);
    expect(runWorkflow(caseAdjudicationWorkflow, noteDeferral('m-1', { maxDeferrals: 0 }), tabledState).outputs.map((o) => o.kind)).toEqual([
      'record',
      'record',
    ]);
  });

  it('fires for a deferred case not tabled again in time, and ignores the earlier deadline firing late', () => {
    const history = [requested(), tabled(), deferral('m-1', 1)];
    spec
      .given(...history)
      .when(timeout(DUE_AFTER_DEFERRAL))
      .then({ type: 'adjudication.TablingOverdue.v1', data: { caseId: 'case-1', dueAt: DUE_AFTER_DEFERRAL, overdueAt: DUE_AFTER_DEFERRAL } });
    spec
      .given(...history)
      .when(timeout(LATER))
      .thenNothing();
  });

  it('is scheduled by the request and cancelled by the tabling', () => {
    const first = runWorkflow(caseAdjudicationWorkflow, request(), caseAdjudicationWorkflow.initialState);
    expect(first.outputs).toEqual([
      { kind: 'record', event: requested() },
      { kind: 'schedule', deadline: tablingDeadline },
    ]);
    expect(runWorkflow(caseAdjudicationWorkflow, noteTabling(), first.state).outputs).toEqual([
      { kind: 'record', event: tabled() },
      { kind: 'cancel', deadlineId: 'tabling' },
    ]);
  });

  it('records the case as overdue when it fires at or after the due time', () => {
    spec.given(requested()).when(timeout(DUE)).then(overdue);
    expect(stateAfter(requested(), overdue)).toMatchObject({ status: 'awaiting_tabling', overdue: true });
  });

  it('does nothing when it fires early', () => {
    spec.given(requested()).when(timeout('2026-11-28T07:59:59.000Z')).thenNothing();
  });

  it.each([
    ['after the tabling', [requested(), tabled()]],
    ['a second time', [requested(), overdue]],
    ['after the withdrawal', [requested(), withdrawn]],
    ['before any request', []],
  ])('does nothing when a stale timeout arrives %s', (_when, history) => {
    spec
      .given(...history)
      .when(timeout(LATER))
      .thenNothing();
  });

  it('does nothing for a deadline it does not know', () => {
    spec.given(requested()).when(timeout(LATER, 'report-in')).thenNothing();
  });

  it('keeps the overdue mark when the case is tabled late, and clears it on a new request', () => {
    expect(stateAfter(requested(), overdue, tabled())).toMatchObject({ status: 'tabled', overdue: true });
    expect(stateAfter(requested(), overdue, withdrawn, requested())).toMatchObject({ status: 'awaiting_tabling', overdue: false });
  });
});

describe('case adjudication state', () => {
  it('exposes the request, the deferral count, the current meeting, the due time, the overdue flag and the resolution', () => {
    expect(stateAfter(requested(), overdue, tabled('m-1'), deferral('m-1', 1), tabled('m-2'), resolved('m-2', 'r-7'))).toEqual({
      status: 'resolved',
      caseId: 'case-1',
      units: ['chengguan', 'zhujian'],
      reason: 'responsibilities overlap',
      requestedAt: REQUESTED_AT,
      tablingDueAt: DUE_AFTER_DEFERRAL,
      overdue: false,
      deferrals: 1,
      meetingId: 'm-2',
      resolutionId: 'r-7',
      ...RESOLUTION,
      resolvedAt: LATER,
      history: { meetingsTabled: ['m-1', 'm-2'], meetingsDeferred: ['m-1'], resolutions: ['r-7'] },
    });
  });

  it('starts a new request afresh but keeps the deferral count and history', () => {
    expect(stateAfter(requested(), tabled('m-1'), deferral('m-1', 1), withdrawn, requested())).toEqual({
      status: 'awaiting_tabling',
      caseId: 'case-1',
      units: ['chengguan', 'zhujian'],
      reason: 'responsibilities overlap',
      requestedAt: REQUESTED_AT,
      tablingDueAt: DUE,
      overdue: false,
      deferrals: 1,
      meetingId: null,
      resolutionId: null,
      history: { meetingsTabled: ['m-1'], meetingsDeferred: ['m-1'], resolutions: [] },
    });
  });

  it('ignores events other than a request before the case is referred', () => {
    expect(stateAfter(tabled(), withdrawn)).toEqual({ status: 'none' });
  });
});
