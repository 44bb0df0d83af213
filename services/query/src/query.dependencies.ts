import type { Clock } from '@whistle/kernel';
import type { CatalogueIndex } from '@whistle/catalogue';
import type { EventStore } from '@whistle/event-store';
import type { ReadModelStore } from '@whistle/read-models';
import type { ReadSideProgress } from './read-side-progress';

/** Everything the read side (读侧) works with, built by whoever hosts it. */
export interface QueryDependencies {
  readonly readModels: ReadModelStore;
  readonly catalogue: CatalogueIndex;
  /** the four writing services' stores: the read models are rebuilt from them */
  readonly stores: readonly EventStore[];
  readonly clock: Clock;
  /**
   * What the projection has applied: After-Position waits and the live stream of changes hear of
   * it from the projection feeding `readModels`, so pass the same one to both. Left out, the
   * module makes its own, which the waits poll and the live stream never hears from.
   */
  readonly progress?: ReadSideProgress;
  /** How often the live stream sends a heartbeat comment (15 s unless given). */
  readonly liveHeartbeatMs?: number;
}

export const QUERY = Symbol('QUERY');
