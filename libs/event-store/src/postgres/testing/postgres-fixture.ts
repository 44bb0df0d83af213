import { randomUUID } from 'node:crypto';
import type { Clock } from '@whistle/kernel';
import { requirePostgres } from './local-postgres';
import type { ContractFixture } from '../../event-store.contract';
import type { EventStore } from '../../event-store.port';
import { ensureDatabase, withAdmin } from '../postgres-admin';
import { PostgresEventStore, type PostgresEventStoreOptions } from '../postgres-event-store';

/** The database the adapter's specs make their throwaway schemas in. */
export const TEST_DATABASE = 'whistle_event_store_test';

/** A store in a fresh schema of the local cluster, as the superuser, and a way to reopen it. */
export interface PostgresFixture extends ContractFixture {
  readonly schema: string;
  readonly url: string;
  readonly reopen: () => Promise<EventStore>;
  /** The instance open now: the first, or the one the last reopen made. */
  current(): PostgresEventStore;
  /** Another instance on the same schema, with its own pool; closed by cleanup. */
  another(options?: Partial<PostgresEventStoreOptions>): Promise<PostgresEventStore>;
  /** Runs SQL on the fixture's database as the superuser, behind the store's back. */
  admin<T>(work: (client: import('pg').Client) => Promise<T>): Promise<T>;
}

let databaseReady: Promise<void> | undefined;

export async function postgresFixture(clock: Clock, options: Partial<PostgresEventStoreOptions> = {}): Promise<PostgresFixture> {
  const cluster = requirePostgres();
  databaseReady ??= withAdmin(cluster.adminUrl('postgres'), (admin) => ensureDatabase(admin, TEST_DATABASE));
  await databaseReady;
  const url = cluster.adminUrl(TEST_DATABASE);
  const schema = `es_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const open = (extra: Partial<PostgresEventStoreOptions> = {}) =>
    PostgresEventStore.connect({ connectionString: url, schema, clock, pollIntervalMs: 50, ...options, ...extra });
  let store = await open();
  const others: PostgresEventStore[] = [];
  const admin = <T>(work: (client: import('pg').Client) => Promise<T>) => withAdmin(url, work);
  return {
    schema,
    url,
    store,
    current: () => store,
    reopen: async () => {
      await store.close();
      store = await open();
      return store;
    },
    another: async (extra) => {
      const other = await open(extra);
      others.push(other);
      return other;
    },
    admin,
    cleanup: async () => {
      for (const other of others) await other.close();
      await store.close();
      await admin((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    },
  };
}
