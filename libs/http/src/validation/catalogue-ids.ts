import type { CatalogueListName } from '@whistle/contracts';
import type { FieldError } from '../errors/http-errors';

/** The running catalogue's ids, list by list (a deployment's own, `CATALOGUE_FILE`). */
export type CatalogueIds = Readonly<Record<CatalogueListName, readonly string[]>>;

/**
 * Every request member (body at any depth, query or path parameter) that names catalogue ids,
 * and the list they must be in: the one table both the validation pipe checks against and the
 * API document declares as enums, so the document says exactly what the server refuses.
 * Found from the request DTOs and the deciders' catalogue checks (intake's compound and
 * category, the whistle's, publicity's and the meeting's units, the firm's compounds, the
 * assessment's compound, the development sign-in's scope) and the read side's filters.
 */
export const CATALOGUE_ID_MEMBERS: Readonly<Record<string, CatalogueListName>> = {
  compoundId: 'compounds',
  compoundIds: 'compounds',
  category: 'categories',
  unitId: 'units',
  units: 'units',
  invitedUnits: 'units',
  leadUnit: 'units',
  supportingUnits: 'units',
  stationId: 'stations',
  communityId: 'communities',
};

/** The list a member's ids must be in, if it names any. */
export function catalogueListOf(member: string): CatalogueListName | undefined {
  return Object.hasOwn(CATALOGUE_ID_MEMBERS, member) ? CATALOGUE_ID_MEMBERS[member] : undefined;
}

/**
 * Each id of a known member (a string, or each string of a list) that is not in its catalogue
 * list, named by its path (`units[1]`, `invitedUnits[0]`). Values of the wrong type are left to
 * the DTO's own rules.
 */
export function unknownCatalogueIds(value: unknown, ids: CatalogueIds, path = ''): FieldError[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => unknownCatalogueIds(item, ids, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([member, item]) => {
    const field = path ? `${path}.${member}` : member;
    const list = catalogueListOf(member);
    return list === undefined ? unknownCatalogueIds(item, ids, field) : unknownIn(item, ids[list], list, field);
  });
}

function unknownIn(value: unknown, known: readonly string[], list: CatalogueListName, field: string): FieldError[] {
  if (typeof value === 'string') return known.includes(value) ? [] : [{ field, message: `${field} "${value}" is not one of the catalogue’s ${list}` }];
  if (Array.isArray(value)) return value.flatMap((item, i) => (typeof item === 'string' ? unknownIn(item, known, list, `${field}[${i}]`) : []));
  return [];
}
