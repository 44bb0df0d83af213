import { ForbiddenException } from '@nestjs/common';
import { type Principal, SCOPE_CLAIM_OF_ROLE } from '@whistle/auth';

/** Where a resource belongs; a case summons several units, so each may be a list. */
export interface ResourceScope {
  readonly compoundId?: string | readonly string[];
  readonly stationId?: string | readonly string[];
  readonly unitId?: string | readonly string[];
}

/**
 * Refuses (403) a reporter, station or unit acting on a resource outside its own compound, station
 * or unit. Town-wide roles pass. A resource that does not say where it belongs is outside every scope.
 */
export function assertScope(principal: Principal, resource: ResourceScope): void {
  const claim = SCOPE_CLAIM_OF_ROLE[principal.role];
  if (claim === undefined) return;
  const own = principal[claim];
  const owners = resource[claim];
  const list: readonly string[] = owners === undefined ? [] : typeof owners === 'string' ? [owners] : owners;
  if (own !== undefined && list.includes(own)) return;
  throw new ForbiddenException(
    `${principal.role} ${own ?? '(none)'} is outside the scope of this resource (${claim}: ${list.join(', ') || 'none'})`,
  );
}
