import type { ReadModelDocument, TallyQuery, TallyRow } from '../read-model-store.port';

/** Documents and the rows each tally must give, for every adapter of the store. */
export interface TallyDoc extends ReadModelDocument {
  readonly stationId: string | null;
  readonly reportedAt?: string;
  readonly figures: { readonly resolved: number; readonly raised: { readonly station: number } };
  readonly rows: readonly { readonly unitId: string; readonly assignedAt: string; readonly done: number }[];
}

export const TALLY_DOCS: readonly TallyDoc[] = [
  { id: 'a', version: 1, stationId: 's1', reportedAt: '2026-11-01T08:00:00.000Z', figures: { resolved: 1, raised: { station: 2 } }, rows: [{ unitId: 'u1', assignedAt: '2026-11-01T09:00:00.000Z', done: 1 }, { unitId: 'u2', assignedAt: '2026-11-02T09:00:00.000Z', done: 0 }] },
  { id: 'b', version: 1, stationId: 's1', reportedAt: '2026-11-02T08:00:00.000Z', figures: { resolved: 0, raised: { station: 0 } }, rows: [] },
  { id: 'c', version: 1, stationId: 's2', reportedAt: '2026-11-03T08:00:00.000Z', figures: { resolved: 1, raised: { station: 1 } }, rows: [{ unitId: 'u1', assignedAt: '2026-11-03T09:00:00.000Z', done: 1 }] },
  { id: 'd', version: 1, stationId: null, figures: { resolved: 1, raised: { station: 0 } }, rows: [{ unitId: 'u3', assignedAt: '2026-11-04T09:00:00.000Z', done: 1 }] },
];

const row = (key: TallyRow['key'], count: number, sums: number[], bucket: number | null = null): TallyRow => ({ key, bucket, count, sums });

export const TALLY_CASES: readonly [string, TallyQuery, TallyRow[]][] = [
  ['counts and sums per group, a missing key as null', { by: ['stationId'], sum: ['figures.resolved', 'figures.raised.station'] }, [row(['s1'], 2, [1, 2]), row(['s2'], 1, [1, 1]), row([null], 1, [1, 0])]],
  ['one group of everything without keys', { by: [], sum: ['figures.resolved'] }, [row([], 4, [3])]],
  ['only the documents matching where', { where: { reportedAt: { $gte: '2026-11-02T00:00:00.000Z', $lt: '2026-11-03T08:00:00.000Z' } }, by: ['stationId'] }, [row(['s1'], 1, [])]],
  [
    'by intervals of a field, leaving out what falls outside',
    { by: ['stationId'], sum: ['figures.resolved'], buckets: { field: 'reportedAt', bounds: ['2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z'] } },
    [row(['s1'], 1, [1], 0), row(['s1'], 1, [0], 1)],
  ],
  ['each element of an unwound array as a row', { unwind: 'rows', by: ['rows.unitId', 'id'], sum: ['rows.done'] }, [row(['u1', 'a'], 1, [1]), row(['u2', 'a'], 1, [0]), row(['u1', 'c'], 1, [1]), row(['u3', 'd'], 1, [1])]],
  ['nothing of an unwound row’s document but its id', { unwind: 'rows', by: ['stationId'] }, [row([null], 4, [])]],
  ['unwound rows matching rowWhere', { unwind: 'rows', rowWhere: { 'rows.done': 1, 'rows.assignedAt': { $lt: '2026-11-04T00:00:00.000Z' } }, by: ['rows.unitId'], sum: ['rows.done'] }, [row(['u1'], 2, [2])]],
  [
    'unwound rows by intervals of their own field',
    { unwind: 'rows', by: ['rows.unitId'], buckets: { field: 'rows.assignedAt', bounds: ['2026-11-01T00:00:00.000Z', '2026-11-03T00:00:00.000Z', '2026-11-05T00:00:00.000Z'] } },
    [row(['u1'], 1, [], 0), row(['u2'], 1, [], 0), row(['u1'], 1, [], 1), row(['u3'], 1, [], 1)],
  ],
  ['a document and its rows by id', { unwind: 'rows', rowWhere: { 'rows.unitId': 'u1' }, by: ['id', 'rows.assignedAt'] }, [row(['a', '2026-11-01T09:00:00.000Z'], 1, []), row(['c', '2026-11-03T09:00:00.000Z'], 1, [])]],
];

/** Rows in one order, for comparing what adapters return in no particular order. */
export function sortedRows(rows: readonly TallyRow[]): TallyRow[] {
  return [...rows].sort((a, b) => (JSON.stringify([a.bucket, a.key]) < JSON.stringify([b.bucket, b.key]) ? -1 : 1));
}
