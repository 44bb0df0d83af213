import { invalid, refuse } from '@whistle/kernel';
import type { CaseState } from './case.state';

/** The trimmed text of a required field, or a refusal naming it. */
export function required(field: string, value: string | undefined): string {
  const text = value?.trim() ?? '';
  if (text === '') invalid(field, `${field} must not be empty`);
  return text;
}

export function mustExist(state: CaseState): asserts state is Exclude<CaseState, { status: 'none' }> {
  if (state.status === 'none') refuse('case.not_found', 'no such case');
}

const WHY: Record<Exclude<CaseState['status'], 'none'>, string> = {
  reported: 'is not yet routed to its station',
  rejected: 'was rejected',
  duplicate: 'was linked as a duplicate',
  merged: 'was merged into another case',
  withdrawn: 'was withdrawn',
  closed: 'is closed',
  resolved: 'is resolved and waits for the callback',
  open: 'is still being handled',
  referred_upward: 'was referred upward to the district (上报区级)',
};

/** What the case's status says of it, as a refusal's message reads it. */
export function whyOf(state: CaseState): string {
  return state.status === 'none' ? 'does not exist' : WHY[state.status];
}

export function ended(state: CaseState, doing: string): never {
  return refuse(`case.${state.status}`, `cannot ${doing}: the case ${whyOf(state)}`);
}
