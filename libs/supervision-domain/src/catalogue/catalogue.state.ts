import { catalogueAfter, type CatalogueEvent, type CatalogueInForce } from '@whistle/contracts';

/**
 * The catalogue's changes (目录变更): `inForce` is what the recorded changes left, null before the
 * first one (the process's starting catalogue, `CATALOGUE_FILE`, is then in force).
 */
export interface CatalogueState {
  readonly inForce: CatalogueInForce | null;
}

export const initialCatalogueState: CatalogueState = { inForce: null };

export function evolveCatalogue(state: CatalogueState, event: CatalogueEvent): CatalogueState {
  if (event.type !== 'supervision.CatalogueAdopted.v1' && state.inForce === null) {
    throw new Error(`${event.type} before the catalogue was adopted: the stream is not one this version wrote`);
  }
  return { inForce: catalogueAfter(state.inForce ?? (undefined as never), event) };
}
