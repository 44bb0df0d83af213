import type { Clock, IdSource } from '@whistle/kernel';
import type { ServiceRuntime } from '@whistle/application';
import type { CatalogueIndex } from '@whistle/catalogue';

/** Everything the enforcement service (执法) works with, built by whoever hosts it. */
export interface EnforcementDependencies {
  readonly runtime: ServiceRuntime;
  readonly catalogue: CatalogueIndex;
  readonly clock: Clock;
  readonly ids: IdSource;
}

export const ENFORCEMENT = Symbol('ENFORCEMENT');
