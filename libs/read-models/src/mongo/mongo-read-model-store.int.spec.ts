import { randomUUID } from 'node:crypto';
import { requireInfra } from '@whistle/testing';
import { ReadModelConflict, type FindQuery, type ReadModelDocument } from '../read-model-store.port';
import { InMemoryReadModelStore } from '../memory/in-memory-read-model-store';
import { MongoReadModelStore } from './mongo-read-model-store';

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
beforeAll(async () => {
  store = await MongoReadModelStore.connect(requireInfra().mongoUrl(`read-models-${randomUUID().slice(0, 8)}`));
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
});
