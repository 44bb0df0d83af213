import type { CatalogueIndex } from '@whistle/catalogue';
import type { Clock } from '@whistle/kernel';

export const DEV_SIGN_IN = Symbol('DEV_SIGN_IN');

export interface DevSignInDependencies {
  readonly catalogue: CatalogueIndex;
  /** The development secret the process checks tokens with. */
  readonly secret: string;
  readonly clock: Clock;
}
