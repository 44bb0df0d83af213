/** ISO-8601 durations (`PT30M`, `P3D`, `P1W`) and instant arithmetic, with no clock inside. */
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function parseDuration(text: string): number {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) {
    throw new RangeError(`"${text}" is not an ISO-8601 duration of weeks, days, hours, minutes or seconds (e.g. PT30M, P3D)`);
  }
  const [, w, d, h, min, s] = m;
  const num = (x: string | undefined) => (x ? Number(x) : 0);
  return ((((num(w) * 7 + num(d)) * 24 + num(h)) * 60 + num(min)) * 60 + num(s)) * 1000;
}

export function isDuration(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  try {
    parseDuration(text);
    return true;
  } catch {
    return false;
  }
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 date-time with an offset, as the API requires. */
export function isInstant(text: unknown): text is string {
  return typeof text === 'string' && INSTANT.test(text) && !Number.isNaN(Date.parse(text));
}

export function toMillis(instant: string): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`"${instant}" is not an ISO-8601 instant`);
  return ms;
}

export function addDuration(instant: string, duration: string): string {
  return new Date(toMillis(instant) + parseDuration(duration)).toISOString();
}

export function isBefore(a: string, b: string): boolean {
  return toMillis(a) < toMillis(b);
}

export function isAtOrAfter(a: string, b: string): boolean {
  return toMillis(a) >= toMillis(b);
}
