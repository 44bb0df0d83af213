import { mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASE_VIEWS, type CaseView } from '../case-view/case-view';
import { InMemoryReadModelStore } from '../memory/in-memory-read-model-store';
import { calendarBounds } from '../stats-calendar';
import { computeTrends } from '../stats-trends';
import { statsDataSet } from '../testing/stats-data-set.fixture';
import { sortedRows } from '../testing/tally-contract.fixture';
import { expectTalliesToFollowTheViews } from '../testing/tallies-follow-views.fixture';
import { SqliteReadModelStore } from './sqlite-read-model-store';

/** The sums per hour the SQLite adapter keeps beside the case views for the dashboard (READ_MODEL_ROLLUPS). */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'read-models-rollups-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BEIJING_DAYS = calendarBounds('2026-11-21T00:00:00+08:00', '2026-12-02T00:00:00+08:00', 'day');

function rollUpTables(file: string): string[] {
  const raw = new Database(file, { readonly: true });
  try {
    return (raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_\\_rollup\\_%' ESCAPE '\\'`).all() as { name: string }[]).map((t) => t.name);
  } finally {
    raw.close();
  }
}

async function storeWith(file: string, views: readonly CaseView[]): Promise<SqliteReadModelStore> {
  const store = SqliteReadModelStore.open(file);
  for (const view of views) await store.collection<CaseView>(CASE_VIEWS).put(view);
  return store;
}

/** The same views in memory, where a tally counts over the views themselves. */
async function referenceOf(views: readonly CaseView[]): Promise<InMemoryReadModelStore> {
  const reference = new InMemoryReadModelStore();
  for (const view of views) await reference.collection<CaseView>(CASE_VIEWS).put(view);
  return reference;
}

async function counted(views: readonly CaseView[], groupBy: 'station' | 'unit', bounds: readonly string[]) {
  return computeTrends(await referenceOf(views), { groupBy, bounds });
}

describe('the SQLite read models’ roll-ups', () => {
  it('follow the case views through every kind of change, as a count over the views does', async () => {
    const store = SqliteReadModelStore.open(join(dir, 'follow.db'));
    try {
      await expectTalliesToFollowTheViews(store);
    } finally {
      store.close();
    }
  });

  it('are what answers the dashboard: a change made to their rows alone shows in its figures', async () => {
    const file = join(dir, 'answers.db');
    const views = statsDataSet();
    const store = await storeWith(file, views);
    try {
      const before = await computeTrends(store, { groupBy: 'station', bounds: BEIJING_DAYS });
      const raw = new Database(file);
      const [areas] = rollUpTables(file).filter((t) => t.includes('__columns_'));
      raw.prepare(`UPDATE ${areas} SET s0 = s0 + 1`).run();
      raw.close();
      const after = await computeTrends(store, { groupBy: 'station', bounds: BEIJING_DAYS });
      expect(after.overall.totals.cases).toBeGreaterThan(before.overall.totals.cases);
    } finally {
      store.close();
    }
  });

  it('leave a period that does not begin on an hour, or a tally with a condition, to the columns, with the same figures', async () => {
    const views = statsDataSet();
    const store = await storeWith(join(dir, 'unaligned.db'), views);
    try {
      // Days as India's +05:30 has them begin half-way through a UTC hour.
      const india = calendarBounds('2026-11-21T00:00:00+05:30', '2026-12-02T00:00:00+05:30', 'day');
      for (const groupBy of ['station', 'unit'] as const) {
        expect(await computeTrends(store, { groupBy, bounds: india })).toEqual(await counted(views, groupBy, india));
        expect(await computeTrends(store, { groupBy, bounds: BEIJING_DAYS })).toEqual(await counted(views, groupBy, BEIJING_DAYS));
      }
      const query = { where: { status: 'closed' }, by: ['stationId'], sum: ['figures.resolved'], buckets: { field: 'reportedAt', bounds: BEIJING_DAYS } };
      const tallied = await store.collection<CaseView>(CASE_VIEWS).tally(query);
      expect(tallied.length).toBeGreaterThan(0);
      expect(sortedRows(tallied)).toEqual(sortedRows(await (await referenceOf(views)).collection<CaseView>(CASE_VIEWS).tally(query)));
    } finally {
      store.close();
    }
  });

  it('are filled from the columns in a file that has none yet, or whose triggers are gone', async () => {
    const file = join(dir, 'older.db');
    const views = statsDataSet();
    const expected = await counted(views, 'station', BEIJING_DAYS);
    (await storeWith(file, views)).close();
    const tables = rollUpTables(file);
    expect(tables).toHaveLength(2);
    const raw = new Database(file);
    raw.exec(`DROP TABLE ${tables[0]}`);
    // Its source's triggers alone gone: the rows it holds can no longer be trusted.
    for (const { name } of raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?`).all(`${tables[1]}%`) as { name: string }[]) raw.exec(`DROP TRIGGER ${name}`);
    raw.prepare(`UPDATE ${tables[1]} SET n = n + 5`).run();
    raw.close();
    const again = SqliteReadModelStore.open(file);
    try {
      expect(await computeTrends(again, { groupBy: 'station', bounds: BEIJING_DAYS })).toEqual(expected);
      expect(await computeTrends(again, { groupBy: 'unit', bounds: BEIJING_DAYS })).toEqual(await counted(views, 'unit', BEIJING_DAYS));
    } finally {
      again.close();
    }
  });
});
