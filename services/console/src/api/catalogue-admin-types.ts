// The catalogue as the administrator edits it (目录管理): every field of GET /api/catalogue, and
// the history under /api/catalogue/ (API.md; libs/contracts/src/catalogue*.ts are the server's).
import type { Level, Name } from './types';

export const CATALOGUE_LISTS = ['categories', 'units', 'compounds', 'communities', 'stations'] as const;
export type CatalogueListName = (typeof CATALOGUE_LISTS)[number];

export interface Webhook {
  readonly url: string;
  readonly secretRef: string;
}

export interface PerLevel {
  readonly '2': string;
  readonly '3': string;
}

export interface CategoryEntry {
  readonly id: string;
  readonly name: Name;
  readonly defaultLevel: Level;
  readonly unitIds: readonly string[];
  readonly deadlines?: { readonly reportIn?: PerLevel; readonly grace?: PerLevel; readonly activity?: string };
}

export interface UnitEntry {
  readonly id: string;
  readonly name: Name;
  readonly webhook?: Webhook;
  readonly contacts?: readonly { readonly name: string; readonly phone: string }[];
}

export interface CompoundEntry {
  readonly id: string;
  readonly name: Name;
  readonly communityId: string;
}

export interface CommunityEntry {
  readonly id: string;
  readonly name: Name;
  readonly stationId: string;
}

export interface StationEntry {
  readonly id: string;
  readonly name: Name;
  readonly webhook?: Webhook;
}

export interface CatalogueEntries {
  readonly categories: CategoryEntry;
  readonly units: UnitEntry;
  readonly compounds: CompoundEntry;
  readonly communities: CommunityEntry;
  readonly stations: StationEntry;
}
export type AnyEntry = CatalogueEntries[CatalogueListName];

export interface CatalogueDeadlines {
  readonly reportIn: PerLevel;
  readonly activity: string;
  readonly tabling: string;
  readonly resolutionTasks: string;
  readonly grace: PerLevel;
  readonly reopenWindow: string;
  readonly duplicateWindow: string;
}

export interface CataloguePolicies {
  readonly quorumShare: number;
  readonly maxDeferrals: number;
}

export type FullCatalogue = { readonly town: { readonly id: string; readonly name: Name }; readonly deadlines: CatalogueDeadlines; readonly policies: CataloguePolicies } & {
  readonly [L in CatalogueListName]: readonly CatalogueEntries[L][];
};

export type RemovedEntries = { readonly [L in CatalogueListName]: readonly CatalogueEntries[L][] };

export type CatalogueChangeType =
  | 'supervision.CatalogueAdopted.v1'
  | 'supervision.CatalogueEntryPut.v1'
  | 'supervision.CatalogueEntryRemoved.v1'
  | 'supervision.CatalogueDeadlinesRevised.v1'
  | 'supervision.CataloguePoliciesRevised.v1';

/** One recorded change; `data` as the event holds it (entry or deadlines or policies, previous, reason). */
export interface CatalogueChange {
  readonly revision: number;
  readonly type: CatalogueChangeType;
  readonly data: {
    readonly list?: CatalogueListName;
    readonly id?: string;
    readonly entry?: AnyEntry;
    readonly deadlines?: CatalogueDeadlines;
    readonly policies?: CataloguePolicies;
    readonly previous?: unknown;
    readonly reason?: string;
    readonly changedAt?: string;
  };
  readonly recordedAt: string;
  readonly actor: { readonly id: string; readonly role: string };
}

export interface CatalogueChanges {
  /** the revision in force, sent as If-Match with the next change; -1 while none was recorded */
  readonly revision: number;
  readonly changes: readonly CatalogueChange[];
}

export interface CatalogueAsOf {
  readonly at: string;
  readonly revision: number;
  readonly catalogue: FullCatalogue;
  readonly removed: RemovedEntries;
}
