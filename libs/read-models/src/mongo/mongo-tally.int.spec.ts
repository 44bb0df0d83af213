import { randomUUID } from 'node:crypto';
import { requireInfra } from '@whistle/testing';
import { CASE_VIEWS, type CaseView } from '../case-view/case-view';
import { MongoReadModelStore } from './mongo-read-model-store';
import { TALLY_CASES, TALLY_DOCS, sortedRows, type TallyDoc } from '../testing/tally-contract.fixture';
import { FROM, TO, statsDataSet } from '../testing/stats-data-set.fixture';
import { expectStatsAsComputeStats, expectTrendsAsComputeStats } from '../testing/trends-check.fixture';
import { expectTalliesToFollowTheViews } from '../testing/tallies-follow-views.fixture';

/** The tally on the real MongoDB-compatible server (FerretDB), which computes only a `$group`'s first accumulator. */
jest.setTimeout(120_000);

let store: MongoReadModelStore;
beforeAll(async () => {
  store = await MongoReadModelStore.connect(requireInfra().mongoUrl(`tally-${randomUUID().slice(0, 8)}`));
  await store.ensureIndexes();
  for (const doc of TALLY_DOCS) await store.collection<TallyDoc>('tally').put(doc);
}, 20 * 60_000);
afterAll(async () => store?.close());

describe('MongoReadModelStore.tally on FerretDB', () => {
  it.each(TALLY_CASES)('%s', async (_name, query, expected) => {
    expect(sortedRows(await store.collection<TallyDoc>('tally').tally(query))).toEqual(sortedRows(expected));
  });

  it('adds up the office’s figures as computeStats does, per group, per day, per drill-down and whole (tallyStats)', async () => {
    const views = statsDataSet();
    for (const view of views) await store.collection<CaseView>(CASE_VIEWS).put(view);
    await expectTrendsAsComputeStats(store, views, FROM, TO);
    await expectStatsAsComputeStats(store, views, FROM, TO);
  });

  it('follows the case views through every kind of change, as a count over the views does (what the SQLite roll-ups must match)', async () => {
    const fresh = await MongoReadModelStore.connect(requireInfra().mongoUrl(`tally-follow-${randomUUID().slice(0, 8)}`));
    try {
      await fresh.ensureIndexes();
      await expectTalliesToFollowTheViews(fresh);
    } finally {
      await fresh.close();
    }
  });
});
