/**
 * Which events each consumer group has already dealt with (handled, or sent to the DLQ), so a
 * redelivered event is skipped. Durable in production: it is what makes at-least-once delivery
 * harmless across restarts.
 */
export interface ProcessedLog {
  has(groupId: string, eventId: string): Promise<boolean>;
  /** Recording the same pair again is not an error: redelivery races are expected. */
  add(groupId: string, eventId: string): Promise<void>;
}
