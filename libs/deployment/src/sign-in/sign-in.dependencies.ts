import type { CatalogueIndex } from '@whistle/catalogue';
import type { Clock } from '@whistle/kernel';
import type { SignInMethod } from './sign-in-method';

export const SIGN_IN = Symbol('SIGN_IN');

export interface SignInDependencies {
  readonly method: SignInMethod;
  readonly catalogue: CatalogueIndex;
  readonly clock: Clock;
  /** The development secret, while tokens are checked with it; the development sign-in exists only then. */
  readonly developmentSecret?: string;
}
