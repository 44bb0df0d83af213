import type { Clock, IdSource } from '@whistle/kernel';
import type { ServiceRuntime } from '@whistle/application';
import type { CatalogueIndex } from '@whistle/catalogue';
import type { PersonalDataVault } from './personal-data.vault';

/** Everything the intake service (受理) works with, built by whoever hosts it. */
export interface IntakeDependencies {
  readonly runtime: ServiceRuntime;
  readonly catalogue: CatalogueIndex;
  readonly vault: PersonalDataVault;
  readonly clock: Clock;
  readonly ids: IdSource;
}

export const INTAKE = Symbol('INTAKE');
