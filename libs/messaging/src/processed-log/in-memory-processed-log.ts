import type { ProcessedLog } from './processed-log.port';

/** For unit tests and read sides rebuilt at every start; forgets everything with the process. */
export class InMemoryProcessedLog implements ProcessedLog {
  private readonly groups = new Map<string, Set<string>>();

  async has(groupId: string, eventId: string): Promise<boolean> {
    return this.groups.get(groupId)?.has(eventId) ?? false;
  }

  async add(groupId: string, eventId: string): Promise<void> {
    this.seen(groupId).add(eventId);
  }

  async processedOf(groupId: string, eventIds: readonly string[]): Promise<ReadonlySet<string>> {
    const seen = this.groups.get(groupId);
    return new Set(seen ? eventIds.filter((id) => seen.has(id)) : []);
  }

  async addAll(groupId: string, eventIds: readonly string[]): Promise<void> {
    const seen = this.seen(groupId);
    for (const id of eventIds) seen.add(id);
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
