import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDeadline, addWorkingDays, WEEKENDS_ONLY } from '@whistle/kernel';
import { CHINA_2026 } from '@whistle/kernel/testing';
import { CatalogueError } from './catalogue-error';
import { loadWorkingCalendar } from './load-working-calendar';

/** The 2027 schedule is not published yet: a made-up one, marked as a test fixture, stands in for the office's file. */
const FIXTURE_2027 = join(__dirname, 'testing', 'working-calendar-2027.fixture.json');
const published = loadWorkingCalendar();
const withFixture = loadWorkingCalendar(FIXTURE_2027);

describe('working-day deadlines over chinese-days (2026) and the office file (2027 fixture)', () => {
  it('knows 2026-02-14 and 2026-02-28 are make-up working Saturdays (调休) and the Spring Festival days are off', () => {
    expect(published.isWorkingDay('2026-02-14')).toBe(true);
    expect(published.isWorkingDay('2026-02-28')).toBe(true);
    expect(published.isWorkingDay('2026-02-16')).toBe(false);
    expect(published.isWorkingDay('2026-02-21')).toBe(false);
    expect(published.day('2026-02-14')).toEqual({ kind: 'workday', name: '春节 Spring Festival' });
  });

  describe('Spring Festival 2026', () => {
    it('three working days from the Thursday before it run over the make-up Saturday and the holiday to the Tuesday after', () => {
      expect(addDeadline('2026-02-12T10:00:00+08:00', 'P3WD', withFixture)).toBe('2026-02-24T16:00:00.000Z');
      // weekends only would have ended on the holiday's Tuesday
      expect(addDeadline('2026-02-12T10:00:00+08:00', 'P3WD', WEEKENDS_ONLY)).toBe('2026-02-17T16:00:00.000Z');
    });

    it('one working day from a Friday evening is the make-up Saturday, to its midnight in Asia/Shanghai', () => {
      expect(addWorkingDays('2026-02-13T20:00:00+08:00', 1, withFixture)).toBe('2026-02-14T16:00:00.000Z');
      expect(addWorkingDays('2026-02-27T18:30:00+08:00', 1, withFixture)).toBe('2026-02-28T16:00:00.000Z');
      expect(addWorkingDays('2026-02-27T18:30:00+08:00', 2, withFixture)).toBe('2026-03-02T16:00:00.000Z');
    });

    it('a deadline that starts on a holiday counts from the first working day after it', () => {
      expect(addWorkingDays('2026-02-17T09:00:00+08:00', 1, withFixture)).toBe('2026-02-24T16:00:00.000Z');
    });

    it('takes the date in Asia/Shanghai, not in UTC: 01:00 on the make-up Saturday is still 17:00 on Friday in UTC', () => {
      expect(addWorkingDays('2026-02-13T17:00:00Z', 1, withFixture)).toBe('2026-02-24T16:00:00.000Z');
      expect(addWorkingDays('2026-02-13T15:59:59Z', 1, withFixture)).toBe('2026-02-14T16:00:00.000Z');
    });
  });

  describe('National Day 2026', () => {
    it('three working days from the eve of the holiday end on the make-up Saturday, 10 October', () => {
      expect(addDeadline('2026-09-30T10:00:00+08:00', 'P3WD', withFixture)).toBe('2026-10-10T16:00:00.000Z');
    });

    it('seven working days (the tabling deadline) skip the whole golden week', () => {
      expect(addDeadline('2026-09-30T10:00:00+08:00', 'P7WD', withFixture)).toBe('2026-10-15T16:00:00.000Z');
    });

    it('the make-up Sunday of 20 September is a working day', () => {
      expect(addWorkingDays('2026-09-18T17:00:00+08:00', 1, withFixture)).toBe('2026-09-20T16:00:00.000Z');
    });
  });

  describe('across the year end', () => {
    it('2027 New Year holidays from the file push three working days from 30 December to 5 January', () => {
      expect(addWorkingDays('2026-12-30T10:00:00+08:00', 3, withFixture)).toBe('2027-01-05T16:00:00.000Z');
    });

    it('without the file 2027 is not covered and counts weekends only (1 January worked)', () => {
      expect(addWorkingDays('2026-12-30T10:00:00+08:00', 3, published)).toBe('2027-01-04T16:00:00.000Z');
    });
  });

  describe('Spring Festival 2027 (fixture)', () => {
    it('three working days from the Thursday before it end on the Wednesday after it', () => {
      expect(addWorkingDays('2027-02-04T10:00:00+08:00', 3, withFixture)).toBe('2027-02-17T16:00:00.000Z');
    });

    it('a Friday evening before it has its next working day on the make-up Sunday', () => {
      expect(addWorkingDays('2027-01-29T19:00:00+08:00', 1, withFixture)).toBe('2027-01-31T16:00:00.000Z');
    });
  });

  describe('National Day 2027 (fixture)', () => {
    it('two working days from 30 September end on the make-up Saturday, 9 October', () => {
      expect(addWorkingDays('2027-09-30T10:00:00+08:00', 2, withFixture)).toBe('2027-10-09T16:00:00.000Z');
    });

    it('chinese-days alone takes 1 October 2027 for a working day: the file overrides it', () => {
      expect(published.isWorkingDay('2027-10-01')).toBe(true);
      expect(withFixture.isWorkingDay('2027-10-01')).toBe(false);
      expect(addWorkingDays('2027-09-30T10:00:00+08:00', 2, published)).toBe('2027-10-04T16:00:00.000Z');
    });
  });

  it('leaves deadlines on the clock alone: minutes and hours, and plain days, count every hour', () => {
    expect(addDeadline('2026-09-30T10:00:00+08:00', 'PT30M', withFixture)).toBe('2026-09-30T02:30:00.000Z');
    expect(addDeadline('2026-09-30T10:00:00+08:00', 'P3D', withFixture)).toBe('2026-10-03T02:00:00.000Z');
  });

  it("matches the pure layers' 2026 test calendar date by date", () => {
    const dates = Array.from({ length: 365 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    expect(dates.filter((date) => CHINA_2026.isWorkingDay(date) !== published.isWorkingDay(date))).toEqual([]);
  });
});

describe('what the calendar covers', () => {
  it('says which years ahead neither the package nor the file covers', () => {
    expect(published.uncoveredYears('2026-06-01T00:00:00Z')).toEqual([]);
    expect(published.uncoveredYears('2026-12-05T00:00:00Z')).toEqual([2027]);
    expect(withFixture.uncoveredYears('2026-12-05T00:00:00Z')).toEqual([]);
    expect(withFixture.uncoveredYears('2027-11-01T00:00:00Z')).toEqual([2028]);
  });

  it('calls for attention on /api/ready naming the year and the setting, and is quiet when all is covered', () => {
    expect(published.readiness('2026-12-05T00:00:00Z')?.attention).toMatch(/does not cover 2027: deadlines in working days .* weekends only.*WORKING_CALENDAR_FILE/);
    expect(withFixture.readiness('2026-12-05T00:00:00Z')).toBeUndefined();
  });
});

describe('a malformed office calendar stops the start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'working-calendar-'));
  const fileWith = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const problemsOf = (file: string): string => {
    try {
      loadWorkingCalendar(file);
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogueError);
      return (error as Error).message;
    }
    throw new Error('the calendar loaded');
  };

  it('names the setting and the line of a JSON syntax error', () => {
    const file = fileWith('syntax.json', '{\n  "years": [2027],\n  "days": [\n    {"date": "2027-10-01", "kind": "holiday" "name": "x"}\n  ]\n}\n');
    expect(problemsOf(file)).toMatch(new RegExp(`^WORKING_CALENDAR_FILE=${file} is not a valid working calendar:\\n  malformed JSON at line 4, column 46`));
  });

  it('names each wrong entry by its index and date', () => {
    const file = fileWith(
      'entries.json',
      JSON.stringify({
        years: [2027, 'next'],
        days: [
          { date: '2027-02-30', kind: 'holiday', name: '春节' },
          { date: '2027-10-01', kind: 'off', name: '国庆节' },
          { date: '2027-10-02', kind: 'holiday', name: '' },
          { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
          { date: '2027-10-03', kind: 'holiday', name: '国庆节', when: 'always' },
        ],
      }),
    );
    expect(problemsOf(file).split('\n').slice(1)).toEqual([
      '  years[1]: must be a year such as 2027, got "next"',
      '  days[0].date: must be a date written YYYY-MM-DD, got "2027-02-30"',
      '  days[1] (2027-10-01).kind: must be "holiday" (a day off) or "workday" (a make-up working day, 调休), got "off"',
      '  days[2] (2027-10-02).name: must be a non-empty string, got ""',
      '  days[3] (2027-10-01): 2027-10-01 is listed twice (also days[1])',
      '  days[4].when: unexpected key (expected date, kind, name)',
    ]);
  });

  it('names a file it cannot read', () => {
    expect(problemsOf(join(dir, 'missing.json'))).toMatch(/WORKING_CALENDAR_FILE=.*missing\.json is not a valid working calendar:\n {2}cannot read the file/);
  });
});
