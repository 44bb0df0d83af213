import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '@whistle/kernel';
import type { ContractFixture } from '../event-store.contract';
import type { EventStore } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

/** A store on a fresh file in a directory the store has to create, and a way to reopen it. */
export interface SqliteFixture extends ContractFixture {
  readonly file: string;
  readonly reopen: () => Promise<EventStore>;
  /** The instance open now: the first, or the one the last reopen made. */
  current(): SqliteEventStore;
}

export function sqliteFixture(clock: Clock): SqliteFixture {
  const dir = mkdtempSync(join(tmpdir(), 'event-store-'));
  const file = join(dir, 'nested', 'data', 'events.sqlite');
  let store = new SqliteEventStore({ file, clock });
  return {
    file,
    store,
    current: () => store,
    reopen: async () => {
      await store.close();
      store = new SqliteEventStore({ file, clock });
      return store;
    },
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
