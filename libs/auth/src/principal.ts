import type { Actor } from '@whistle/kernel';

/** The roles a token may carry. The kernel's `system` role is for the services' own actions, never a caller. */
export const PRINCIPAL_ROLES = ['reporter', 'station', 'unit', 'office', 'auditor', 'admin'] as const;
export type PrincipalRole = (typeof PRINCIPAL_ROLES)[number];

export type ScopeClaim = 'compoundId' | 'stationId' | 'unitId';

/** The scope claim each scoped role must carry; the other roles see the whole town. */
export const SCOPE_CLAIM_OF_ROLE: Readonly<Partial<Record<PrincipalRole, ScopeClaim>>> = {
  reporter: 'compoundId',
  station: 'stationId',
  unit: 'unitId',
};

/** The verified caller behind a request. */
export interface Principal {
  readonly sub: string;
  readonly role: PrincipalRole;
  readonly compoundId?: string;
  readonly stationId?: string;
  readonly unitId?: string;
}

export function isPrincipalRole(value: unknown): value is PrincipalRole {
  return typeof value === 'string' && (PRINCIPAL_ROLES as readonly string[]).includes(value);
}

/** The actor a command records for this caller. */
export function actorOf(principal: Principal): Actor {
  return {
    id: principal.sub,
    role: principal.role,
    ...(principal.unitId === undefined ? {} : { unitId: principal.unitId }),
    ...(principal.stationId === undefined ? {} : { stationId: principal.stationId }),
  };
}
