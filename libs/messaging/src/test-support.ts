/** Builders shared by this library's specs; not exported from the index. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventEnvelope, EventToAppend } from '@whistle/kernel';
import type { Logger } from './logger';
import type { IncomingMessage, MessageBus, RunningConsumer } from './message-bus.port';

export const TOPIC = 'whistle.intake.v1';

export function newEvent(caseId: string, n: number): EventToAppend {
  return {
    eventId: `evt-${caseId}-${n}`,
    type: 'intake.CaseReported.v1',
    data: { n, note: `event ${n}` },
    caseId,
    occurredAt: '2026-11-21T07:00:00.000Z',
    actor: { id: 'resident-1', role: 'reporter' },
    correlationId: `corr-${caseId}`,
    causationId: null,
  };
}

/** A sealed-looking envelope: the bus and consumer check shape, not the hash chain. */
export function envelope(caseId: string, n: number): EventEnvelope {
  return {
    ...newEvent(caseId, n),
    streamId: `case-${caseId}`,
    revision: n,
    recordedAt: '2026-11-21T07:00:01.000Z',
    prevHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  };
}

export function tempDir(): { readonly dir: string; readonly cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'messaging-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly obj: Record<string, unknown>;
  readonly msg: string;
}

export function recordingLogger(): Logger & { readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (obj: object, msg: string) => void lines.push({ level, obj: { ...obj }, msg });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** A plain group that keeps every message it is given. */
export async function collect(
  bus: MessageBus,
  groupId: string,
  topics: readonly string[],
): Promise<{ readonly messages: IncomingMessage[]; readonly consumer: RunningConsumer }> {
  const messages: IncomingMessage[] = [];
  const consumer = await bus.consume({ groupId, topics, handle: async (message) => void messages.push(message) });
  return { messages, consumer };
}

/** Lets queued promise callbacks and a timer turn run. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));
