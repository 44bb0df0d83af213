import type { EventEnvelope } from '@whistle/kernel';
import type { Projector } from './projector';
import type { ReadModelStore } from './read-model-store.port';

/**
 * Drops the projectors' collections and replays the events into them, in the order given (the
 * event store's global order). Returns how many events were replayed.
 */
export async function rebuild(
  store: ReadModelStore,
  events: AsyncIterable<EventEnvelope> | Iterable<EventEnvelope>,
  projectors: readonly Projector[],
  onReplayed?: (replayed: number) => void,
): Promise<number> {
  for (const name of new Set(projectors.flatMap((p) => p.collections))) await store.collection(name).clear();
  let replayed = 0;
  for await (const event of events) {
    for (const projector of projectors) await projector.project(store, event);
    replayed += 1;
    onReplayed?.(replayed);
  }
  return replayed;
}
