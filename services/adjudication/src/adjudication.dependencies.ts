import type { Clock, IdSource } from '@whistle/kernel';
import type { ServiceRuntime } from '@whistle/application';
import type { CatalogueIndex } from '@whistle/catalogue';

/** Everything the adjudication service (联席会议) works with, built by whoever hosts it. */
export interface AdjudicationDependencies {
  readonly runtime: ServiceRuntime;
  readonly catalogue: CatalogueIndex;
  readonly clock: Clock;
  readonly ids: IdSource;
}

export const ADJUDICATION = Symbol('ADJUDICATION');
