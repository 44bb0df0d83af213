import { streams, type StateView } from '@whistle/contracts';
import { initialCatalogueState, type CatalogueState } from './catalogue.state';

/** The catalogue's changes for the town: none recorded yet is the starting catalogue in force. */
export function catalogueChangesOf(view: StateView, townId: string): CatalogueState {
  return view.get<CatalogueState>(streams.catalogue(townId)) ?? initialCatalogueState;
}
