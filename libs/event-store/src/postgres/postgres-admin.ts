import type pg from 'pg';
import { pgDriver } from './pg-driver';
import { assertRoleName } from './postgres-schema';

/**
 * What a database administrator (or the local launcher, as the cluster's superuser) does once
 * before services store events in PostgreSQL: a database, a login role per writing service that
 * may create its own schema there, and a reader role that may connect and nothing more until a
 * writer grants it SELECT on its record. Each step is idempotent and safe to race.
 */
export async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new (pgDriver().Client)({ connectionString: adminUrl, application_name: 'event-store admin' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** PostgreSQL reports a lost creation race either way, by the catalogue's unique index or by name. */
function alreadyThere(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '42P04' || code === '42710' || code === '23505';
}

export async function ensureDatabase(admin: pg.Client, database: string): Promise<void> {
  assertRoleName(database);
  const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (found.rowCount) return;
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
  } catch (error) {
    if (!alreadyThere(error)) throw error;
  }
}

/** Drops a database even with sessions still open (tests and throwaway runs only). */
export async function dropDatabase(admin: pg.Client, database: string): Promise<void> {
  assertRoleName(database);
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}

/** A role that can log in and holds no privilege beyond what is granted to it by name. */
export async function ensureLoginRole(admin: pg.Client, role: string): Promise<void> {
  assertRoleName(role);
  const found = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (found.rowCount) return;
  try {
    await admin.query(`CREATE ROLE "${role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`);
  } catch (error) {
    if (!alreadyThere(error)) throw error;
  }
}

/** A writing service's role may create its schema in the database; a reader may only connect. */
export async function grantOnDatabase(admin: pg.Client, database: string, role: string, access: 'owner-of-a-schema' | 'reader'): Promise<void> {
  assertRoleName(database);
  assertRoleName(role);
  await admin.query(`GRANT ${access === 'reader' ? 'CONNECT' : 'CONNECT, CREATE'} ON DATABASE "${database}" TO "${role}"`);
}
