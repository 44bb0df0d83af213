/** For specs and benches only: the local PostgreSQL cluster and throwaway stores on it. */
export { requirePostgres, type LocalPostgres } from './postgres/testing/local-postgres';
export { postgresFixture, type PostgresFixture } from './postgres/testing/postgres-fixture';
