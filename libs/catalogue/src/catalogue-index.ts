import { NO_REMOVED_ENTRIES, type Catalogue, type CatalogueInForce, type CatalogueListName, type Category, type Community, type Compound, type Deadlines, type Level, type Name, type Policies, type RemovedEntries, type Station, type Town, type Unit } from '@whistle/contracts';

/** Where a compound sits: its community and the station that covers it. */
export interface CompoundPlacement {
  readonly compound: Compound;
  readonly community: Community;
  readonly station: Station;
}

/**
 * Look-ups over a validated catalogue (see `validateCatalogue`). The catalogue changes while the
 * system runs (目录变更): `replace` swaps in the one recorded changes left, and everyone holding
 * the index sees it from their next look-up. The look-ups answer with entries in use; `nameOf`
 * also knows the removed ones, which past cases still name.
 */
export class CatalogueIndex {
  private placements!: ReadonlyMap<string, CompoundPlacement>;
  private categories!: ReadonlyMap<string, Category>;
  private units!: ReadonlyMap<string, Unit>;
  private stations!: ReadonlyMap<string, Station>;
  private communities!: ReadonlyMap<string, Community>;
  private removedEntries: RemovedEntries = NO_REMOVED_ENTRIES;
  private idLists!: Readonly<Record<CatalogueListName, readonly string[]>>;
  private current!: Catalogue;
  private revisionInForce = -1;

  /** `starting`: the catalogue the process started with (CATALOGUE_FILE), in force until a recorded change replaces it. */
  constructor(readonly starting: Catalogue) {
    this.index(starting);
  }

  /** The catalogue in force. */
  get catalogue(): Catalogue {
    return this.current;
  }

  /** The revision of the catalogue's stream of changes in force: -1 while the starting catalogue is. */
  get revision(): number {
    return this.revisionInForce;
  }

  /** The entries changes removed, list by list. */
  get removed(): RemovedEntries {
    return this.removedEntries;
  }

  /**
   * Puts in force the catalogue recorded changes left, as of the changes' stream `revision`; an
   * older revision than the one in force is ignored (a follower may read a change twice).
   */
  replace(inForce: CatalogueInForce, revision: number): boolean {
    if (revision <= this.revisionInForce) return false;
    this.index(inForce.catalogue);
    this.removedEntries = inForce.removed;
    this.revisionInForce = revision;
    return true;
  }

  /** The ids of one list in use, for checking a request's ids. */
  ids(list: CatalogueListName): readonly string[] {
    return this.idLists[list];
  }

  /** An entry's name, in use or removed (a past case names it); undefined for an id never in the catalogue. */
  nameOf(list: CatalogueListName, id: string): Name | undefined {
    const entry = (this.current[list] as readonly { id: string; name: Name }[]).find((e) => e.id === id) ?? (this.removedEntries[list] as readonly { id: string; name: Name }[]).find((e) => e.id === id);
    return entry?.name;
  }

  private index(catalogue: Catalogue): void {
    this.current = catalogue;
    this.categories = byId(catalogue.categories);
    this.units = byId(catalogue.units);
    this.stations = byId(catalogue.stations);
    this.communities = byId(catalogue.communities);
    this.placements = new Map(catalogue.compounds.map((compound) => [compound.id, this.place(compound)]));
    const ids = (items: readonly { readonly id: string }[]) => items.map((item) => item.id);
    this.idLists = { compounds: ids(catalogue.compounds), categories: ids(catalogue.categories), units: ids(catalogue.units), stations: ids(catalogue.stations), communities: ids(catalogue.communities) };
  }

  get town(): Town {
    return this.catalogue.town;
  }

  get deadlines(): Deadlines {
    return this.catalogue.deadlines;
  }

  get policies(): Policies {
    return this.catalogue.policies;
  }

  compound(id: string): CompoundPlacement | undefined {
    return this.placements.get(id);
  }

  category(id: string): Category | undefined {
    return this.categories.get(id);
  }

  unit(id: string): Unit | undefined {
    return this.units.get(id);
  }

  isKnownUnit(id: string): boolean {
    return this.units.has(id);
  }

  station(id: string): Station | undefined {
    return this.stations.get(id);
  }

  community(id: string): Community | undefined {
    return this.communities.get(id);
  }

  /** The communities a station covers, in catalogue order; empty for an unknown station. */
  communitiesOf(stationId: string): readonly Community[] {
    return this.catalogue.communities.filter((community) => community.stationId === stationId);
  }

  /** The compounds of every community a station covers, in catalogue order. */
  compoundsOf(stationId: string): readonly Compound[] {
    return this.catalogue.compounds.filter((compound) => this.placements.get(compound.id)?.station.id === stationId);
  }

  compoundsOfCommunity(communityId: string): readonly Compound[] {
    return this.catalogue.compounds.filter((compound) => compound.communityId === communityId);
  }

  /** 报到 deadline after a whistle; levels 1 and 4 have none (an activity or a joint meeting instead). */
  reportInDuration(level: Level): string | undefined {
    return level === 2 || level === 3 ? this.current.deadlines.reportIn[level] : undefined;
  }

  /** How long after a missed report-in the level rises by itself; only levels 2 and 3 escalate so. */
  graceDuration(level: Level): string | undefined {
    return level === 2 || level === 3 ? this.current.deadlines.grace[level] : undefined;
  }

  private place(compound: Compound): CompoundPlacement {
    const community = this.communities.get(compound.communityId);
    const station = community && this.stations.get(community.stationId);
    if (!community || !station) {
      throw new Error(`compound "${compound.id}" does not resolve to a community and station; validate the catalogue first`);
    }
    return { compound, community, station };
  }
}

function byId<T extends { readonly id: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}
