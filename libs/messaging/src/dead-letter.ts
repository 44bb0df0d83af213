import { dlqOf } from '@whistle/contracts';
import type { IncomingMessage, OutgoingMessage } from './message-bus.port';

/** Why a message was given up on: a value that is no envelope, or a handler that kept failing. */
export type DeadLetterCause =
  | { readonly kind: 'malformed'; readonly reason: string }
  | { readonly kind: 'failed'; readonly error: unknown; readonly attempts: number };

/**
 * The message as it arrived, with its headers kept and `dlq-*` headers saying what failed and
 * where it came from, so it can be inspected and replayed to its source topic.
 */
export function deadLetterOf(
  message: IncomingMessage,
  groupId: string,
  cause: DeadLetterCause,
): { readonly topic: string; readonly message: OutgoingMessage<unknown> } {
  const source = {
    'dlq-group': groupId,
    'dlq-source-topic': message.topic,
    'dlq-source-partition': String(message.partition),
    'dlq-source-offset': message.offset,
  };
  const why: Record<string, string> =
    cause.kind === 'malformed'
      ? { 'dlq-error': `not an event envelope: ${cause.reason}` }
      : {
          'dlq-error': errorMessage(cause.error),
          ...(cause.error instanceof Error && cause.error.stack ? { 'dlq-error-stack': cause.error.stack } : {}),
          'dlq-attempts': String(cause.attempts),
        };
  return {
    topic: dlqOf(message.topic),
    message: { key: message.key, value: message.value, ...(message.rawValue !== undefined ? { rawValue: message.rawValue } : {}), headers: { ...message.headers, ...source, ...why } },
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
