import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface Infra {
  readonly kafkaBrokers: string[];
  readonly mongoUrl: (database: string) => string;
  /** The local PostgreSQL cluster's superuser URL of a database (FerretDB's backend, and the event stores). */
  readonly postgresAdminUrl: (database: string) => string;
  /** Stops one server with its own script, runs `during`, and starts the server again whatever happened. */
  readonly whileStopped: <T>(server: LocalServer, during: () => Promise<T>) => Promise<T>;
}

export type LocalServer = 'kafka' | 'ferretdb' | 'postgres';

let started: Infra | undefined;

/**
 * The real Kafka broker, MongoDB-compatible server (FerretDB) and PostgreSQL of the project's own scripts,
 * brought up once per test process (idempotent: quick when they already run, a build when the
 * caches are cold). Tests that claim to test those servers talk to these, never to a fake.
 */
export function requireInfra(): Infra {
  if (!started) {
    const root = join(__dirname, '..', '..', '..');
    const script = (name: 'infra' | LocalServer, command: 'up' | 'down', stdio: 'ignore' | 'inherit', timeout: number) =>
      execFileSync('bash', [join(root, 'deploy', 'local', `${name}.sh`), command], { cwd: root, stdio: ['ignore', 'ignore', stdio], timeout });
    script('infra', 'up', 'inherit', 20 * 60_000);
    const kafkaPort = process.env['FLW_KAFKA_PORT'] ?? '9092';
    const mongoPort = process.env['FLW_FERRETDB_PORT'] ?? '27017';
    const postgresPort = process.env['FLW_POSTGRES_PORT'] ?? '54329';
    const postgresUser = process.env['FLW_POSTGRES_USER'] ?? 'postgres';
    started = {
      kafkaBrokers: [`127.0.0.1:${kafkaPort}`],
      mongoUrl: (database) => `mongodb://127.0.0.1:${mongoPort}/${database}`,
      postgresAdminUrl: (database) => `postgres://${postgresUser}@127.0.0.1:${postgresPort}/${database}`,
      whileStopped: async (server, during) => {
        script(server, 'down', 'ignore', 120_000);
        try {
          return await during();
        } finally {
          script(server, 'up', 'ignore', 300_000);
        }
      },
    };
  }
  return started;
}
