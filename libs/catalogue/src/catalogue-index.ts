import type { Catalogue, Category, Community, Compound, Deadlines, Level, Policies, Station, Town, Unit } from '@whistle/contracts';

/** Where a compound sits: its community and the station that covers it. */
export interface CompoundPlacement {
  readonly compound: Compound;
  readonly community: Community;
  readonly station: Station;
}

/** Look-ups over a validated catalogue (see `validateCatalogue`), built once at start. */
export class CatalogueIndex {
  private readonly placements: ReadonlyMap<string, CompoundPlacement>;
  private readonly categories: ReadonlyMap<string, Category>;
  private readonly units: ReadonlyMap<string, Unit>;
  private readonly stations: ReadonlyMap<string, Station>;
  private readonly communities: ReadonlyMap<string, Community>;

  constructor(readonly catalogue: Catalogue) {
    this.categories = byId(catalogue.categories);
    this.units = byId(catalogue.units);
    this.stations = byId(catalogue.stations);
    this.communities = byId(catalogue.communities);
    this.placements = new Map(catalogue.compounds.map((compound) => [compound.id, this.place(compound)]));
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
    return level === 2 || level === 3 ? this.catalogue.deadlines.reportIn[level] : undefined;
  }

  /** How long after a missed report-in the level rises by itself; only levels 2 and 3 escalate so. */
  graceDuration(level: Level): string | undefined {
    return level === 2 || level === 3 ? this.catalogue.deadlines.grace[level] : undefined;
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
