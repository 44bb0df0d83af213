import { ForbiddenException } from '@nestjs/common';
import { type Principal, SCOPE_CLAIM_OF_ROLE } from '@whistle/auth';

/** Where a resource belongs; a case summons several units, so each may be a list. */
export interface ResourceScope {
  readonly compoundId?: string | readonly string[];
  readonly stationId?: string | readonly string[];
  readonly unitId?: string | readonly string[];
}

/**
 * Whether a reporter, station or unit may act on a resource: it is within its own compound,
 * station or unit. Town-wide roles may. A resource that does not say where it belongs is outside every scope.
 */
export function withinScope(principal: Principal, resource: ResourceScope): boolean {
  const claim = SCOPE_CLAIM_OF_ROLE[principal.role];
  if (claim === undefined) return true;
  const own = principal[claim];
  return own !== undefined && ownersOf(resource, claim).includes(own);
}

/** Refuses (403) a caller acting on a resource outside its scope, as `withinScope` says. */
export function assertScope(principal: Principal, resource: ResourceScope): void {
  if (withinScope(principal, resource)) return;
  const claim = SCOPE_CLAIM_OF_ROLE[principal.role] as keyof ResourceScope;
  throw new ForbiddenException(
    `${principal.role} ${principal[claim] ?? '(none)'} is outside the scope of this resource (${claim}: ${ownersOf(resource, claim).join(', ') || 'none'})`,
  );
}

function ownersOf(resource: ResourceScope, claim: keyof ResourceScope): readonly string[] {
  const owners = resource[claim];
  return owners === undefined ? [] : typeof owners === 'string' ? [owners] : owners;
}
