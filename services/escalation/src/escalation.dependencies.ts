import type { Clock, IdSource } from '@whistle/kernel';
import type { ServiceRuntime } from '@whistle/application';
import type { CatalogueIndex } from '@whistle/catalogue';

/** Everything the escalation service (吹哨/升级) works with, built by whoever hosts it. */
export interface EscalationDependencies {
  readonly runtime: ServiceRuntime;
  readonly catalogue: CatalogueIndex;
  readonly clock: Clock;
  readonly ids: IdSource;
}

export const ESCALATION = Symbol('ESCALATION');
