import type { EventEnvelope } from '@whistle/kernel';
import { caseViewProjector } from './case-view/case-view.projector';
import { CASE_VIEWS, type CaseView } from './case-view/case-view';
import { DocumentCache } from './document-cache';
import { InMemoryReadModelStore } from './memory/in-memory-read-model-store';
import { meetingViewProjector } from './meeting-view/meeting-view.projector';
import { MEETING_VIEWS } from './meeting-view/meeting-view';
import { rebuild } from './rebuild';
import type { ReadModelStore } from './read-model-store.port';
import { busyTown } from './testing/busy-town.fixture';

const PROJECTORS = [caseViewProjector, meetingViewProjector];

async function oneByOne(events: readonly EventEnvelope[]): Promise<InMemoryReadModelStore> {
  const store = new InMemoryReadModelStore();
  for (const event of events) for (const projector of PROJECTORS) await projector.project(store, event);
  return store;
}

async function inBatches(store: ReadModelStore, events: readonly EventEnvelope[], size: number, cache = new DocumentCache()): Promise<void> {
  for (let from = 0; from < events.length; from += size) {
    for (const projector of PROJECTORS) await projector.projectBatch(store, events.slice(from, from + size), cache);
  }
}

async function everything(store: ReadModelStore): Promise<unknown> {
  const all = async (name: string) => (await store.collection(name).find({ sort: [{ field: 'id', order: 'asc' }] })).items;
  return { cases: await all(CASE_VIEWS), meetings: await all(MEETING_VIEWS) };
}

/** Records the size of every batch write to the case views and the ids each could not write. */
function spyOnCaseViews(store: InMemoryReadModelStore) {
  const views = store.collection<CaseView>(CASE_VIEWS);
  const writes: number[] = [];
  const conflicts: string[] = [];
  const putMany = views.putMany.bind(views);
  views.putMany = async (batch) => {
    writes.push(batch.length);
    const failed = await putMany(batch);
    conflicts.push(...failed);
    return failed;
  };
  return { views, writes, conflicts };
}

describe('batched projection', () => {
  const events = busyTown(30);

  it('builds exactly the views that one event at a time builds, whatever the batch size', async () => {
    const expected = await everything(await oneByOne(events));
    expect(events.length).toBeGreaterThan(300);
    for (const size of [1, 7, 64, events.length]) {
      const store = new InMemoryReadModelStore();
      await inBatches(store, events, size);
      expect({ size, views: await everything(store) }).toEqual({ size, views: expected });
    }
  });

  it('changes nothing when every batch comes again, with or without the cache', async () => {
    const expected = await everything(await oneByOne(events));
    const store = new InMemoryReadModelStore();
    const cache = new DocumentCache();
    await inBatches(store, events, 50, cache);
    await inBatches(store, events, 33, cache);
    await inBatches(store, events, 80, new DocumentCache());
    expect(await everything(store)).toEqual(expected);
  });

  it('redoes from the stored document what a stale cache or a wrong guess of "new" would have got wrong', async () => {
    const half = Math.floor(events.length / 2);
    const store = new InMemoryReadModelStore();
    const { conflicts } = spyOnCaseViews(store);
    const cache = new DocumentCache();
    await inBatches(store, events.slice(0, half), half, cache);
    // Another writer (a second query instance) moves views on behind this one's cache.
    for (const event of events.slice(half, half + 40)) await caseViewProjector.project(store, event);
    await inBatches(store, events.slice(half, half + 80), 25, cache);
    const stale = conflicts.length;
    expect(stale).toBeGreaterThan(0);
    // A tiny cache forgets most views: their next events are first taken for new cases' ones.
    await inBatches(store, events.slice(half + 80), 25, new DocumentCache(2));
    expect(conflicts.length).toBeGreaterThan(stale);
    expect(await everything(store)).toEqual(await everything(await oneByOne(events)));
  });

  it('writes each touched view once per batch, however many of the batch’s events touch it', async () => {
    const store = new InMemoryReadModelStore();
    const { writes, views } = spyOnCaseViews(store);
    const oneCase = events.filter((e) => e.caseId === 'b1');
    expect(oneCase.length).toBeGreaterThan(5);
    await caseViewProjector.projectBatch(store, oneCase, new DocumentCache());
    expect(writes).toEqual([1]);
    expect((await views.get('b1'))?.version).toBe(oneCase.length);
  });

  it('rebuilds in batches to the same views, reporting progress per batch', async () => {
    const store = new InMemoryReadModelStore();
    const progress: number[] = [];
    expect(await rebuild(store, events, PROJECTORS, (n) => progress.push(n))).toBe(events.length);
    expect(progress.at(-1)).toBe(events.length);
    expect(progress.length).toBe(Math.ceil(events.length / 500));
    expect(await everything(store)).toEqual(await everything(await oneByOne(events)));
  });
});
