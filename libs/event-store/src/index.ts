export * from './event-store.port';
export * from './errors';
export { RESERVED_STREAM_PREFIXES } from './append-rules';
export { InMemoryEventStore, type InMemoryEventStoreOptions } from './memory/in-memory-event-store';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb/kurrentdb-event-store';
export { openSqlite, type OpenSqliteOptions } from './sqlite/open-sqlite';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { dropDatabase, ensureDatabase, ensureLoginRole, grantOnDatabase, withAdmin } from './postgres/postgres-admin';
