import { ForbiddenException } from '@nestjs/common';
import type { Principal, ScopeClaim } from '@whistle/auth';
import { assertScope } from '@whistle/http';
import type { CaseListFilter, TaskListFilter } from '@whistle/read-models';

/*
 * The read side narrows every list to the caller's scope: a reporter sees its compound's cases,
 * a station its own, a unit those it is involved in. Asking by name for another station's or
 * unit's list is refused (403) rather than silently answered with nothing.
 */

export function scopedCaseFilter(principal: Principal, asked: CaseListFilter): CaseListFilter {
  switch (principal.role) {
    case 'reporter':
      if (asked.compoundId !== undefined) assertScope(principal, { compoundId: asked.compoundId });
      return { ...asked, compoundId: own(principal, 'compoundId') };
    case 'station':
      if (asked.stationId !== undefined) assertScope(principal, { stationId: asked.stationId });
      return { ...asked, stationIds: [own(principal, 'stationId')] };
    case 'unit':
      if (asked.unitId !== undefined) assertScope(principal, { unitId: asked.unitId });
      return { ...asked, unitId: own(principal, 'unitId') };
    default:
      return asked;
  }
}

export function scopedTaskFilter(principal: Principal, asked: TaskListFilter): TaskListFilter {
  switch (principal.role) {
    case 'station':
      return { ...asked, stationIds: [own(principal, 'stationId')] };
    case 'unit':
      if (asked.unitId !== undefined) assertScope(principal, { unitId: asked.unitId });
      return { ...asked, unitId: own(principal, 'unitId') };
    default:
      return asked;
  }
}

/** The caller's own compound, station or unit; a verified token of a scoped role always carries it. */
export function own(principal: Principal, claim: ScopeClaim): string {
  const value = principal[claim];
  if (value === undefined) throw new ForbiddenException(`a ${principal.role} token must name its ${claim}`);
  return value;
}
