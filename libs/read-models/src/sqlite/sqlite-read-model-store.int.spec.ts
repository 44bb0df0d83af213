import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadModelConflict, type FindQuery, type ReadModelDocument, type Scalar } from '../read-model-store.port';
import { InMemoryReadModelStore } from '../memory/in-memory-read-model-store';
import { SqliteReadModelStore } from './sqlite-read-model-store';
import { caseViewProjector } from '../case-view/case-view.projector';
import { CASE_VIEWS, type CaseView } from '../case-view/case-view';
import { meetingViewProjector } from '../meeting-view/meeting-view.projector';
import { MEETING_VIEWS } from '../meeting-view/meeting-view';
import { listCases } from '../queries';
import { DocumentCache } from '../document-cache';
import { busyTown } from '../testing/busy-town.fixture';

/** The embedded mode's read models in a real SQLite file, answering exactly as the in-memory evaluator of the port does. */
interface Doc extends ReadModelDocument {
  readonly status: string;
  readonly level: number;
  readonly reportedAt: string;
  readonly stationId: string | null;
  readonly involvedUnits: string[];
  readonly urgent?: boolean;
  readonly adjudication: { readonly status: string } | null;
}

const docs: Doc[] = [
  { id: 'c1', version: 1, status: 'triaged', level: 2, reportedAt: '2026-11-21T08:00:00.000Z', stationId: 's1', involvedUnits: ['u1', 'u2'], urgent: true, adjudication: null },
  { id: 'c2', version: 1, status: 'closed', level: 3, reportedAt: '2026-11-21T09:00:00.000Z', stationId: 's2', involvedUnits: ['u2'], urgent: false, adjudication: { status: 'tabled' } },
  { id: 'c3.with.dots', version: 1, status: 'triaged', level: 4, reportedAt: '2026-11-21T10:00:00.000Z', stationId: null, involvedUnits: [], adjudication: { status: 'resolved' } },
  { id: 'c4', version: 1, status: 'triaged', level: 2, reportedAt: '2026-11-21T09:00:00.000Z', stationId: 's1', involvedUnits: ['u3'], adjudication: null },
  { id: 'c5', version: 1, status: '2', level: 1, reportedAt: '2026-11-22T09:00:00.000Z', stationId: 's3', involvedUnits: ['2'], adjudication: null },
];

let dir: string;
let store: SqliteReadModelStore;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'read-models-'));
  store = SqliteReadModelStore.open(join(dir, 'read-models.db'));
});
afterAll(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SqliteReadModelStore', () => {
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

  it('answers every filter, sort and page exactly as the in-memory store does, types kept apart', async () => {
    // case_views has an indexed array field (a side table); "other" looks into arrays in place.
    for (const name of [CASE_VIEWS, 'other']) {
      const sqlite = store.collection<Doc>(name);
      const memory = new InMemoryReadModelStore().collection<Doc>(name);
      for (const doc of docs) {
        await sqlite.put(doc);
        await memory.put(doc);
      }
      const queries: FindQuery[] = [
        { where: { status: 'triaged' } },
        { where: { status: 2 } },
        { where: { level: 2 } },
        { where: { level: '2' } },
        { where: { urgent: true } },
        { where: { urgent: false } },
        { where: { urgent: null } },
        { where: { stationId: null } },
        { where: { stationId: { $in: ['s1', 's2'] } } },
        { where: { stationId: { $in: [null, 's3'] } } },
        { where: { stationId: { $in: [] } } },
        { where: { level: { $gte: 3 } } },
        { where: { level: { $lte: 2 }, status: 'triaged' } },
        { where: { status: { $gte: '3' } } },
        { where: { reportedAt: { $gte: '2026-11-21T09:00:00.000Z', $lte: '2026-11-21T09:30:00.000Z' } } },
        { where: { involvedUnits: { $contains: 'u2' } } },
        { where: { involvedUnits: { $contains: 2 } } },
        { where: { involvedUnits: { $contains: '2' } } },
        { where: { 'adjudication.status': 'tabled' } },
        // An object is never equal to a string, even one spelling its JSON.
        { where: { adjudication: '{"status":"tabled"}' } },
        { where: { 'adjudication.status': null } },
        { sort: [{ field: 'reportedAt', order: 'desc' }] },
        { sort: [{ field: 'stationId', order: 'asc' }] },
        { sort: [{ field: 'stationId', order: 'desc' }] },
        { sort: [{ field: 'urgent', order: 'desc' }] },
        { sort: [{ field: 'level', order: 'asc' }, { field: 'reportedAt', order: 'desc' }], skip: 1, limit: 2 },
        { where: { status: 'triaged' }, sort: [{ field: 'reportedAt', order: 'asc' }], limit: 1 },
        { skip: 10 },
      ];
      for (const query of queries) {
        expect({ name, query, result: await sqlite.find(query) }).toEqual({ name, query, result: await memory.find(query) });
      }
    }
  });

  it('agrees with the in-memory store on random documents and queries', async () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const pick = <T>(values: readonly T[]): T => values[next(values.length)]!;
    const units = ['u1', 'u2', 'u3', 'u4'];
    const random: Doc[] = Array.from({ length: 300 }, (_, i) => ({
      id: `r${i}`,
      version: 1,
      status: pick(['reported', 'triaged', 'closed']),
      level: 1 + next(4),
      reportedAt: `2026-11-${String(10 + next(20)).padStart(2, '0')}T0${next(10)}:00:00.000Z`,
      stationId: pick([null, 's1', 's2']),
      involvedUnits: units.filter(() => next(2) === 0),
      adjudication: pick([null, { status: 'tabled' }, { status: 'resolved' }]),
    }));
    const sqlite = store.collection<Doc>(CASE_VIEWS);
    const memory = new InMemoryReadModelStore().collection<Doc>(CASE_VIEWS);
    await sqlite.clear();
    expect(await sqlite.putMany(random.map((doc) => ({ doc, expectedVersion: 0 })))).toEqual(new Set());
    for (const doc of random) await memory.put(doc);
    const conditions: (() => [string, FindQuery['where']])[] = [
      () => ['status', { status: pick(['reported', 'triaged', 'closed']) }],
      () => ['stationId', { stationId: pick<Scalar>([null, 's1', 's2']) }],
      () => ['level', { level: { $gte: 1 + next(4) } }],
      () => ['units', { involvedUnits: { $contains: pick(units) } }],
      () => ['adjudication', { 'adjudication.status': pick<Scalar>([null, 'tabled']) }],
    ];
    for (let q = 0; q < 200; q += 1) {
      const where = Object.assign({}, ...Array.from({ length: 1 + next(3) }, () => pick(conditions)()[1]));
      const query: FindQuery = {
        where,
        sort: [{ field: pick(['reportedAt', 'level', 'stationId']), order: pick(['asc', 'desc'] as const) }],
        skip: next(5),
        limit: 1 + next(30),
      };
      expect({ query, result: await sqlite.find(query) }).toEqual({ query, result: await memory.find(query) });
    }
  });

  it('reads many documents in one query and writes many conditionally, naming what it could not write', async () => {
    const cases = store.collection<Doc>('batch_writes');
    await cases.put(docs[0]!);
    await cases.put(docs[1]!);
    expect((await cases.getMany(['c1', 'c2', 'nope', 'c1'])).map((d) => d.id).sort()).toEqual(['c1', 'c2']);
    expect(await cases.getMany([])).toEqual([]);
    const failed = await cases.putMany([
      { doc: { ...docs[0]!, version: 2, status: 'closed' }, expectedVersion: 0 },
      { doc: { ...docs[1]!, version: 2, level: 4 }, expectedVersion: 1 },
      { doc: { ...docs[2]!, version: 1 }, expectedVersion: 0 },
      { doc: { ...docs[3]!, version: 2 }, expectedVersion: 1 },
    ]);
    expect(failed).toEqual(new Set(['c1', 'c4']));
    expect(await cases.get('c1')).toEqual(docs[0]);
    expect(await cases.get('c2')).toMatchObject({ version: 2, level: 4 });
    expect(await cases.get('c3.with.dots')).toEqual(docs[2]);
    expect(await cases.get('c4')).toBeUndefined();
  });

  it('keeps an array field’s side table in step when a document’s items change', async () => {
    const cases = store.collection<Doc>(CASE_VIEWS);
    await cases.clear();
    await cases.put(docs[0]!);
    expect((await cases.find({ where: { involvedUnits: { $contains: 'u1' } } })).total).toBe(1);
    await cases.put({ ...docs[0]!, version: 2, involvedUnits: ['u9'] });
    expect((await cases.find({ where: { involvedUnits: { $contains: 'u1' } } })).total).toBe(0);
    expect((await cases.find({ where: { involvedUnits: { $contains: 'u9' } } })).items.map((d) => d.id)).toEqual(['c1']);
    await cases.clear();
    expect((await cases.find({ where: { involvedUnits: { $contains: 'u9' } } })).total).toBe(0);
  });

  it('refuses a field path or collection name it cannot put into SQL, naming it', async () => {
    await expect(store.collection<Doc>(CASE_VIEWS).find({ where: { "status') OR 1=1 --": 'x' } })).rejects.toThrow(/each part must be a plain name/);
    expect(() => store.collection<Doc>('cases; DROP TABLE x')).toThrow(/lower-case letters/);
  });

  it('starts afresh when asked, and otherwise finds what it had', async () => {
    const file = join(dir, 'fresh.db');
    const first = SqliteReadModelStore.open(file);
    await first.collection<Doc>(CASE_VIEWS).put(docs[0]!);
    first.close();
    const again = SqliteReadModelStore.open(file);
    expect(await again.collection<Doc>(CASE_VIEWS).get('c1')).toEqual(docs[0]);
    again.close();
    const fresh = SqliteReadModelStore.open(file, { fresh: true });
    expect(await fresh.collection<Doc>(CASE_VIEWS).get('c1')).toBeUndefined();
    fresh.close();
    expect(statSync(file).size).toBeGreaterThan(0);
  });

  it('keeps the last run’s file only when read models of the same stamp closed it cleanly', async () => {
    const file = join(dir, 'kept.db');
    const openWith = (stamp: string) => SqliteReadModelStore.open(file, { keepIf: stamp });
    const has = async (store: SqliteReadModelStore) => (await store.collection<Doc>(CASE_VIEWS).get('c1')) !== undefined;

    const first = openWith('v1');
    expect(first.kept).toBe(false);
    await first.collection<Doc>(CASE_VIEWS).put(docs[0]!);
    first.closeCleanly('v1');

    const second = openWith('v1');
    expect({ kept: second.kept, has: await has(second) }).toEqual({ kept: true, has: true });
    // Closed without saying it is whole (a crash, a kill): the next start remakes it.
    second.close();
    const afterCrash = openWith('v1');
    expect({ kept: afterCrash.kept, has: await has(afterCrash) }).toEqual({ kept: false, has: false });
    await afterCrash.collection<Doc>(CASE_VIEWS).put(docs[0]!);
    afterCrash.closeCleanly('v1');

    // Made by other code or another catalogue: remade.
    const upgraded = openWith('v2');
    expect({ kept: upgraded.kept, has: await has(upgraded) }).toEqual({ kept: false, has: false });
    upgraded.closeCleanly('v2');
    // Asked to start afresh, it does, whatever the stamp says.
    const forced = SqliteReadModelStore.open(file, { keepIf: 'v2', fresh: true });
    expect(forced.kept).toBe(false);
    forced.close();
  });
});

describe('batched projection into SQLite', () => {
  it('builds the same views as one event at a time in memory, and a second delivery changes nothing', async () => {
    const events = busyTown(40);
    const sqlite = SqliteReadModelStore.open(join(dir, 'projection.db'));
    try {
      for (const projector of [caseViewProjector, meetingViewProjector]) await projector.projectBatch(sqlite, events, new DocumentCache());
      expect((await listCases(sqlite, { stationId: 'station-north' }, 1, 10)).total).toBe(22);
      const memory = new InMemoryReadModelStore();
      for (const event of events) for (const projector of [caseViewProjector, meetingViewProjector]) await projector.project(memory, event);
      const all = async (s: { collection: typeof sqlite.collection }, name: string) => (await s.collection(name).find({ sort: [{ field: 'id', order: 'asc' }] })).items;
      expect(await all(sqlite, CASE_VIEWS)).toEqual(await all(memory, CASE_VIEWS));
      expect(await all(sqlite, MEETING_VIEWS)).toEqual(await all(memory, MEETING_VIEWS));
      for (const projector of [caseViewProjector, meetingViewProjector]) await projector.projectBatch(sqlite, events, new DocumentCache());
      expect(await all(sqlite, CASE_VIEWS)).toEqual(await all(memory, CASE_VIEWS));
      expect((await sqlite.collection<CaseView>(CASE_VIEWS).get('b3'))?.status).toBe('closed');
    } finally {
      sqlite.close();
    }
  });
});
