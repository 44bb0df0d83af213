import { quarterBounds as contractBounds, quarterOf as contractQuarterOf } from '@whistle/contracts';
import { isoWeekOf, nextQuarter, quarterBounds, quarterOf, recentQuarters, recentWeeks } from '../../services/console/src/api/quarters';
import { parseScores } from '../../services/console/src/pages/supervision/satisfaction-scores';

// The console reckons "this quarter" and "this week" itself (the quarter and week pickers), in
// Beijing time as the server does; its own copy (it speaks to the system only over HTTP) must agree
// with the contracts' and with ISO 8601.
describe('the console’s quarters and ISO weeks', () => {
  it.each(['2026-01-01T00:00:00+08:00', '2025-12-31T16:00:00Z', '2025-12-31T15:59:59Z', '2026-03-31T23:59:59+08:00', '2026-04-01T00:00:00+08:00', '2026-12-05T03:00:00Z'])(
    'puts %s in the quarter the contracts do',
    (instant) => {
      expect(quarterOf(Date.parse(instant))).toBe(contractQuarterOf(instant));
    },
  );

  it.each(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'])('bounds %s as the contracts do', (quarter) => {
    expect(quarterBounds(quarter)).toEqual(contractBounds(quarter));
  });

  it('lists this quarter and the ones before it, newest first, across a year', () => {
    expect(recentQuarters(Date.parse('2026-02-10T00:00:00+08:00'), 3)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3']);
    expect(nextQuarter('2026-Q4')).toBe('2027-Q1');
    expect(nextQuarter('2026-Q2')).toBe('2026-Q3');
  });

  it.each([
    ['2026-12-05T12:00:00+08:00', '2026-W49', '2026-11-30'],
    ['2026-11-30T00:00:00+08:00', '2026-W49', '2026-11-30'],
    // Sunday 23:59 in Beijing is still the week before; 16:00 UTC on Sunday is Monday in Beijing.
    ['2026-11-29T23:59:00+08:00', '2026-W48', '2026-11-23'],
    ['2026-11-29T16:00:00Z', '2026-W49', '2026-11-30'],
    ['2021-01-01T12:00:00+08:00', '2020-W53', '2020-12-28'],
    ['2024-12-30T12:00:00+08:00', '2025-W01', '2024-12-30'],
  ])('puts %s in %s, whose Monday is %s', (instant, week, monday) => {
    const found = isoWeekOf(Date.parse(instant));
    expect(found.week).toBe(week);
    expect(found.monday.toISOString().slice(0, 10)).toBe(monday);
  });

  it('lists this week and the ones before it, each Monday to Sunday', () => {
    const weeks = recentWeeks(Date.parse('2026-01-07T12:00:00+08:00'), 3);
    expect(weeks.map((w) => [w.week, w.monday.toISOString().slice(0, 10), w.sunday.toISOString().slice(0, 10)])).toEqual([
      ['2026-W02', '2026-01-05', '2026-01-11'],
      ['2026-W01', '2025-12-29', '2026-01-04'],
      ['2025-W52', '2025-12-22', '2025-12-28'],
    ]);
  });
});

describe('the satisfaction batch as the station types it', () => {
  it('takes scores apart by spaces, commas and new lines', () => {
    expect(parseScores('100 80,60，40\n20、0')).toEqual([100, 80, 60, 40, 20, 0]);
  });

  it.each(['', '  ', '80 abc', '80.5', '-1', '1000'])('refuses %j', (text) => {
    expect(parseScores(text)).toBeNull();
  });
});
