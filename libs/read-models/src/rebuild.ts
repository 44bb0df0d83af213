import type { EventEnvelope } from '@whistle/kernel';
import { DocumentCache } from './document-cache';
import type { Projector } from './projector';
import type { ReadModelStore } from './read-model-store.port';

/** Events applied per batch: each document a batch touches is written once, in the store's chunks. */
const REBUILD_BATCH = 500;

/**
 * Drops the projectors' collections and replays the events into them, in the order given (the
 * event store's global order), a batch at a time. Returns how many events were replayed.
 */
export async function rebuild(
  store: ReadModelStore,
  events: AsyncIterable<EventEnvelope> | Iterable<EventEnvelope>,
  projectors: readonly Projector[],
  onReplayed?: (replayed: number) => void,
): Promise<number> {
  for (const name of new Set(projectors.flatMap((p) => p.collections))) await store.collection(name).clear();
  // Nobody else writes while a rebuild runs, so what it wrote is what is stored: a large cache saves reads.
  const cache = new DocumentCache(20_000);
  let replayed = 0;
  let batch: EventEnvelope[] = [];
  const apply = async () => {
    for (const projector of projectors) await projector.projectBatch(store, batch, cache);
    replayed += batch.length;
    batch = [];
    onReplayed?.(replayed);
  };
  for await (const event of events) {
    batch.push(event);
    if (batch.length >= REBUILD_BATCH) await apply();
  }
  if (batch.length > 0) await apply();
  return replayed;
}
