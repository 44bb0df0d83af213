import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidIds, type DomainEvent } from '@whistle/kernel';
import { stateIndex, streamKind } from '@whistle/contracts';
import { SqliteEventStore } from '@whistle/event-store';
import { StateIndex } from './state-index';

const append = (store: SqliteEventStore, streamId: string, type: string, expected: number | 'no_stream') =>
  store.append(
    streamId,
    [{ eventId: uuidIds.next(), type, data: {}, caseId: streamId, occurredAt: '2026-11-21T08:00:00.000Z', actor: { id: 'a', role: 'system' }, correlationId: 'c', causationId: null }],
    expected,
  );

describe('StateIndex', () => {
  it('folds every stream of its aggregates from the store, again at each start, and sees its own appends once settled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'state-index-'));
    const file = join(dir, 'store.db');
    const count = streamKind('count');
    const counting = { stream: count, decider: { initialState: 0, decide: () => [], evolve: (state: number, _event: DomainEvent) => state + 1 } };
    try {
      const store = new SqliteEventStore({ file });
      await append(store, 'count-a', 'test.Counted.v1', 'no_stream');
      await append(store, 'count-a', 'test.Counted.v1', 0);
      await append(store, 'other-x', 'test.Other.v1', 'no_stream');
      const index = new StateIndex(store, [counting]);
      index.start();
      await index.settled();
      expect([...index.entries<number>(count)]).toEqual([['count-a', 2]]);
      await append(store, 'count-b', 'test.Counted.v1', 'no_stream');
      await index.settled();
      expect(index.get('count-b')).toBe(1);
      expect(index.get('other-x')).toBeUndefined();
      await index.stop();
      await store.close();

      const reopened = new SqliteEventStore({ file });
      const again = new StateIndex(reopened, [counting]);
      again.start();
      await again.settled();
      expect(again.get('count-a')).toBe(2);
      expect(again.get('count-b')).toBe(1);
      await again.stop();
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps each declared index up to date: a stream is filed under its state’s keys and moves when they change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'state-index-'));
    const door = streamKind('door');
    // A door is open after an odd number of events; the index files open doors under "open".
    const doors = { stream: door, decider: { initialState: 0, decide: () => [], evolve: (state: number, _event: DomainEvent) => state + 1 } };
    const openDoors = stateIndex(door, (state: number) => (state % 2 === 1 ? ['open'] : []));
    const store = new SqliteEventStore({ file: join(dir, 'store.db') });
    try {
      await append(store, 'door-a', 'test.Toggled.v1', 'no_stream');
      await append(store, 'door-b', 'test.Toggled.v1', 'no_stream');
      await append(store, 'door-b', 'test.Toggled.v1', 0);
      const index = new StateIndex(store, [doors], 'doors', [openDoors]);
      index.start();
      await index.settled();
      expect([...index.indexed(openDoors, 'open')]).toEqual([['door-a', 1]]);
      await append(store, 'door-a', 'test.Toggled.v1', 0);
      await append(store, 'door-c', 'test.Toggled.v1', 'no_stream');
      await index.settled();
      expect([...index.indexed(openDoors, 'open')]).toEqual([['door-c', 1]]);
      expect([...index.indexed(openDoors, 'closed')]).toEqual([]);
      expect(() => [...index.indexed(stateIndex(door, () => []), 'open')]).toThrow('keeps no such index');
      await index.stop();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
