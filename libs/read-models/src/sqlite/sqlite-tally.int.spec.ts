import { mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASE_VIEWS, type CaseView } from '../case-view/case-view';
import { SqliteReadModelStore } from './sqlite-read-model-store';
import { TALLY_CASES, TALLY_DOCS, sortedRows, type TallyDoc } from '../testing/tally-contract.fixture';
import { FROM, TO, statsDataSet } from '../testing/stats-data-set.fixture';
import { expectStatsAsComputeStats, expectTrendsAsComputeStats } from '../testing/trends-check.fixture';

/** The tally as one SQL aggregate in the embedded mode's SQLite file, answering as the other adapters do. */
let dir: string;
let store: SqliteReadModelStore;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'read-models-tally-'));
  store = SqliteReadModelStore.open(join(dir, 'read-models.db'));
  for (const doc of TALLY_DOCS) await store.collection<TallyDoc>('tally').put(doc);
});
afterAll(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SqliteReadModelStore.tally', () => {
  it.each(TALLY_CASES)('%s', async (_name, query, expected) => {
    expect(sortedRows(await store.collection<TallyDoc>('tally').tally(query))).toEqual(sortedRows(expected));
  });

  it('gives one interval from two bounds, and nothing from fewer', async () => {
    const tally = store.collection<TallyDoc>('tally');
    expect(await tally.tally({ by: [], buckets: { field: 'reportedAt', bounds: ['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'] } })).toEqual([{ key: [], bucket: 0, count: 3, sums: [] }]);
    expect(await tally.tally({ by: [], buckets: { field: 'reportedAt', bounds: ['2026-11-01T00:00:00.000Z'] } })).toEqual([]);
  });

  it('fills the columns of the figures from the documents when a file has none yet (written by an older version)', async () => {
    const file = join(dir, 'older.db');
    const views = statsDataSet();
    const first = SqliteReadModelStore.open(file);
    for (const view of views) await first.collection<CaseView>(CASE_VIEWS).put(view);
    first.close();
    const raw = new Database(file);
    const sideTables = (raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[])
      .map((t) => t.name)
      .filter((name) => (name.startsWith('rm_case_views__columns_') || name.startsWith('rm_case_views__unitFigures_')) && !name.includes('__rollup_'));
    expect(sideTables).toHaveLength(2);
    for (const table of sideTables) raw.exec(`DROP TABLE ${table}`);
    raw.close();
    const again = SqliteReadModelStore.open(file);
    try {
      await expectTrendsAsComputeStats(again, views, FROM, TO);
    } finally {
      again.close();
    }
  });

  it('adds up the office’s figures as computeStats does, per group, per day, per drill-down and whole (tallyStats)', async () => {
    const views = statsDataSet();
    for (const view of views) await store.collection<CaseView>(CASE_VIEWS).put(view);
    await expectTrendsAsComputeStats(store, views, FROM, TO);
    await expectStatsAsComputeStats(store, views, FROM, TO);
  });
});
