import { performance } from 'node:perf_hooks';
import type { EventEnvelope } from '@whistle/kernel';
import { START, type EventStore, type PositionedEvent } from '@whistle/event-store';
import { DocumentCache, caseViewProjector, meetingViewProjector, rebuild, type Projector } from '@whistle/read-models';
import type { QueryDependencies } from './query.dependencies';

const PROJECTORS: readonly Projector[] = [caseViewProjector, meetingViewProjector];
const PAGE = 500;

/**
 * The read side's consumer: every event of the four topics goes through the case-view and
 * meeting-view projectors. Both are guarded by stream revision, so a redelivery changes nothing.
 */
export function queryProjection(deps: Pick<QueryDependencies, 'readModels'>): (event: EventEnvelope) => Promise<void> {
  return async (event) => {
    for (const projector of PROJECTORS) await projector.project(deps.readModels, event);
  };
}

/**
 * The same projections a batch at a time: each touched view read (or taken from the process's
 * cache of what it last wrote) and written once, in chunks the server can bear.
 */
export function queryBatchProjection(deps: Pick<QueryDependencies, 'readModels'>, cache = new DocumentCache()): (events: readonly EventEnvelope[]) => Promise<void> {
  return async (events) => {
    for (const projector of PROJECTORS) await projector.projectBatch(deps.readModels, events, cache);
  };
}

/**
 * Drops the read models and replays every event of every store, store by store. The projections
 * derive each view from per-source facts, so a case's streams need not interleave as they were
 * recorded. Stop live projection first: the collections are cleared before the replay.
 */
export async function rebuildReadModels(
  deps: Pick<QueryDependencies, 'readModels' | 'stores'>,
  onReplayed?: (replayed: number) => void,
): Promise<{ events: number; ms: number }> {
  const started = performance.now();
  const events = await rebuild(deps.readModels, everyEvent(deps.stores), PROJECTORS, onReplayed);
  return { events, ms: Math.round(performance.now() - started) };
}

/** Every event of every store, store by store, a page at a time. */
async function* everyEvent(stores: readonly EventStore[]): AsyncGenerator<EventEnvelope> {
  for await (const page of pagesOf(stores)) for (const { event } of page) yield event;
}

async function* pagesOf(stores: readonly EventStore[]): AsyncGenerator<PositionedEvent[]> {
  for (const store of stores) {
    for (let from = START; ; ) {
      const page = await store.readAll({ from, maxCount: PAGE });
      const last = page.at(-1);
      if (!last) break;
      yield page;
      from = last.position;
    }
  }
}

/** How many events the stores hold now: the denominator of the rebuild's progress. */
export async function countStoredEvents(stores: readonly EventStore[]): Promise<number> {
  let count = 0;
  for await (const page of pagesOf(stores)) count += page.length;
  return count;
}
