import { ReadModelConflict, type ReadModelDocument, type Where } from '../read-model-store.port';
import { InMemoryReadModelStore } from './in-memory-read-model-store';

interface Doc extends ReadModelDocument {
  readonly status: string;
  readonly level: number | null;
  readonly reportedAt?: string;
  readonly units: readonly string[];
  readonly adjudication: { readonly status: string } | null;
}

const docs: Doc[] = [
  { id: 'a', version: 1, status: 'triaged', level: 2, reportedAt: '2026-11-01T08:00:00.000Z', units: ['u1', 'u2'], adjudication: null },
  { id: 'b', version: 1, status: 'whistled', level: 3, reportedAt: '2026-11-03T08:00:00.000Z', units: ['u2'], adjudication: { status: 'tabled' } },
  { id: 'c', version: 1, status: 'closed', level: 4, reportedAt: '2026-11-02T08:00:00.000Z', units: [], adjudication: { status: 'resolved' } },
  { id: 'd', version: 1, status: 'reported', level: null, units: ['u3'], adjudication: null },
];

async function given(): Promise<InMemoryReadModelStore> {
  const store = new InMemoryReadModelStore();
  for (const doc of docs) await store.collection<Doc>('cases').put(doc);
  return store;
}

async function ids(where: Where): Promise<string[]> {
  const { items } = await (await given()).collection<Doc>('cases').find({ where });
  return items.map((d) => d.id);
}

describe('the in-memory read-model store', () => {
  it('gets what was put, as a copy the caller cannot change behind its back', async () => {
    const store = await given();
    const a = await store.collection<Doc>('cases').get('a');
    expect(a).toEqual(docs[0]);
    (a as { status: string }).status = 'changed';
    expect((await store.collection<Doc>('cases').get('a'))?.status).toBe('triaged');
    expect(await store.collection<Doc>('cases').get('nope')).toBeUndefined();
    expect(await store.collection<Doc>('other').get('a')).toBeUndefined();
  });

  it.each<[string, Where, string[]]>([
    ['equality', { status: 'whistled' }, ['b']],
    ['equality on a number', { level: 4 }, ['c']],
    ['null matches null and a missing field', { reportedAt: null }, ['d']],
    ['a dotted path into a nested object', { 'adjudication.status': 'tabled' }, ['b']],
    ['$in', { status: { $in: ['triaged', 'closed'] } }, ['a', 'c']],
    ['an empty $in matches nothing', { status: { $in: [] } }, []],
    ['$gte and $lte on strings', { reportedAt: { $gte: '2026-11-02T00:00:00.000Z', $lte: '2026-11-03T00:00:00.000Z' } }, ['c']],
    ['$gte on numbers leaves out null (type bracketing)', { level: { $gte: 3 } }, ['b', 'c']],
    ['a string bound never matches a number', { level: { $gte: '0' } }, []],
    ['$contains on an array', { units: { $contains: 'u2' } }, ['a', 'b']],
    ['$contains on a scalar field matches nothing', { status: { $contains: 'closed' } }, []],
    ['every condition must hold', { units: { $contains: 'u2' }, level: 3 }, ['b']],
  ])('filters by %s', async (_name, where, expected) => {
    expect(await ids(where)).toEqual(expected);
  });

  it('sorts by one or two fields, missing values lowest, ties by id', async () => {
    const cases = (await given()).collection<Doc>('cases');
    const byReport = await cases.find({ sort: [{ field: 'reportedAt', order: 'desc' }] });
    expect(byReport.items.map((d) => d.id)).toEqual(['b', 'c', 'a', 'd']);
    await cases.put({ id: 'e', version: 1, status: 'triaged', level: 1, units: [], adjudication: null });
    const twoKeys = await cases.find({ sort: [{ field: 'status', order: 'asc' }, { field: 'level', order: 'desc' }] });
    expect(twoKeys.items.map((d) => d.id)).toEqual(['c', 'd', 'a', 'e', 'b']);
  });

  it('pages with skip and limit and counts every match', async () => {
    const cases = (await given()).collection<Doc>('cases');
    const page = await cases.find({ sort: [{ field: 'reportedAt', order: 'asc' }], skip: 1, limit: 2 });
    expect(page).toEqual({ items: [docs[0], docs[2]], total: 4 });
    await expect(cases.find({ limit: 0 })).rejects.toThrow(RangeError);
    await expect(cases.find({ skip: -1 })).rejects.toThrow(RangeError);
  });

  it('writes conditionally on the stored version, and refuses when another version is stored', async () => {
    const cases = (await given()).collection<Doc>('cases');
    const a = docs[0] as Doc;
    await cases.put({ ...a, version: 2, status: 'whistled' }, { expectedVersion: 1 });
    await expect(cases.put({ ...a, version: 2, status: 'closed' }, { expectedVersion: 1 })).rejects.toThrow(ReadModelConflict);
    expect((await cases.get('a'))?.status).toBe('whistled');
    await expect(cases.put({ ...a, id: 'new', version: 1 }, { expectedVersion: 1 })).rejects.toThrow(ReadModelConflict);
    await cases.put({ ...a, id: 'new', version: 1 }, { expectedVersion: 0 });
    await expect(cases.put({ ...a, id: 'new', version: 1 }, { expectedVersion: 0 })).rejects.toThrow(ReadModelConflict);
  });

  it('clears one collection and leaves the others', async () => {
    const store = await given();
    await store.collection<Doc>('other').put(docs[0] as Doc);
    await store.collection<Doc>('cases').clear();
    expect((await store.collection<Doc>('cases').find()).total).toBe(0);
    expect((await store.collection<Doc>('other').find()).total).toBe(1);
  });
});
