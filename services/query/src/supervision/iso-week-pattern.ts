import { isIsoWeek } from '@whistle/read-models';

/*
 * isIsoWeek's rule as a pattern the API document can declare: weeks 01 to 52 of the years from
 * 1970 on, and week 53 of the years that have one (those whose 1 January is a Thursday, or a
 * Wednesday in a leap year). Which years those are repeats every 400 years, so it depends only on
 * the century modulo 4 and the last two digits: read here from isIsoWeek itself for each of the
 * four kinds of century, so the pattern says what the server checks and nothing it does not.
 */

const FIRST_YEAR = 1970;
const twoDigits = (n: number) => String(n).padStart(2, '0');
const either = (choices: readonly string[]) => `(?:${choices.join('|')})`;

/** The last two digits of the years with a week 53, in a century of this kind (century modulo 4). */
function longYearEndings(centuryKind: number, from = 0): string[] {
  // 2000 to 2399 hold one century of each kind; the calendar repeats every 400 years.
  const century = 20 + ((centuryKind + 4 - (20 % 4)) % 4);
  return Array.from({ length: 100 - from }, (_, i) => from + i).filter((year) => isIsoWeek(`${century}${twoDigits(year)}-W53`)).map(twoDigits);
}

function longYears(): string {
  const kinds = [0, 1, 2, 3].map((kind) => {
    const centuries = Array.from({ length: 80 }, (_, i) => 20 + i).filter((c) => c % 4 === kind).map(String);
    return `${either(centuries)}${either(longYearEndings(kind))}`;
  });
  const firstCentury = Math.floor(FIRST_YEAR / 100);
  return either([`${firstCentury}${either(longYearEndings(firstCentury % 4, FIRST_YEAR % 100))}`, ...kinds]);
}

export const ISO_WEEK_PATTERN = `^(?:(?:19[7-9]\\d|[2-9]\\d{3})-W(?:0[1-9]|[1-4]\\d|5[0-2])|${longYears()}-W53)$`;
