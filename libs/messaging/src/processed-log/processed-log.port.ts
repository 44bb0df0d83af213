/**
 * Which events each consumer group has already dealt with (handled, or sent to the DLQ), so a
 * redelivered event is skipped. Durable in production: it is what makes at-least-once delivery
 * harmless across restarts.
 */
export interface ProcessedLog {
  has(groupId: string, eventId: string): Promise<boolean>;
  /** Recording the same pair again is not an error: redelivery races are expected. */
  add(groupId: string, eventId: string): Promise<void>;
  /** Which of `eventIds` the group has dealt with, in one look-up: a batch is deduped at once. */
  processedOf(groupId: string, eventIds: readonly string[]): Promise<ReadonlySet<string>>;
  /** Records every id in one transaction, so a batch costs one write; ids already there are no error. */
  addAll(groupId: string, eventIds: readonly string[]): Promise<void>;
}
