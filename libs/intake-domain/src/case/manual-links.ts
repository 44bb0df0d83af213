import { invalid, refuse } from '@whistle/kernel';
import type { IntakeEvent } from '@whistle/contracts';
import type { CaseState } from './case.state';
import { ended, mustExist, required, whyOf } from './case.guards';

/**
 * Duplicates by hand (人工关联重复, 合并): the station or the office links a case to another as its
 * duplicate, or merges it into another that survives. Either way the case leaves handling, its
 * whistle stands down as a withdrawn case's does, and the office's rates count the problem once,
 * on the primary (主案件). A link can be undone (OverruleDuplicate); a merge is for good.
 *
 * Only a case still being handled can be linked or merged: a resolved one's work is done and waits
 * for its callback, and undoing a link routes and triages a case afresh, which would throw that
 * work away (the primary, though, may be resolved).
 *
 * Links stay one step deep, so there is never a chain or a cycle: the primary must not be a
 * duplicate or merged itself (the refusal names its own primary), and a case that others are
 * linked or merged into cannot become a duplicate in turn (the refusal names them).
 */

/** The other case of a link or a merge, as intake holds it (`status: 'none'` when there is no such case). */
export type OtherCase = CaseState;

export interface LinkAsDuplicate {
  readonly type: 'LinkAsDuplicate';
  readonly duplicateOf: string;
  readonly primary: OtherCase;
  /** the cases linked or merged into this one */
  readonly duplicates: readonly string[];
  readonly reason: string;
  readonly now: string;
}

export interface MergeInto {
  readonly type: 'MergeInto';
  readonly into: string;
  readonly survivor: OtherCase;
  /** the cases linked or merged into this one */
  readonly duplicates: readonly string[];
  readonly reason: string;
  readonly now: string;
}

type Known = Exclude<CaseState, { status: 'none' }>;
type Handled = Extract<CaseState, { status: 'open' }>;

/** The rules a link and a merge share, in the order a station would want to hear them. */
function checkPair(
  state: CaseState,
  other: { readonly field: string; readonly id: string; readonly state: OtherCase },
  duplicates: readonly string[],
  reasonText: string,
  doing: string,
): { readonly self: Handled; readonly reason: string } {
  mustExist(state);
  const id = required(other.field, other.id);
  const reason = required('reason', reasonText);
  if (id === state.caseId) refuse('case.self_link', `cannot ${doing}: a case cannot be a duplicate of itself`);
  if (state.status !== 'open') ended(state, doing);
  const target = other.state;
  if (target.status === 'none') invalid(other.field, `${other.field} names no case: ${id}`);
  if (target.status === 'duplicate') refuse('case.primary_is_duplicate', `cannot ${doing}: case ${id} is itself a duplicate of case ${target.duplicateOf}; use case ${target.duplicateOf} instead`);
  if (target.status === 'merged') refuse('case.primary_is_merged', `cannot ${doing}: case ${id} was merged into case ${target.mergedInto}; use case ${target.mergedInto} instead`);
  if (target.compoundId !== state.compoundId) {
    refuse('case.other_compound', `cannot ${doing}: case ${id} is in compound ${target.compoundId}, this case in ${state.compoundId}; only cases of one compound repeat each other`);
  }
  if (duplicates.length > 0) {
    refuse('case.has_duplicates', `cannot ${doing}: cases ${duplicates.join(', ')} are linked or merged into this case; link or merge the other case into this one instead`);
  }
  return { self: state, reason };
}

function routingOf(state: Known): { stationId?: string; communityId?: string } {
  return 'stationId' in state ? { stationId: state.stationId, communityId: state.communityId } : {};
}

export function linkAsDuplicate(command: LinkAsDuplicate, state: CaseState): IntakeEvent[] {
  const doing = 'link it as a duplicate';
  const { self, reason } = checkPair(state, { field: 'duplicateOf', id: command.duplicateOf, state: command.primary }, command.duplicates, command.reason, doing);
  const primary = command.primary as Known;
  if (primary.status !== 'open' && primary.status !== 'resolved') {
    refuse('case.primary_ended', `cannot ${doing}: case ${primary.caseId} ${whyOf(primary)}; only a case still handled can be the primary`);
  }
  return [
    {
      type: 'intake.CaseLinkedAsDuplicate.v1',
      data: { caseId: self.caseId, duplicateOf: primary.caseId, ...routingOf(self), reason, linkedAt: command.now },
    },
  ];
}

export function mergeInto(command: MergeInto, state: CaseState): IntakeEvent[] {
  const doing = 'merge it';
  const { self, reason } = checkPair(state, { field: 'into', id: command.into, state: command.survivor }, command.duplicates, command.reason, doing);
  const survivor = command.survivor as Known;
  if (survivor.status === 'closed') refuse('case.merge_into_closed', `cannot ${doing}: case ${survivor.caseId} is closed; a closed case cannot be merged into (reopen it first)`);
  if (survivor.status !== 'open' && survivor.status !== 'resolved') {
    refuse('case.primary_ended', `cannot ${doing}: case ${survivor.caseId} ${whyOf(survivor)}; only a case still handled can survive a merge`);
  }
  return [{ type: 'intake.CaseMerged.v1', data: { caseId: self.caseId, mergedInto: survivor.caseId, reason, mergedAt: command.now } }];
}
