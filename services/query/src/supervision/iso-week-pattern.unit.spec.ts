import { isIsoWeek } from '@whistle/read-models';
import { ISO_WEEK_PATTERN } from './iso-week-pattern';

// The document's pattern for `week` must take exactly the weeks the server takes, or Schemathesis
// sends a week 53 its year does not have as valid data.
it('takes exactly the weeks isIsoWeek takes, every week of every year from 1900 to 9999', () => {
  const pattern = new RegExp(ISO_WEEK_PATTERN);
  const disagree: string[] = [];
  for (let year = 1900; year <= 9999; year++) {
    for (let week = 0; week <= 54; week++) {
      const text = `${year}-W${String(week).padStart(2, '0')}`;
      if (pattern.test(text) !== isIsoWeek(text)) disagree.push(text);
    }
  }
  expect(disagree).toEqual([]);
  for (const odd of ['2026-W5', '2026-W049', '02026-W49', '2026W49', '2026-w49', '10000-W01', '']) expect({ odd, taken: pattern.test(odd) }).toEqual({ odd, taken: isIsoWeek(odd) });
  // 2026 and 2032 have a week 53; 2025 and 2100 do not.
  expect(['2026-W53', '2032-W53', '2025-W53', '2100-W53'].map((w) => pattern.test(w))).toEqual([true, true, false, false]);
});
