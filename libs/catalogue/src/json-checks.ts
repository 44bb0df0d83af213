import { isDuration, parseDuration, workingDaysOf } from '@whistle/kernel';
import type { CatalogueProblem } from './catalogue-problem';
import { COVERAGE_HORIZON_DAYS, MAX_WORKING_DAYS } from './office-calendar';

export type JsonObject = Readonly<Record<string, unknown>>;

// Ids end up in URLs, topic keys and event payloads, so they stay plain lowercase ASCII.
const ID = /^[a-z0-9][a-z0-9_-]*$/;
/** Bounds on what one entry may hold: every request, the API document and the sign-in carry the whole catalogue. */
const ID_MAX = 64;
const NAME_MAX = 200;
const LIST_MAX = 5000;

export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** A short rendering of a wrong value for a message: strings quoted, containers named. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects every problem instead of stopping at the first, so one run shows the whole fix list. */
export class ProblemList {
  readonly problems: CatalogueProblem[] = [];

  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** Reports `undefined` as missing; returns false so callers can skip further checks. */
  present(value: unknown, path: string): boolean {
    if (value !== undefined) return true;
    this.add(path, 'is missing');
    return false;
  }

  /** An object with only the given keys; unknown keys are reported, missing ones left to the field checks. */
  object(value: unknown, path: string, keys: readonly string[]): JsonObject | undefined {
    if (!this.present(value, path)) return undefined;
    if (!isJsonObject(value)) {
      this.add(path, `must be an object, got ${describe(value)}`);
      return undefined;
    }
    this.unexpectedKeys(value, path, keys);
    return value;
  }

  // A misspelt key (`stationID`) would otherwise be silently ignored while the real one is reported missing.
  unexpectedKeys(object: JsonObject, path: string, keys: readonly string[]): void {
    for (const key of Object.keys(object)) {
      if (!keys.includes(key)) this.add(childPath(path, key), `unexpected key (expected ${keys.join(', ')})`);
    }
  }

  list(value: unknown, path: string, noun: string): readonly unknown[] | undefined {
    if (!this.present(value, path)) return undefined;
    if (!Array.isArray(value)) {
      this.add(path, `must be an array, got ${describe(value)}`);
      return undefined;
    }
    if (value.length === 0) this.add(path, `must list at least one ${noun}`);
    if (value.length > LIST_MAX) this.add(path, `lists ${value.length}; at most ${LIST_MAX}`);
    return value;
  }

  text(value: unknown, path: string): string | undefined {
    if (!this.present(value, path)) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(path, `must be a non-empty string, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  id(value: unknown, path: string): string | undefined {
    const text = this.text(value, path);
    if (text === undefined) return undefined;
    if (!ID.test(text)) {
      this.add(path, `must be a lowercase ASCII id (a-z, 0-9, "-", "_"), got ${describe(text)}`);
      return undefined;
    }
    if (text.length > ID_MAX) {
      this.add(path, `must be at most ${ID_MAX} characters, not ${text.length}`);
      return undefined;
    }
    return text;
  }

  name(value: unknown, path: string): void {
    const name = this.object(value, path, ['zh', 'en']);
    if (!name) return;
    for (const language of ['zh', 'en']) {
      const text = this.text(name[language], childPath(path, language));
      if (text !== undefined && text.length > NAME_MAX) this.add(childPath(path, language), `must be at most ${NAME_MAX} characters, not ${text.length}`);
    }
  }

  duration(value: unknown, path: string, { mayBeZero, workingDays = false }: { mayBeZero: boolean; workingDays?: boolean }): void {
    if (!this.present(value, path)) return;
    const days = typeof value === 'string' ? workingDaysOf(value) : undefined;
    if (days !== undefined && !workingDays) {
      this.add(path, `${describe(value)} counts working days, but this one runs on the clock: give an ISO-8601 duration (e.g. PT30M, PT2H, P3D)`);
    } else if (days !== undefined) {
      if (!mayBeZero && days === 0) this.add(path, `must be longer than zero, got ${describe(value)}`);
      else if (days > MAX_WORKING_DAYS) {
        this.add(path, `${describe(value)} is more than the ${MAX_WORKING_DAYS} working days the working calendar's coverage is checked for (${COVERAGE_HORIZON_DAYS} days ahead): write a longer period in calendar days (e.g. P90D)`);
      }
    } else if (!isDuration(value)) {
      const forms = workingDays ? 'an ISO-8601 duration (e.g. PT2H, P3D) nor working days (e.g. P3WD)' : 'an ISO-8601 duration (e.g. PT30M, PT2H, P3D)';
      this.add(path, `${describe(value)} is not ${forms}`);
    } else if (!mayBeZero && parseDuration(value) === 0) {
      this.add(path, `must be longer than zero, got ${describe(value)}`);
    }
  }
}
