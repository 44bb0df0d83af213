import type { CatalogueIndex } from '@whistle/catalogue';
import type { Principal, ScopeClaim } from '@whistle/auth';
import type { Name } from '@whistle/contracts';

/** The roles a developer may sign in as from the console; the administrator keeps the catalogue (目录管理). */
export const DEV_SIGN_IN_ROLES = ['reporter', 'station', 'unit', 'office', 'auditor', 'admin'] as const;
export type DevSignInRole = (typeof DEV_SIGN_IN_ROLES)[number];

interface Choice {
  readonly id: string;
  readonly name: Name;
}

/** What the sign-in page offers: each role, the scope it needs, and the catalogue's stations, units and compounds. */
export interface DevSignInChoices {
  readonly developmentOnly: true;
  readonly roles: readonly DevSignInRole[];
  readonly scopeOf: Readonly<Partial<Record<DevSignInRole, ScopeClaim>>>;
  readonly stations: readonly Choice[];
  readonly units: readonly Choice[];
  readonly compounds: readonly (Choice & { readonly communityId: string; readonly stationId: string })[];
}

export const SCOPE_OF: DevSignInChoices['scopeOf'] = { reporter: 'compoundId', station: 'stationId', unit: 'unitId' };

export function devSignInChoices(catalogue: CatalogueIndex): DevSignInChoices {
  const { stations, units, compounds } = catalogue.catalogue;
  return {
    developmentOnly: true,
    roles: DEV_SIGN_IN_ROLES,
    scopeOf: SCOPE_OF,
    stations: stations.map(({ id, name }) => ({ id, name })),
    units: units.map(({ id, name }) => ({ id, name })),
    compounds: compounds.flatMap(({ id, name }) => {
      const placement = catalogue.compound(id);
      return placement ? [{ id, name, communityId: placement.community.id, stationId: placement.station.id }] : [];
    }),
  };
}

/** Whether the catalogue knows the scope a role names; the token CLI trusts its user, this endpoint checks. */
export function knownScope(catalogue: CatalogueIndex, principal: Principal): boolean {
  switch (principal.role) {
    case 'station':
      return catalogue.station(principal.stationId ?? '') !== undefined;
    case 'unit':
      return catalogue.unit(principal.unitId ?? '') !== undefined;
    case 'reporter':
      return catalogue.compound(principal.compoundId ?? '') !== undefined;
    default:
      return true;
  }
}
