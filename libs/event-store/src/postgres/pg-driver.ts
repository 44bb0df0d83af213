import type pg from 'pg';

/**
 * The \`pg\` driver, loaded on first use, so that a process whose stores are not on PostgreSQL never
 * loads it: each database driver loaded for nothing cost the embedded server some 10 to 30 MB
 * resident. Node keeps the module once loaded.
 */
export function pgDriver(): typeof pg {
  return require('pg') as typeof pg;
}
