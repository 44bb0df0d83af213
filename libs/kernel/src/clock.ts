import { randomUUID } from 'node:crypto';

/** The only ways a service learns the time and makes ids; the domain receives their results. */
export interface Clock {
  now(): string;
}
export interface IdSource {
  next(): string;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };
export const uuidIds: IdSource = { next: () => randomUUID() };

/** A clock for tests and replays that moves only when told. */
export class ManualClock implements Clock {
  private ms: number;
  constructor(start: string) {
    this.ms = Date.parse(start);
  }
  now(): string {
    return new Date(this.ms).toISOString();
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(instant: string): void {
    this.ms = Date.parse(instant);
  }
}
