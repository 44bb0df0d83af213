import { calendarBounds, calendarIntervals, offsetMinutesOf } from './stats-calendar';

describe('calendar intervals for the figures over time', () => {
  it('reads the offset an instant is written in', () => {
    expect(offsetMinutesOf('2026-11-01T00:00:00+08:00')).toBe(480);
    expect(offsetMinutesOf('2026-11-01T00:00:00-0530')).toBe(-330);
    expect(offsetMinutesOf('2026-11-01T00:00:00Z')).toBe(0);
  });

  it('cuts a period at midnight in Beijing time when the period is written in +08:00', () => {
    expect(calendarBounds('2026-11-01T00:00:00+08:00', '2026-11-04T00:00:00+08:00', 'day')).toEqual([
      '2026-10-31T16:00:00.000Z',
      '2026-11-01T16:00:00.000Z',
      '2026-11-02T16:00:00.000Z',
      '2026-11-03T16:00:00.000Z',
    ]);
  });

  it('makes the first and last intervals partial when the period starts or ends inside one', () => {
    expect(calendarBounds('2026-11-01T12:00:00Z', '2026-11-02T06:00:00Z', 'day')).toEqual(['2026-11-01T12:00:00.000Z', '2026-11-02T00:00:00.000Z', '2026-11-02T06:00:00.000Z']);
  });

  it('begins weeks on Monday and months on the first', () => {
    // 2026-11-04 is a Wednesday; the 9th and the 16th are Mondays.
    expect(calendarBounds('2026-11-04T00:00:00Z', '2026-11-20T00:00:00Z', 'week')).toEqual([
      '2026-11-04T00:00:00.000Z',
      '2026-11-09T00:00:00.000Z',
      '2026-11-16T00:00:00.000Z',
      '2026-11-20T00:00:00.000Z',
    ]);
    expect(calendarBounds('2026-11-15T00:00:00+08:00', '2027-02-01T00:00:00+08:00', 'month')).toEqual([
      '2026-11-14T16:00:00.000Z',
      '2026-11-30T16:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
      '2027-01-31T16:00:00.000Z',
    ]);
  });

  it('estimates the number of intervals from above, before making them', () => {
    const count = (from: string, to: string, unit: 'day' | 'week' | 'month') => calendarBounds(from, to, unit).length - 1;
    for (const [from, to] of [
      ['2026-11-01T00:00:00+08:00', '2026-12-01T00:00:00+08:00'],
      ['2026-01-15T09:00:00Z', '2027-03-02T00:00:00Z'],
    ] as const) {
      for (const unit of ['day', 'week', 'month'] as const) expect(calendarIntervals(from, to, unit)).toBeGreaterThanOrEqual(count(from, to, unit));
    }
  });
});
