import type { EventEnvelope } from '@whistle/kernel';
import { ReadModelConflict, type ReadModelCollection, type ReadModelDocument, type ReadModelStore } from './read-model-store.port';

/** Turns events into documents of its collections; applying an event twice changes nothing. */
export interface Projector {
  readonly name: string;
  /** what `rebuild` clears before replaying */
  readonly collections: readonly string[];
  project(store: ReadModelStore, event: EventEnvelope): Promise<void>;
}

/**
 * Every round of conflicts lets one writer through, so this bounds how many writers of one
 * document may race at once; past it the error goes to the consumer, which retries with backoff.
 */
const MAX_ATTEMPTS = 50;

/**
 * Read, change, write only if nobody wrote in between, else start over. Events of one case come
 * from several streams and may be handled concurrently; without transactions, this is what
 * keeps one of two concurrent changes from overwriting the other.
 * `change` returns the same document (or undefined) when there is nothing to write.
 */
export async function updateDocument<D extends ReadModelDocument>(
  collection: ReadModelCollection<D>,
  id: string,
  change: (current: D | undefined) => D | undefined,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await collection.get(id);
    const next = change(current);
    if (next === undefined || next === current) return;
    try {
      await collection.put(next, { expectedVersion: current?.version ?? 0 });
      return;
    } catch (error) {
      if (!(error instanceof ReadModelConflict) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
