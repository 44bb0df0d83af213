import type { ProcessedLog } from './processed-log.port';

/** For unit tests and read sides rebuilt at every start; forgets everything with the process. */
export class InMemoryProcessedLog implements ProcessedLog {
  private readonly groups = new Map<string, Set<string>>();

  async has(groupId: string, eventId: string): Promise<boolean> {
    return this.groups.get(groupId)?.has(eventId) ?? false;
  }

  async add(groupId: string, eventId: string): Promise<void> {
    const seen = this.groups.get(groupId) ?? new Set<string>();
    seen.add(eventId);
    this.groups.set(groupId, seen);
  }
}
