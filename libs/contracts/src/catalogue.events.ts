import type { Catalogue, Category, Community, Compound, Deadlines, Policies, Station, Unit } from './catalogue';

/**
 * Changes to the catalogue (目录变更) while the system runs: the office's administrator edits an
 * entry of one of these lists, the deadlines or the meeting policy, each change with a reason.
 * The stream of changes is the catalogue's history: what it was on any date is the fold of the
 * changes recorded by then.
 */
export const CATALOGUE_LISTS = ['categories', 'units', 'compounds', 'communities', 'stations'] as const;
export type CatalogueListName = (typeof CATALOGUE_LISTS)[number];

/** What one entry of each list is called, in messages (`unit unit-gongan`, a 404's resource). */
export const CATALOGUE_ENTRY_NOUNS: Readonly<Record<CatalogueListName, string>> = { categories: 'category', units: 'unit', compounds: 'compound', communities: 'community', stations: 'station' };

export interface CatalogueEntries {
  readonly categories: Category;
  readonly units: Unit;
  readonly compounds: Compound;
  readonly communities: Community;
  readonly stations: Station;
}
export type CatalogueEntry = CatalogueEntries[CatalogueListName];

/** The entries a change removed, list by list: past cases still name them, so their names stay known. */
export type RemovedEntries = { readonly [L in CatalogueListName]: readonly CatalogueEntries[L][] };

export const NO_REMOVED_ENTRIES: RemovedEntries = { categories: [], units: [], compounds: [], communities: [], stations: [] };

/**
 * The catalogue the system ran on until the first change (`CATALOGUE_FILE`, or the bundled
 * default), recorded with that change: the history then needs no file to be read back.
 */
export interface CatalogueAdopted {
  readonly type: 'supervision.CatalogueAdopted.v1';
  readonly data: { readonly catalogue: Catalogue; readonly adoptedAt: string };
}

/** An entry added (`previous` null) or revised, whole as it now stands. */
export interface CatalogueEntryPut {
  readonly type: 'supervision.CatalogueEntryPut.v1';
  readonly data: {
    readonly list: CatalogueListName;
    readonly entry: CatalogueEntry;
    readonly previous: CatalogueEntry | null;
    readonly reason: string;
    readonly changedAt: string;
  };
}

/** An entry taken out of use: new work may not name it; the cases that named it keep its name. */
export interface CatalogueEntryRemoved {
  readonly type: 'supervision.CatalogueEntryRemoved.v1';
  readonly data: { readonly list: CatalogueListName; readonly id: string; readonly previous: CatalogueEntry; readonly reason: string; readonly changedAt: string };
}

export interface CatalogueDeadlinesRevised {
  readonly type: 'supervision.CatalogueDeadlinesRevised.v1';
  readonly data: { readonly deadlines: Deadlines; readonly previous: Deadlines; readonly reason: string; readonly changedAt: string };
}

/** The joint meeting's policy (quorum, deferrals) revised. */
export interface CataloguePoliciesRevised {
  readonly type: 'supervision.CataloguePoliciesRevised.v1';
  readonly data: { readonly policies: Policies; readonly previous: Policies; readonly reason: string; readonly changedAt: string };
}

export type CatalogueEvent = CatalogueAdopted | CatalogueEntryPut | CatalogueEntryRemoved | CatalogueDeadlinesRevised | CataloguePoliciesRevised;

export const CATALOGUE_EVENT_TYPES: readonly CatalogueEvent['type'][] = [
  'supervision.CatalogueAdopted.v1',
  'supervision.CatalogueEntryPut.v1',
  'supervision.CatalogueEntryRemoved.v1',
  'supervision.CatalogueDeadlinesRevised.v1',
  'supervision.CataloguePoliciesRevised.v1',
];

export function isCatalogueEvent(event: { readonly type: string }): event is CatalogueEvent {
  return (CATALOGUE_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** The catalogue as recorded changes leave it, with the entries they removed. */
export interface CatalogueInForce {
  readonly catalogue: Catalogue;
  readonly removed: RemovedEntries;
}

/**
 * The catalogue after one more recorded change: the one fold the owner's state, every process
 * that follows it and the history's "as of a date" all use. Entries keep their list's order;
 * a new one goes last.
 */
export function catalogueAfter(current: CatalogueInForce, event: CatalogueEvent): CatalogueInForce {
  switch (event.type) {
    case 'supervision.CatalogueAdopted.v1':
      return { catalogue: event.data.catalogue, removed: NO_REMOVED_ENTRIES };
    case 'supervision.CatalogueEntryPut.v1': {
      const { list, entry } = event.data;
      const entries = current.catalogue[list] as readonly CatalogueEntry[];
      const at = entries.findIndex((e) => e.id === entry.id);
      const next = at === -1 ? [...entries, entry] : entries.map((e, i) => (i === at ? entry : e));
      const removed = (current.removed[list] as readonly CatalogueEntry[]).filter((e) => e.id !== entry.id);
      return { catalogue: { ...current.catalogue, [list]: next }, removed: { ...current.removed, [list]: removed } };
    }
    case 'supervision.CatalogueEntryRemoved.v1': {
      const { list, id, previous } = event.data;
      const entries = (current.catalogue[list] as readonly CatalogueEntry[]).filter((e) => e.id !== id);
      const removed = [...(current.removed[list] as readonly CatalogueEntry[]).filter((e) => e.id !== id), previous];
      return { catalogue: { ...current.catalogue, [list]: entries }, removed: { ...current.removed, [list]: removed } };
    }
    case 'supervision.CatalogueDeadlinesRevised.v1':
      return { ...current, catalogue: { ...current.catalogue, deadlines: event.data.deadlines } };
    case 'supervision.CataloguePoliciesRevised.v1':
      return { ...current, catalogue: { ...current.catalogue, policies: event.data.policies } };
    default: {
      const never: never = event;
      throw new Error(`unknown catalogue event ${(never as { type: string }).type}`);
    }
  }
}
