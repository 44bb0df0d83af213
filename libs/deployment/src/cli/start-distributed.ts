import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DistributedSystem, REPO_ROOT } from '../launcher/distributed-system';
import { DEPLOYED_SERVICES } from '../topology';
import { runMain } from '../process-main';

/**
 * `npm run start:distributed`: the distributed mode on this machine. Brings up Kafka, FerretDB and
 * PostgreSQL with deploy/local (idempotent), starts each service with its own
 * `npm run start:<service>` on its default port, and nginx on 8080 as the one base URL (the web
 * console at /, the API under /api). Ctrl-C
 * stops them (the infrastructure keeps running: `npm run infra:down`). The event stores live in
 * the local cluster's database whistle_local, a schema per service; the services' other files in
 * RUN_DIR (./data-distributed).
 */
runMain('start:distributed', async () => {
  execFileSync('bash', [join(REPO_ROOT, 'deploy', 'local', 'infra.sh'), 'up'], { stdio: 'inherit' });
  // The proxy serves the web console's built files at /: built once per change of its sources.
  execFileSync('npm', ['run', '-s', 'build:console'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const kafkaPort = process.env['FLW_KAFKA_PORT'] ?? '9092';
  const mongoPort = process.env['FLW_FERRETDB_PORT'] ?? '27017';
  const postgresPort = process.env['FLW_POSTGRES_PORT'] ?? '54329';
  const postgresUser = process.env['FLW_POSTGRES_USER'] ?? 'postgres';
  const system = await DistributedSystem.start({
    runDir: process.env['RUN_DIR'] ?? join(REPO_ROOT, 'data-distributed'),
    kafkaBrokers: [`127.0.0.1:${kafkaPort}`],
    mongoUrl: `mongodb://127.0.0.1:${mongoPort}/four-level-whistle`,
    stores: { postgres: { adminUrl: `postgres://${postgresUser}@127.0.0.1:${postgresPort}/postgres`, database: 'whistle_local' } },
    ports: 'default',
    echo: (service, chunk) => process.stdout.write(chunk.replace(/^(?=.)/gm, `[${service}] `)),
  });
  process.stdout.write(
    `\nfour-level whistle (distributed) at ${system.baseUrl}\n` + DEPLOYED_SERVICES.map((s) => `  ${s.padEnd(13)} ${system.serviceUrl(s)}`).join('\n') + '\n',
  );
  return () => system.stop();
});
