import type { EventEnvelope } from '@whistle/kernel';
import type { DocumentCache } from './document-cache';
import { ReadModelConflict, type ReadModelCollection, type ReadModelDocument, type ReadModelStore, type VersionedWrite } from './read-model-store.port';

/** Turns events into documents of its collections; applying an event twice changes nothing. */
export interface Projector {
  readonly name: string;
  /** what `rebuild` clears before replaying */
  readonly collections: readonly string[];
  project(store: ReadModelStore, event: EventEnvelope): Promise<void>;
  /** The same as `project` for each event in turn, with each touched document read and written once. */
  projectBatch(store: ReadModelStore, events: readonly EventEnvelope[], cache: DocumentCache): Promise<void>;
}

/** One event applied to one document; the same document back when it changes nothing, undefined when it does not concern it. */
export type Evolve<D> = (doc: D | undefined, event: EventEnvelope, id: string) => D | undefined;

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

/** `events` folded into `doc` in order; the same object when none of them changes it. */
export function foldEvents<D>(doc: D | undefined, events: readonly EventEnvelope[], id: string, evolve: Evolve<D>): D | undefined {
  let current = doc;
  for (const event of events) current = evolve(current, event, id) ?? current;
  return current;
}

/** A document's events folded into it at once; the same object when none of them changes it. */
export type Fold<D> = (doc: D | undefined, events: readonly EventEnvelope[], id: string) => D | undefined;

/** The fold that applies `evolve` to each event in turn, for a projector with no quicker one. */
export const eachInTurn =
  <D>(evolve: Evolve<D>): Fold<D> =>
  (doc, events, id) =>
    foldEvents(doc, events, id, evolve);

/**
 * A batch's events folded into the documents they touch (`touched`: id → its events in order),
 * each document written once, conditionally on its version. Cached documents are not read; a
 * document neither cached nor read is first taken to be new (a case's first event creates it),
 * which its insert confirms or refutes. Whatever was refuted or unconfirmed is read in one query
 * and redone, and what still conflicts goes through `updateDocument` one by one.
 */
export async function updateDocuments<D extends ReadModelDocument>(
  collection: ReadModelCollection<D>,
  name: string,
  touched: ReadonlyMap<string, readonly EventEnvelope[]>,
  fold: Fold<D>,
  cache: DocumentCache,
): Promise<void> {
  const unsure = new Set<string>();
  const guessed: VersionedWrite<D>[] = [];
  for (const [id, events] of touched) {
    const cached = cache.get<D>(name, id);
    const next = fold(cached, events, id);
    if (next === cached) {
      // Nothing to write: a cached document already has these events; an uncached one must be read.
      if (cached === undefined) unsure.add(id);
      continue;
    }
    if (next !== undefined) guessed.push({ doc: next, expectedVersion: cached?.version ?? 0 });
  }
  for (const id of await writeAndCache(collection, name, guessed, cache)) unsure.add(id);
  if (unsure.size === 0) return;

  const stored = new Map((await collection.getMany([...unsure])).map((doc) => [doc.id, doc]));
  const redone: VersionedWrite<D>[] = [];
  for (const id of unsure) {
    const current = stored.get(id);
    const next = fold(current, touched.get(id) ?? [], id);
    if (next !== undefined && next !== current) redone.push({ doc: next, expectedVersion: current?.version ?? 0 });
    else if (current !== undefined) cache.set(name, current);
  }
  for (const id of await writeAndCache(collection, name, redone, cache)) {
    await updateDocument(collection, id, (current) => fold(current, touched.get(id) ?? [], id));
  }
}

/** Writes, caches what was written, forgets what was not; returns the ids not written. */
async function writeAndCache<D extends ReadModelDocument>(
  collection: ReadModelCollection<D>,
  name: string,
  writes: readonly VersionedWrite<D>[],
  cache: DocumentCache,
): Promise<ReadonlySet<string>> {
  if (writes.length === 0) return new Set();
  let failed: ReadonlySet<string>;
  try {
    failed = await collection.putMany(writes);
  } catch (error) {
    for (const { doc } of writes) cache.delete(name, doc.id);
    throw error;
  }
  for (const { doc } of writes) {
    if (failed.has(doc.id)) cache.delete(name, doc.id);
    else cache.set(name, doc);
  }
  return failed;
}

/** Groups events by the documents they touch, keeping each document's events in order. */
export function touchedBy(events: readonly EventEnvelope[], idsOf: (event: EventEnvelope) => readonly string[]): Map<string, EventEnvelope[]> {
  const touched = new Map<string, EventEnvelope[]>();
  for (const event of events) {
    for (const id of idsOf(event)) {
      const list = touched.get(id);
      if (list) list.push(event);
      else touched.set(id, [event]);
    }
  }
  return touched;
}
