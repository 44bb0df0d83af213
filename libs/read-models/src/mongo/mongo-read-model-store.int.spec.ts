import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { requireInfra } from '@whistle/testing';
import { ReadModelConflict, type FindQuery, type ReadModelDocument } from '../read-model-store.port';
import { InMemoryReadModelStore } from '../memory/in-memory-read-model-store';
import { MongoReadModelStore, WRITE_CHUNK } from './mongo-read-model-store';
import { caseViewProjector } from '../case-view/case-view.projector';
import { CASE_VIEWS, type CaseView } from '../case-view/case-view';
import { meetingViewProjector } from '../meeting-view/meeting-view.projector';
import { MEETING_VIEWS } from '../meeting-view/meeting-view';
import { listCases } from '../queries';
import { DocumentCache } from '../document-cache';
import { busyTown } from '../testing/busy-town.fixture';

/** The mongoose adapter on the real MongoDB-compatible server the project's scripts start (FerretDB). */
jest.setTimeout(60_000);

interface Doc extends ReadModelDocument {
  readonly status: string;
  readonly level: number;
  readonly reportedAt: string;
  readonly stationId: string | null;
  readonly involvedUnits: string[];
  readonly adjudication: { readonly status: string } | null;
}

const docs: Doc[] = [
  { id: 'c1', version: 1, status: 'triaged', level: 2, reportedAt: '2026-11-21T08:00:00.000Z', stationId: 's1', involvedUnits: ['u1', 'u2'], adjudication: null },
  { id: 'c2', version: 1, status: 'closed', level: 3, reportedAt: '2026-11-21T09:00:00.000Z', stationId: 's2', involvedUnits: ['u2'], adjudication: { status: 'tabled' } },
  { id: 'c3.with.dots', version: 1, status: 'triaged', level: 4, reportedAt: '2026-11-21T10:00:00.000Z', stationId: null, involvedUnits: [], adjudication: { status: 'resolved' } },
  { id: 'c4', version: 1, status: 'triaged', level: 2, reportedAt: '2026-11-21T09:00:00.000Z', stationId: 's1', involvedUnits: ['u3'], adjudication: null },
];

let store: MongoReadModelStore;
let url: string;
beforeAll(async () => {
  url = requireInfra().mongoUrl(`read-models-${randomUUID().slice(0, 8)}`);
  store = await MongoReadModelStore.connect(url);
  await store.ensureIndexes();
}, 20 * 60_000);
afterAll(async () => store?.close());

describe('MongoReadModelStore on FerretDB', () => {
  it('stores and reads whole documents by id, and clears a collection', async () => {
    const cases = store.collection<Doc>('get_put');
    for (const doc of docs) await cases.put(doc);
    expect(await cases.get('c3.with.dots')).toEqual(docs[2]);
    expect(await cases.get('nope')).toBeUndefined();
    await cases.put({ ...docs[0]!, status: 'closed', version: 2 });
    expect(await cases.get('c1')).toMatchObject({ status: 'closed', version: 2 });
    await cases.clear();
    expect((await cases.find()).total).toBe(0);
  });

  it('clears a collection by dropping it, indexes with it, whatever it holds; ensureIndexes builds them again', async () => {
    // Another client of the same database, as an operator's shell would list them.
    const other = await mongoose.createConnection(url).asPromise();
    const indexNames = async () => ((await other.collection(CASE_VIEWS).indexes().catch(() => [])) as { name?: string }[]).map((i) => String(i.name)).filter((n) => n !== '_id_').sort();
    const views = store.collection<CaseView>(CASE_VIEWS);
    await views.clear();
    await store.ensureIndexes();
    const indexed = await indexNames();
    expect(indexed.length).toBeGreaterThanOrEqual(6);
    await views.putMany(Array.from({ length: 40 }, (_, n) => ({ doc: { id: `clear-${n}`, version: 1, reportedAt: '2026-11-21T08:00:00.000Z' } as unknown as CaseView, expectedVersion: 0 })));
    await views.clear();
    expect((await views.find()).total).toBe(0);
    expect(await indexNames()).toEqual([]);
    await views.clear(); // nothing left to drop: no error
    await store.ensureIndexes();
    expect(await indexNames()).toEqual(indexed);
    await other.close();
  });

  it('writes conditionally on the version and reports a conflict', async () => {
    const cases = store.collection<Doc>('conditional');
    await cases.put(docs[0]!, { expectedVersion: 0 });
    await expect(cases.put(docs[0]!, { expectedVersion: 0 })).rejects.toBeInstanceOf(ReadModelConflict);
    await cases.put({ ...docs[0]!, version: 2 }, { expectedVersion: 1 });
    await expect(cases.put({ ...docs[0]!, version: 3 }, { expectedVersion: 1 })).rejects.toBeInstanceOf(ReadModelConflict);
    expect(await cases.get('c1')).toMatchObject({ version: 2 });
  });

  it('answers every filter, sort and page exactly as the in-memory store does', async () => {
    const mongo = store.collection<Doc>('queries');
    const memory = new InMemoryReadModelStore().collection<Doc>('queries');
    for (const doc of docs) {
      await mongo.put(doc);
      await memory.put(doc);
    }
    const queries: FindQuery[] = [
      { where: { status: 'triaged' } },
      { where: { stationId: null } },
      { where: { stationId: { $in: ['s1', 's2'] } } },
      { where: { level: { $gte: 3 } } },
      { where: { reportedAt: { $gte: '2026-11-21T09:00:00.000Z', $lte: '2026-11-21T09:30:00.000Z' } } },
      { where: { involvedUnits: { $contains: 'u2' } } },
      { where: { 'adjudication.status': 'tabled' } },
      { sort: [{ field: 'reportedAt', order: 'desc' }] },
      { sort: [{ field: 'level', order: 'asc' }, { field: 'reportedAt', order: 'desc' }], skip: 1, limit: 2 },
      { where: { status: 'triaged' }, sort: [{ field: 'reportedAt', order: 'asc' }], limit: 1 },
    ];
    for (const query of queries) {
      expect({ query, result: await mongo.find(query) }).toEqual({ query, result: await memory.find(query) });
    }
  });

  it('reads many documents in one query and writes many conditionally, naming what it could not write', async () => {
    const cases = store.collection<Doc>('batch_writes');
    await cases.put(docs[0]!);
    await cases.put(docs[1]!);
    expect((await cases.getMany(['c1', 'c2', 'nope', 'c1'])).map((d) => d.id).sort()).toEqual(['c1', 'c2']);
    expect(await cases.getMany([])).toEqual([]);

    // More writes than one chunk, all as expected: every one lands.
    const fresh = Array.from({ length: WRITE_CHUNK * 3 + 1 }, (_, i) => ({ doc: { ...docs[3]!, id: `n${i}` }, expectedVersion: 0 }));
    expect(await cases.putMany(fresh)).toEqual(new Set());
    expect((await cases.find({ where: { status: 'triaged' } })).total).toBe(fresh.length + 1);

    // An insert of a document that exists is named; a stale replace makes its chunk's replaces unconfirmed.
    const failed = await cases.putMany([
      { doc: { ...docs[0]!, version: 2, status: 'closed' }, expectedVersion: 0 },
      { doc: { ...docs[1]!, version: 2, level: 4 }, expectedVersion: 1 },
      { doc: { ...docs[2]!, version: 1 }, expectedVersion: 0 },
    ]);
    expect(failed).toEqual(new Set(['c1']));
    const stale = await cases.putMany([
      { doc: { ...docs[1]!, version: 3 }, expectedVersion: 1 },
      { doc: { ...fresh[0]!.doc, version: 2 }, expectedVersion: 1 },
    ]);
    expect(stale).toEqual(new Set(['c2', 'n0']));
    expect(await cases.get('c1')).toEqual(docs[0]);
    expect(await cases.get('c2')).toMatchObject({ version: 2, level: 4 });
    expect(await cases.get('n0')).toMatchObject({ version: 2 });
  });
});

describe('batched projection on FerretDB', () => {
  it('applies a batch of several hundred events in chunks that leave the server answering an ordinary query', async () => {
    const events = busyTown(40);
    expect(events.length).toBeGreaterThan(400);
    const cache = new DocumentCache();
    for (const projector of [caseViewProjector, meetingViewProjector]) await projector.projectBatch(store, events, cache);

    // A wedged server would leave this hanging: it must answer at once.
    const listed = await Promise.race([
      listCases(store, { stationId: 'station-north' }, 1, 10),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('FerretDB did not answer the query after the batch')), 10_000)),
    ]);
    expect(listed.total).toBe(22);

    // The same views as one event at a time in memory, and a second delivery changes nothing.
    const memory = new InMemoryReadModelStore();
    for (const event of events) for (const projector of [caseViewProjector, meetingViewProjector]) await projector.project(memory, event);
    const all = async (s: { collection: typeof store.collection }, name: string) => (await s.collection(name).find({ sort: [{ field: 'id', order: 'asc' }] })).items;
    expect(await all(store, CASE_VIEWS)).toEqual(await all(memory, CASE_VIEWS));
    expect(await all(store, MEETING_VIEWS)).toEqual(await all(memory, MEETING_VIEWS));
    for (const projector of [caseViewProjector, meetingViewProjector]) await projector.projectBatch(store, events, new DocumentCache());
    expect(await all(store, CASE_VIEWS)).toEqual(await all(memory, CASE_VIEWS));
    expect((await store.collection<CaseView>(CASE_VIEWS).get('b3'))?.status).toBe('closed');
  });
});
