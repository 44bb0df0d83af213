import { addDuration, isInstant, parseDuration } from './time';

describe('ISO-8601 durations', () => {
  it.each([
    ['PT30M', 30 * 60_000],
    ['PT2H', 2 * 3_600_000],
    ['P3D', 3 * 86_400_000],
    ['P1W', 7 * 86_400_000],
    ['P1DT1H0.5S', 86_400_000 + 3_600_000 + 500],
    ['PT5S', 5000],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'P', 'PT', '30M', 'P1Y', 'PT-1M', 'P1H'])('refuses "%s" with a message naming it', (text) => {
    expect(() => parseDuration(text)).toThrow(`"${text}" is not an ISO-8601 duration`);
  });

  it('adds a duration to an instant with an offset', () => {
    expect(addDuration('2026-11-21T08:00:00+08:00', 'PT30M')).toBe('2026-11-21T00:30:00.000Z');
  });

  it('accepts instants only with an offset', () => {
    expect(isInstant('2026-11-21T08:00:00+08:00')).toBe(true);
    expect(isInstant('2026-11-21T08:00:00Z')).toBe(true);
    expect(isInstant('2026-11-21T08:00:00')).toBe(false);
    expect(isInstant('tomorrow')).toBe(false);
  });
});
