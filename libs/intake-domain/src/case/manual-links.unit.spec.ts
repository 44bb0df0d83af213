import { specFor } from '@whistle/kernel/testing';
import type { IntakeEvent } from '@whistle/contracts';
import { caseDecider, type CaseCommand } from './case.decide';
import { evolveCase, initialCaseState, type CaseState } from './case.state';
import type { LinkAsDuplicate, MergeInto } from './manual-links';

const spec = specFor(caseDecider);
const T0 = '2026-11-21T08:00:00.000Z';
const T1 = '2026-11-21T09:00:00.000Z';

const reported = (caseId: string, compoundId = 'compound-a', category = 'fire_lane_blocked'): IntakeEvent => ({
  type: 'intake.CaseReported.v1',
  data: { caseId, compoundId, category, description: 'A car blocks the fire lane', channel: 'branch', evidence: [], reportedAt: T0 },
});
const routed = (caseId: string, compoundId = 'compound-a', category = 'fire_lane_blocked'): IntakeEvent => ({
  type: 'intake.CaseRouted.v1',
  data: { caseId, stationId: 'station-a', communityId: 'community-a', compoundId, category, proposedLevel: 2, proposedUnits: ['unit-police'], routedAt: T0 },
});
/** Another case's state, as the service looks it up for the command. */
const caseOf = (...events: IntakeEvent[]): CaseState => events.reduce(evolveCase, initialCaseState);
const openCase = (caseId: string, compoundId?: string, category?: string) => caseOf(reported(caseId, compoundId, category), routed(caseId, compoundId, category));

const link = (overrides: Partial<LinkAsDuplicate> = {}): LinkAsDuplicate => ({
  type: 'LinkAsDuplicate',
  duplicateOf: 'c0',
  primary: openCase('c0'),
  duplicates: [],
  reason: '  同一辆车，5号楼东侧  ',
  now: T1,
  ...overrides,
});
const merge = (overrides: Partial<MergeInto> = {}): MergeInto => ({
  type: 'MergeInto',
  into: 'c0',
  survivor: openCase('c0'),
  duplicates: [],
  reason: ' 两次上报为同一问题 ',
  now: T1,
  ...overrides,
});
const linkedByHand: IntakeEvent = {
  type: 'intake.CaseLinkedAsDuplicate.v1',
  data: { caseId: 'c1', duplicateOf: 'c0', stationId: 'station-a', communityId: 'community-a', reason: '同一辆车，5号楼东侧', linkedAt: T1 },
};
/** The case's work is done and it waits for its callback. */
const completed = (caseId: string): IntakeEvent => ({ type: 'intake.WorkCompletionNoted.v1', data: { caseId, level: 2, completedAt: T0 } });
const merged: IntakeEvent = { type: 'intake.CaseMerged.v1', data: { caseId: 'c1', mergedInto: 'c0', reason: '两次上报为同一问题', mergedAt: T1 } };

describe('intake: linking a case as a duplicate by hand', () => {
  it('links an open case to an open case of the same compound, with the trimmed reason and its routing', () => {
    spec.given(reported('c1'), routed('c1')).when(link()).then(linkedByHand);
    expect(spec.given(reported('c1'), routed('c1'), linkedByHand).state()).toMatchObject({ status: 'duplicate', duplicateOf: 'c0' });
  });
  it('links to a case of another category of the same compound: the reason says why', () => {
    spec.given(reported('c1'), routed('c1')).when(link({ primary: openCase('c0', 'compound-a', 'clutter') })).then(linkedByHand);
  });
  it('links to a primary that is resolved and waits for its callback', () => {
    const resolved = caseOf(reported('c0'), routed('c0'), { type: 'intake.WorkCompletionNoted.v1', data: { caseId: 'c0', level: 2, completedAt: T0 } });
    spec.given(reported('c1'), routed('c1')).when(link({ primary: resolved })).then(linkedByHand);
  });
  it('requires a reason and the primary, naming the field', () => {
    spec.given(reported('c1'), routed('c1')).when(link({ reason: '  ' })).thenInvalid('reason', /must not be empty/);
    spec.given(reported('c1'), routed('c1')).when(link({ duplicateOf: ' ' })).thenInvalid('duplicateOf', /must not be empty/);
  });
  it('refuses a primary that does not exist, naming the field', () => {
    spec.given(reported('c1'), routed('c1')).when(link({ duplicateOf: 'nope', primary: initialCaseState })).thenInvalid('duplicateOf', /names no case: nope/);
  });
  it('refuses a case that does not exist', () => {
    spec.given().when(link()).thenRefused('case.not_found');
  });
  it('refuses to link a case to itself', () => {
    spec.given(reported('c1'), routed('c1')).when(link({ duplicateOf: 'c1', primary: openCase('c1') })).thenRefused('case.self_link', /itself/);
  });
  it('refuses a primary that is a duplicate itself, naming its primary', () => {
    const duplicate = caseOf(reported('c0'), { type: 'intake.CaseLinkedAsDuplicate.v1', data: { caseId: 'c0', duplicateOf: 'c9', linkedAt: T0 } });
    spec.given(reported('c1'), routed('c1')).when(link({ primary: duplicate })).thenRefused('case.primary_is_duplicate', /duplicate of case c9; use case c9 instead/);
  });
  it('refuses a primary that was merged, naming the case it was merged into', () => {
    const mergedAway = caseOf(reported('c0'), routed('c0'), { type: 'intake.CaseMerged.v1', data: { caseId: 'c0', mergedInto: 'c9', reason: 'x', mergedAt: T0 } });
    spec.given(reported('c1'), routed('c1')).when(link({ primary: mergedAway })).thenRefused('case.primary_is_merged', /merged into case c9; use case c9 instead/);
  });
  it('refuses a primary of another compound', () => {
    spec.given(reported('c1'), routed('c1')).when(link({ primary: openCase('c0', 'compound-b') })).thenRefused('case.other_compound', /compound-b/);
  });
  it('refuses a primary no longer handled', () => {
    const withdrawn = caseOf(reported('c0'), routed('c0'), { type: 'intake.CaseWithdrawn.v1', data: { caseId: 'c0', reason: 'x', withdrawnAt: T0 } });
    spec.given(reported('c1'), routed('c1')).when(link({ primary: withdrawn })).thenRefused('case.primary_ended', /case c0 was withdrawn/);
  });
  it('refuses a case that others are linked to, naming them, so that no chain or cycle forms', () => {
    spec.given(reported('c1'), routed('c1')).when(link({ duplicates: ['c2', 'c3'] })).thenRefused('case.has_duplicates', /cases c2, c3 are linked or merged into this case/);
  });
  it('refuses a case that is already a duplicate, merged, or closed', () => {
    spec.given(reported('c1'), routed('c1'), linkedByHand).when(link()).thenRefused('case.duplicate');
    spec.given(reported('c1'), routed('c1'), merged).when(link()).thenRefused('case.merged');
    spec.given(reported('c1'), { type: 'intake.CaseRejected.v1', data: { caseId: 'c1', code: 'out_of_scope', reason: 'x', rejectedAt: T0 } }).when(link()).thenRefused('case.rejected');
  });
  it('refuses a case that is resolved: undoing the link would route and triage its finished work again', () => {
    spec.given(reported('c1'), routed('c1'), completed('c1')).when(link()).thenRefused('case.resolved', /resolved and waits for the callback/);
  });
});

describe('intake: unlinking a duplicate (a new event; the link stays in the history)', () => {
  const unlink: CaseCommand = {
    type: 'OverruleDuplicate',
    reason: '不是同一辆车',
    compound: { communityId: 'community-a', stationId: 'station-a' },
    categoryEntry: { defaultLevel: 2, unitIds: ['unit-police'] },
    now: T1,
  };
  it('undoes a link made by hand and routes the case again', () => {
    spec
      .given(reported('c1'), routed('c1'), linkedByHand)
      .when(unlink)
      .then({ type: 'intake.DuplicateLinkOverruled.v1', data: { caseId: 'c1', duplicateOf: 'c0', reason: '不是同一辆车', overruledAt: T1 } }, { ...routed('c1'), data: { ...(routed('c1').data as object), routedAt: T1 } } as IntakeEvent);
  });
  it('refuses to undo a merge, which is for good', () => {
    spec.given(reported('c1'), routed('c1'), merged).when(unlink).thenRefused('case.merged', /merged into another case/);
  });
  it('requires a reason', () => {
    spec.given(reported('c1'), routed('c1'), linkedByHand).when({ ...unlink, reason: '' }).thenInvalid('reason', /must not be empty/);
  });
});

describe('intake: merging two cases (合并)', () => {
  it('merges an open case into another open case of the same compound, which survives', () => {
    spec.given(reported('c1'), routed('c1')).when(merge()).then(merged);
    expect(spec.given(reported('c1'), routed('c1'), merged).state()).toMatchObject({ status: 'merged', mergedInto: 'c0' });
  });
  it('requires a reason and the surviving case, naming the field', () => {
    spec.given(reported('c1'), routed('c1')).when(merge({ reason: '' })).thenInvalid('reason', /must not be empty/);
    spec.given(reported('c1'), routed('c1')).when(merge({ into: '' })).thenInvalid('into', /must not be empty/);
    spec.given(reported('c1'), routed('c1')).when(merge({ into: 'nope', survivor: initialCaseState })).thenInvalid('into', /names no case: nope/);
  });
  it('refuses to merge a case into itself', () => {
    spec.given(reported('c1'), routed('c1')).when(merge({ into: 'c1', survivor: openCase('c1') })).thenRefused('case.self_link');
  });
  it('refuses to merge into a closed case', () => {
    const closed = caseOf(
      reported('c0'),
      routed('c0'),
      { type: 'intake.WorkCompletionNoted.v1', data: { caseId: 'c0', level: 2, completedAt: T0 } },
      { type: 'intake.CaseClosed.v1', data: { caseId: 'c0', callbackResult: 'satisfied', closedAt: T0, reopenableUntil: T1 } },
    );
    spec.given(reported('c1'), routed('c1')).when(merge({ survivor: closed })).thenRefused('case.merge_into_closed', /case c0 is closed/);
  });
  it('refuses to merge into a duplicate or a merged case, naming its primary', () => {
    const duplicate = caseOf(reported('c0'), { type: 'intake.CaseLinkedAsDuplicate.v1', data: { caseId: 'c0', duplicateOf: 'c9', linkedAt: T0 } });
    spec.given(reported('c1'), routed('c1')).when(merge({ survivor: duplicate })).thenRefused('case.primary_is_duplicate', /use case c9/);
  });
  it('refuses to merge across compounds', () => {
    spec.given(reported('c1'), routed('c1')).when(merge({ survivor: openCase('c0', 'compound-b') })).thenRefused('case.other_compound');
  });
  it('refuses to merge a case that others are linked or merged into, naming them (no chains, no cycles)', () => {
    spec.given(reported('c1'), routed('c1')).when(merge({ duplicates: ['c2'] })).thenRefused('case.has_duplicates', /c2/);
  });
  it('refuses to merge a case that was merged already, or withdrawn', () => {
    spec.given(reported('c1'), routed('c1'), merged).when(merge()).thenRefused('case.merged');
    spec.given(reported('c1'), routed('c1'), { type: 'intake.CaseWithdrawn.v1', data: { caseId: 'c1', reason: 'x', withdrawnAt: T0 } }).when(merge()).thenRefused('case.withdrawn');
  });
  it('refuses to merge a case that is resolved: its finished work waits for its own callback', () => {
    spec.given(reported('c1'), routed('c1'), completed('c1')).when(merge()).thenRefused('case.resolved', /resolved and waits for the callback/);
  });
});
