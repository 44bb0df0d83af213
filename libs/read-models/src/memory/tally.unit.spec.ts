import { InMemoryReadModelStore } from './in-memory-read-model-store';
import { TALLY_CASES, TALLY_DOCS, sortedRows, type TallyDoc } from '../testing/tally-contract.fixture';

describe('the in-memory store’s tally', () => {
  it.each(TALLY_CASES)('%s', async (_name, query, expected) => {
    const store = new InMemoryReadModelStore();
    for (const doc of TALLY_DOCS) await store.collection<TallyDoc>('tally').put(doc);
    expect(sortedRows(await store.collection<TallyDoc>('tally').tally(query))).toEqual(sortedRows(expected));
  });
});
