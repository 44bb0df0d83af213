import { effectCountProblem } from './effect-count';

describe('a command’s own event counted against the ledger', () => {
  it.each([
    [{ expected: 1, found: 1, failed: 0, unconfirmed: 0 }, null],
    [{ expected: 1, found: 0, failed: 0, unconfirmed: 0 }, 'lost'],
    [{ expected: 0, found: 1, failed: 1, unconfirmed: 0 }, null],
    [{ expected: 0, found: 1, failed: 0, unconfirmed: 1 }, 'retry refused instead of replayed'],
    [{ expected: 1, found: 2, failed: 0, unconfirmed: 1 }, 'retry refused instead of replayed'],
    [{ expected: 1, found: 2, failed: 0, unconfirmed: 0 }, 'doubled'],
    [{ expected: 0, found: 2, failed: 0, unconfirmed: 1 }, 'doubled'],
  ])('%j is %p', (count, problem) => {
    expect(effectCountProblem(count)).toBe(problem);
  });
});
