import type { Clock } from '@whistle/kernel';
import type { CatalogueIndex } from '@whistle/catalogue';
import type { EventStore } from '@whistle/event-store';
import type { ReadModelStore } from '@whistle/read-models';

/** Everything the read side (读侧) works with, built by whoever hosts it. */
export interface QueryDependencies {
  readonly readModels: ReadModelStore;
  readonly catalogue: CatalogueIndex;
  /** the four writing services' stores: the read models are rebuilt from them */
  readonly stores: readonly EventStore[];
  readonly clock: Clock;
}

export const QUERY = Symbol('QUERY');
