import { performance } from 'node:perf_hooks';
import type { EventEnvelope } from '@whistle/kernel';
import { START, type EventStore, type PositionedEvent } from '@whistle/event-store';
import {
  CASE_VIEWS,
  DocumentCache,
  MEETING_VIEWS,
  caseIdsOf,
  caseViewProjector,
  meetingIdsOf,
  meetingViewProjector,
  rebuild,
  supervisionProjector,
  type CaseView,
  type MeetingView,
  type Projector,
  type ReadModelDocument,
  type ReadModelStore,
} from '@whistle/read-models';
import type { QueryDependencies } from './query.dependencies';
import type { CaseChange, MeetingChange } from './read-side-progress';

const PROJECTORS: readonly Projector[] = [caseViewProjector, meetingViewProjector, supervisionProjector];
const PAGE = 500;

/**
 * The read side's consumer: every event of the five topics goes through the case-view,
 * meeting-view and supervision projectors. Each is guarded by stream revision, so a redelivery
 * changes nothing.
 */
export function queryProjection(deps: Pick<QueryDependencies, 'readModels' | 'progress'>): (event: EventEnvelope) => Promise<void> {
  return async (event) => {
    for (const projector of PROJECTORS) await projector.project(deps.readModels, event);
    await tell(deps, [event], null);
  };
}

/**
 * The same projections a batch at a time: each touched view read (or taken from the process's
 * cache of what it last wrote) and written once, in chunks the server can bear.
 */
export function queryBatchProjection(deps: Pick<QueryDependencies, 'readModels' | 'progress'>, cache = new DocumentCache()): (events: readonly EventEnvelope[]) => Promise<void> {
  return async (events) => {
    for (const projector of PROJECTORS) await projector.projectBatch(deps.readModels, events, cache);
    await tell(deps, events, cache);
  };
}

/**
 * Tells the read side's progress which views the events just changed, as written, each with the
 * last of the events that touched it: what the projection cached (it caches what it wrote or read
 * back), else read again. Nothing is read when nobody listens or waits.
 */
async function tell(deps: Pick<QueryDependencies, 'readModels' | 'progress'>, events: readonly EventEnvelope[], cache: DocumentCache | null): Promise<void> {
  const { progress, readModels } = deps;
  if (!progress?.wanted) return;
  const lastOf = (idsOf: (event: EventEnvelope) => readonly string[]) => {
    const last = new Map<string, EventEnvelope>();
    for (const event of events) for (const id of idsOf(event)) last.set(id, event);
    return last;
  };
  const cases = await viewsOf<CaseView>(readModels, CASE_VIEWS, lastOf(caseIdsOf), cache);
  const meetings = await viewsOf<MeetingView>(readModels, MEETING_VIEWS, lastOf(meetingIdsOf), cache);
  progress.applied(cases satisfies CaseChange[], meetings satisfies MeetingChange[]);
}

async function viewsOf<D extends ReadModelDocument>(store: ReadModelStore, collection: string, lastEvents: ReadonlyMap<string, EventEnvelope>, cache: DocumentCache | null): Promise<{ view: D; event: EventEnvelope }[]> {
  const changes: { view: D; event: EventEnvelope }[] = [];
  for (const [id, event] of lastEvents) {
    const view = cache?.get<D>(collection, id) ?? (await store.collection<D>(collection).get(id));
    if (view) changes.push({ view, event });
  }
  return changes;
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
