import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** One message as `kcat -J` prints it. */
export interface KcatMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** the message's timestamp (CreateTime: when the producer sent it), ms since the epoch */
  readonly ts?: number;
  readonly key: string | null;
  readonly payload: string | null;
  /** name, value, name, value, ... */
  readonly headers?: readonly string[];
}

function kcatBinary(): string {
  for (const candidate of ['/usr/bin/kcat', '/usr/local/bin/kcat']) if (existsSync(candidate)) return candidate;
  throw new Error('kcat is not installed: the distributed suite reads the topics as an outside client would (Debian: apt-get install -y kcat)');
}

/** kcat, the outside client: every message of a topic from the beginning to its current end. */
export function consumeAll(brokers: readonly string[], topic: string): KcatMessage[] {
  const out = execFileSync(kcatBinary(), ['-C', '-b', brokers.join(','), '-t', topic, '-o', 'beginning', '-e', '-J', '-q'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 60_000 });
  return out
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as KcatMessage);
}

/** kcat as a producer: one message with that key and raw value. */
export function produce(brokers: readonly string[], topic: string, key: string, value: string): void {
  const result = spawnSync(kcatBinary(), ['-P', '-b', brokers.join(','), '-t', topic, '-k', key], { input: value, encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`kcat -P failed: ${result.stderr}`);
}

export function headerOf(message: KcatMessage, name: string): string | undefined {
  const headers = message.headers ?? [];
  for (let i = 0; i + 1 < headers.length; i += 2) if (headers[i] === name) return headers[i + 1];
  return undefined;
}
