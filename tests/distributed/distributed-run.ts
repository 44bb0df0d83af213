import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, withAdmin } from '@whistle/event-store';
import { DistributedSystem, type PostgresStores } from '@whistle/deployment';
import { requireInfra, type Infra } from '@whistle/testing';

/**
 * One spec file's own distributed system on the local servers: its topics and consumer groups
 * under a namespace, its event stores in a PostgreSQL database (a schema per service), its read
 * models in a FerretDB database, all named after the spec and a random run id, so runs share the
 * servers with nobody. `stop` stops the processes and drops what the run made.
 */
export class DistributedRun {
  private constructor(
    readonly infra: Infra,
    /** the run's random id, in every name it made */
    readonly id: string,
    readonly namespace: string,
    readonly runDir: string,
    readonly mongoUrl: string,
    readonly stores: PostgresStores,
    readonly system: DistributedSystem,
  ) {}

  /** `env` adds to (or overrides) the settings every service gets. */
  static async start(name: string, env: Readonly<Record<string, string>> = {}): Promise<DistributedRun> {
    const infra = requireInfra();
    const run = randomUUID().slice(0, 8);
    const namespace = `${name}-${run}.`;
    const runDir = mkdtempSync(join(tmpdir(), `whistle-${name}-`));
    const mongoUrl = infra.mongoUrl(`${name}_${run}`);
    // FerretDB keeps the read models on the same PostgreSQL cluster as the stores.
    const stores = { adminUrl: infra.postgresAdminUrl('postgres'), database: `whistle_${name}_${run}` };
    try {
      const system = await DistributedSystem.start({
        runDir,
        kafkaBrokers: infra.kafkaBrokers,
        mongoUrl,
        kafkaNamespace: namespace,
        stores: { postgres: stores },
        env: { LOG_LEVEL: 'warn', SCHEDULER_TICK_MS: '100', KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_PARTITIONS: '3', ...env },
      });
      return new DistributedRun(infra, run, namespace, runDir, mongoUrl, stores, system);
    } catch (error) {
      await DistributedRun.dropStores(stores);
      rmSync(runDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Runs `check`; when it fails, its error carries the tail of what every process printed (nginx's too), to say why. */
  async withLogs<T>(check: () => Promise<T>): Promise<T> {
    try {
      return await check();
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${this.system.logs(4_000)}`);
    }
  }

  async stop(): Promise<void> {
    await this.system.stop();
    await DistributedRun.dropStores(this.stores);
    rmSync(this.runDir, { recursive: true, force: true });
  }

  private static dropStores(stores: PostgresStores): Promise<void> {
    return withAdmin(stores.adminUrl, (admin) => dropDatabase(admin, stores.database));
  }
}
