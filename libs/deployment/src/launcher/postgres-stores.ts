import { SERVICES, type WriteService } from '@whistle/contracts';
import { ensureDatabase, ensureLoginRole, grantOnDatabase, withAdmin } from '@whistle/event-store';
import { POSTGRES_URL_SETTING, storesOpenedBy } from '../settings';
import type { DeployedService } from '../topology';

/** The five writing services' stores in one PostgreSQL database, a schema each. */
export interface PostgresStores {
  /** A superuser's URL (the local cluster's `postgres` database): the database and roles are made with it. */
  readonly adminUrl: string;
  /** The database that holds the five stores; created when missing. */
  readonly database: string;
}

/** Each writing service logs in as its own role, which owns its schema and nothing else. */
export const WRITER_ROLES: Readonly<Record<WriteService, string>> = {
  intake: 'whistle_intake',
  escalation: 'whistle_escalation',
  adjudication: 'whistle_adjudication',
  enforcement: 'whistle_enforcement',
  supervision: 'whistle_supervision',
};

/** The query and audit services log in as this role, and every other service reads supervision's store as it: SELECT on the records, granted by their writers. */
export const READER_ROLE = 'whistle_reader';

/**
 * What a database administrator does once, done by the launcher as the local cluster's superuser
 * (idempotent): the database, a login role per writer that may create its schema there, and the
 * reader role, which may connect and nothing more until each writer grants it SELECT on its
 * record at start (POSTGRES_READ_ROLE). The local cluster trusts loopback, so no passwords.
 */
export async function preparePostgresStores(stores: PostgresStores): Promise<void> {
  await withAdmin(stores.adminUrl, async (admin) => {
    await ensureDatabase(admin, stores.database);
    for (const service of SERVICES) {
      await ensureLoginRole(admin, WRITER_ROLES[service]);
      await grantOnDatabase(admin, stores.database, WRITER_ROLES[service], 'owner-of-a-schema');
    }
    await ensureLoginRole(admin, READER_ROLE);
    await grantOnDatabase(admin, stores.database, READER_ROLE, 'reader');
  });
}

/** The URL of the stores' database as `role`. */
export function storesUrlAs(stores: PostgresStores, role: string): string {
  const url = new URL(stores.adminUrl);
  url.username = role;
  url.password = '';
  url.pathname = `/${stores.database}`;
  return url.toString();
}

/**
 * The settings that point a service at its stores: a writer's own as its own role, every store it
 * only reads (the read sides' five, the others' supervision store for the catalogue's changes) as
 * the reader role, whom supervision grants SELECT like every writer.
 */
export function postgresStoreSettings(stores: PostgresStores, service: DeployedService): Record<string, string> {
  const writer = (SERVICES as readonly string[]).includes(service);
  return {
    EVENT_STORE: 'postgres',
    ...Object.fromEntries(storesOpenedBy(service).map((s) => [POSTGRES_URL_SETTING[s], storesUrlAs(stores, s === service ? WRITER_ROLES[s] : READER_ROLE)])),
    ...(writer ? { POSTGRES_READ_ROLE: READER_ROLE } : {}),
  };
}
