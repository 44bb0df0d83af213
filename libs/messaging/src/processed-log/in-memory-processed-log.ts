import type { ProcessedLog } from './processed-log.port';

/**
 * For unit tests, and for read sides whose handlers bear seeing an event again (the query
 * projection's revision guard). It forgets everything with the process, and a group keeps only its
 * `remember` most recently recorded ids: redeliveries come soon after the first delivery, and a
 * log of every id ever seen grew with the data (4.7 MB at 30,000 cases in the embedded server).
 */
export class InMemoryProcessedLog implements ProcessedLog {
  private readonly groups = new Map<string, Set<string>>();

  constructor(private readonly remember = 20_000) {
    if (!Number.isInteger(remember) || remember < 1) throw new RangeError(`remember must be a positive whole number, not ${remember}`);
  }

  async has(groupId: string, eventId: string): Promise<boolean> {
    return this.groups.get(groupId)?.has(eventId) ?? false;
  }

  async add(groupId: string, eventId: string): Promise<void> {
    this.record(this.seen(groupId), eventId);
  }

  async processedOf(groupId: string, eventIds: readonly string[]): Promise<ReadonlySet<string>> {
    const seen = this.groups.get(groupId);
    return new Set(seen ? eventIds.filter((id) => seen.has(id)) : []);
  }

  async addAll(groupId: string, eventIds: readonly string[]): Promise<void> {
    const seen = this.seen(groupId);
    for (const id of eventIds) this.record(seen, id);
  }

  /** Adds an id as the newest (a Set keeps insertion order), forgetting the oldest past `remember`. */
  private record(seen: Set<string>, eventId: string): void {
    seen.delete(eventId);
    seen.add(eventId);
    if (seen.size > this.remember) {
      const oldest = seen.values().next();
      if (!oldest.done) seen.delete(oldest.value);
    }
  }

  private seen(groupId: string): Set<string> {
    let seen = this.groups.get(groupId);
    if (!seen) {
      seen = new Set<string>();
      this.groups.set(groupId, seen);
    }
    return seen;
  }
}
