import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface LocalPostgres {
  /** The superuser's URL of a database on the project's local cluster (trust authentication, loopback only). */
  readonly adminUrl: (database: string) => string;
  /** The URL of a database as another role (no password: the local cluster trusts loopback). */
  readonly urlAs: (role: string, database: string) => string;
}

let started: LocalPostgres | undefined;

/**
 * The project's own PostgreSQL cluster (deploy/local/postgres.sh: the machine's PostgreSQL 15 on
 * 127.0.0.1), brought up once per test process; quick when it already runs. When it cannot be
 * started the test fails with the script's own words and the command to run by hand.
 */
export function requirePostgres(): LocalPostgres {
  if (started) return started;
  const root = join(__dirname, '..', '..', '..', '..', '..');
  const script = join(root, 'deploy', 'local', 'postgres.sh');
  const up = spawnSync('bash', [script, 'up'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const port = process.env['FLW_POSTGRES_PORT'] ?? '54329';
  const superuser = process.env['FLW_POSTGRES_USER'] ?? 'postgres';
  if (up.status !== 0) {
    const said = `${up.stderr ?? ''}${up.error ? `\n${up.error.message}` : ''}`.trim().split('\n').slice(-8).join('\n');
    throw new Error(
      `PostgreSQL is not running on 127.0.0.1:${port} and 'bash deploy/local/postgres.sh up' could not start it (exit ${up.status}):\n${said}\n` +
        `start it by hand with: bash deploy/local/postgres.sh up   (or npm run infra:up)`,
    );
  }
  started = {
    adminUrl: (database) => `postgres://${superuser}@127.0.0.1:${port}/${database}`,
    urlAs: (role, database) => `postgres://${role}@127.0.0.1:${port}/${database}`,
  };
  return started;
}
