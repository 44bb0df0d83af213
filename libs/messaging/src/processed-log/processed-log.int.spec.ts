import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ManualClock } from '@whistle/kernel';
import { SqliteEventStore } from '@whistle/event-store';
import { newEvent, tempDir } from '../test-support';
import { InMemoryProcessedLog } from './in-memory-processed-log';
import type { ProcessedLog } from './processed-log.port';
import { SqliteProcessedLog } from './sqlite-processed-log';

const clock = new ManualClock('2026-11-21T08:00:00.000Z');

describe.each([
  ['in memory', () => ({ log: new InMemoryProcessedLog() as ProcessedLog, cleanup: async () => undefined })],
  [
    'sqlite',
    () => {
      const temp = tempDir();
      const log = new SqliteProcessedLog({ file: join(temp.dir, 'processed.sqlite'), clock });
      return { log: log as ProcessedLog, cleanup: async () => (await log.close(), temp.cleanup()) };
    },
  ],
])('%s processed log', (_name, open) => {
  it('remembers event ids per group, and takes the same pair twice', async () => {
    const { log, cleanup } = open();
    try {
      expect(await log.has('escalation', 'evt-1')).toBe(false);
      await log.add('escalation', 'evt-1');
      await log.add('escalation', 'evt-1');
      expect(await log.has('escalation', 'evt-1')).toBe(true);
      expect(await log.has('query', 'evt-1')).toBe(false);
      expect(await log.has('escalation', 'evt-2')).toBe(false);
    } finally {
      await cleanup();
    }
  });

  it('dedupes and records a whole batch at once, per group, agreeing with one-at-a-time marks', async () => {
    const { log, cleanup } = open();
    try {
      const batch = Array.from({ length: 600 }, (_, i) => `evt-${i}`);
      await log.add('query', 'evt-3');
      expect(await log.processedOf('query', [])).toEqual(new Set());
      expect(await log.processedOf('query', batch)).toEqual(new Set(['evt-3']));
      await log.addAll('query', [...batch.slice(0, 300), 'evt-3', 'evt-0']);
      expect(await log.processedOf('query', batch)).toEqual(new Set(batch.slice(0, 300)));
      expect(await log.processedOf('audit', batch)).toEqual(new Set());
      expect(await log.has('query', 'evt-299')).toBe(true);
      expect(await log.has('query', 'evt-300')).toBe(false);
    } finally {
      await cleanup();
    }
  });
});

describe('InMemoryProcessedLog', () => {
  it('keeps the most recently recorded ids of each group, up to what it was told to remember', async () => {
    const log = new InMemoryProcessedLog(3);
    await log.addAll('query', ['e1', 'e2', 'e3']);
    await log.add('query', 'e1'); // recorded again: now the newest
    await log.add('query', 'e4');
    expect(await log.processedOf('query', ['e1', 'e2', 'e3', 'e4'])).toEqual(new Set(['e1', 'e3', 'e4']));
    await log.addAll('query', ['e5', 'e6']);
    expect(await log.processedOf('query', ['e1', 'e3', 'e4', 'e5', 'e6'])).toEqual(new Set(['e4', 'e5', 'e6']));
    await log.add('audit', 'e1');
    expect(await log.has('audit', 'e1')).toBe(true);
    expect(await log.has('query', 'e4')).toBe(true);
    expect(() => new InMemoryProcessedLog(0)).toThrow(/remember must be a positive whole number/);
  });
});

describe('SqliteProcessedLog file', () => {
  it('keeps its marks across reopening, in its own table beside an event store on the same file', async () => {
    const temp = tempDir();
    const file = join(temp.dir, 'nested', 'escalation.sqlite');
    const store = new SqliteEventStore({ file, clock });
    try {
      const first = new SqliteProcessedLog({ file, clock });
      await first.add('escalation', 'evt-1');
      await store.append('case-c-1', [newEvent('c-1', 0)], 'no_stream');
      await first.close();

      const reopened = new SqliteProcessedLog({ file, clock });
      expect(await reopened.has('escalation', 'evt-1')).toBe(true);
      await reopened.close();
      expect((await store.readStream('case-c-1')).map((e) => e.eventId)).toEqual(['evt-c-1-0']);

      const raw = new Database(file, { readonly: true });
      try {
        expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(raw.prepare('SELECT group_id, event_id, processed_at FROM processed_events').all()).toEqual([
          { group_id: 'escalation', event_id: 'evt-1', processed_at: '2026-11-21T08:00:00.000Z' },
        ]);
      } finally {
        raw.close();
      }
    } finally {
      await store.close();
      temp.cleanup();
    }
  });
});
