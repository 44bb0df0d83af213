import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sourceDirOf } from '@whistle/config';
import { SERVICES, type WriteService } from '@whistle/contracts';
import { PostgresEventStore, SqliteEventStore, type EventStore } from '@whistle/event-store';
import { API_DOCUMENT_PATH } from '@whistle/http';
import { renderNginxConf } from '../nginx-conf';
import { DEFAULT_PORTS, DEPLOYED_SERVICES, PROXY_PORT, READ_SIDES, routeOf, type DeployedService } from '../topology';
import { ManagedProcess, freePorts } from './managed-process';
import { READER_ROLE, postgresStoreSettings, preparePostgresStores, storesUrlAs, type PostgresStores } from './postgres-stores';

export const REPO_ROOT = join(sourceDirOf(__dirname), '..', '..', '..', '..');
/** Where `npm run build:console` puts the web console (services/console/server/console-build.ts). */
export const CONSOLE_DIST = join(REPO_ROOT, 'services', 'console', 'dist');

/** The command of `npm run start:<service>`, read from package.json so the launcher runs exactly that. */
export function serviceStartCommand(service: DeployedService): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const command = pkg.scripts[`start:${service}`];
  if (!command) throw new Error(`package.json has no start:${service} script`);
  return command;
}

/** Debian installs nginx in /usr/sbin, which a user's PATH may leave out. */
export function nginxBinary(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx']) if (existsSync(candidate)) return candidate;
  throw new Error('nginx is not installed: the one base URL needs it (Debian: apt-get install -y nginx-light)');
}

export interface DistributedSystemOptions {
  /** Holds DATA_DIR (the services' SQLite files) and the proxy's files. */
  readonly runDir: string;
  /**
   * Where the writing services keep their events: PostgreSQL, a schema per service in one
   * database (the local run's choice), or a SQLite file each under DATA_DIR.
   */
  readonly stores: { readonly postgres: PostgresStores } | 'sqlite';
  readonly kafkaBrokers: readonly string[];
  readonly mongoUrl: string;
  /** Before topic and group names, so this run shares the broker with nobody (KAFKA_NAMESPACE). */
  readonly kafkaNamespace?: string;
  /** Fixed ports (the README's local run); free ones when left out (tests). */
  readonly ports?: 'default' | 'free';
  /** The web console's built files the proxy serves at `/`; services/console/dist when left out (`npm run build:console` builds it). */
  readonly consoleDir?: string;
  /** Settings given to every service, e.g. CATALOGUE_FILE, LOG_LEVEL. */
  readonly env?: Readonly<Record<string, string>>;
  readonly echo?: (service: string, chunk: string) => void;
}

/**
 * The distributed mode on this machine: one process per service, each started by its own
 * `npm run start:<service>`, talking only through Kafka, with read models in MongoDB (FerretDB),
 * and nginx in front as the one base URL, serving the web console at `/` as well. Kafka, FerretDB and PostgreSQL come from deploy/local.
 * With PostgreSQL stores each writer logs in as its own role and the read sides as a reader role
 * that may only SELECT, so the audit cannot change what it audits.
 */
export class DistributedSystem {
  private readonly processes = new Map<DeployedService, ManagedProcess>();
  private proxy: ManagedProcess | null = null;
  private proxyPort = 0;
  private ports: Record<DeployedService, number> = { ...DEFAULT_PORTS };

  private constructor(readonly options: DistributedSystemOptions) {}

  static async start(options: DistributedSystemOptions): Promise<DistributedSystem> {
    const system = new DistributedSystem(options);
    await system.startAll();
    return system;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.proxyPort}`;
  }

  get dataDir(): string {
    return join(this.options.runDir, 'data');
  }

  /** The store settings a service gets (or a command configured like it, such as `npm run rebuild` like the query service). */
  storeSettings(service: DeployedService): Record<string, string> {
    const { stores } = this.options;
    return stores === 'sqlite' ? { EVENT_STORE: 'sqlite', DATA_DIR: this.dataDir } : postgresStoreSettings(stores.postgres, service);
  }

  /** A writing service's store, read only, as the read sides see it. */
  async openStore(service: WriteService): Promise<EventStore> {
    const { stores } = this.options;
    if (stores === 'sqlite') return new SqliteEventStore({ file: join(this.dataDir, `${service}.db`), readOnly: true });
    return PostgresEventStore.connect({ connectionString: storesUrlAs(stores.postgres, READER_ROLE), schema: service, readOnly: true, maxConnections: 2 });
  }

  serviceUrl(service: DeployedService): string {
    return `http://127.0.0.1:${this.ports[service]}`;
  }

  process(service: DeployedService): ManagedProcess {
    const process = this.processes.get(service);
    if (!process) throw new Error(`${service} was never started`);
    return process;
  }

  /** Every process's output (its last `tailChars` characters each, all it kept without), for a failing test's message. */
  logs(tailChars?: number): string {
    const tail = (text: string) => (tailChars === undefined ? text : text.slice(-tailChars));
    return [...this.processes.entries()].map(([service, p]) => `--- ${service}\n${tail(p.output)}`).join('\n') + `\n--- nginx\n${tail(this.proxy?.output ?? '')}`;
  }

  /** kill -9 one service. */
  async kill(service: DeployedService): Promise<void> {
    await this.process(service).kill();
  }

  /** Starts a stopped or killed service again, on the same port and data. */
  async relaunch(service: DeployedService): Promise<void> {
    await this.process(service).start();
  }

  async stop(): Promise<void> {
    await this.proxy?.stop();
    // The read sides first, then the writers: nobody is left reading a store that went away.
    for (const service of [...DEPLOYED_SERVICES].reverse()) await this.processes.get(service)?.stop();
  }

  private async startAll(): Promise<void> {
    const fixed = this.options.ports === 'default';
    if (!fixed) {
      const ports = await freePorts(DEPLOYED_SERVICES.length + 1);
      DEPLOYED_SERVICES.forEach((service, i) => (this.ports[service] = ports[i]!));
      this.proxyPort = ports.at(-1)!;
    } else this.proxyPort = PROXY_PORT;
    mkdirSync(this.dataDir, { recursive: true });
    if (this.options.stores !== 'sqlite') await preparePostgresStores(this.options.stores.postgres);
    for (const service of DEPLOYED_SERVICES) this.processes.set(service, this.serviceProcess(service));
    try {
      // The writers create their stores; the read sides open them read only, so they come second.
      await Promise.all(SERVICES.map((s) => this.process(s).start()));
      await Promise.all(READ_SIDES.map((s) => this.process(s).start()));
      this.proxy = this.proxyProcess();
      await this.proxy.start();
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  private serviceProcess(service: DeployedService): ManagedProcess {
    const port = this.ports[service];
    return new ManagedProcess({
      name: service,
      command: serviceStartCommand(service),
      cwd: REPO_ROOT,
      env: {
        ...(process.env as Record<string, string>),
        PATH: `${join(REPO_ROOT, 'node_modules', '.bin')}:${process.env['PATH'] ?? ''}`,
        PORT: String(port),
        DATA_DIR: this.dataDir,
        ...this.storeSettings(service),
        KAFKA_BROKERS: this.options.kafkaBrokers.join(','),
        KAFKA_NAMESPACE: this.options.kafkaNamespace ?? '',
        MONGODB_URL: this.options.mongoUrl,
        ...this.docsSources(service),
        ...this.options.env,
      },
      readyUrl: `http://127.0.0.1:${port}/api/ready`,
      ...(this.options.echo ? { echo: (chunk: string) => this.options.echo?.(service, chunk) } : {}),
    });
  }

  /** The service that answers the base URL's /api/docs merges the others' documents into its own. */
  private docsSources(service: DeployedService): Record<string, string> {
    if (routeOf('GET', API_DOCUMENT_PATH) !== service) return {};
    const others = DEPLOYED_SERVICES.filter((s) => s !== service).map((s) => `http://127.0.0.1:${this.ports[s]}`);
    return { API_DOCS_SOURCES: others.join(',') };
  }

  private proxyProcess(): ManagedProcess {
    const dir = join(this.options.runDir, 'nginx');
    mkdirSync(dir, { recursive: true });
    // nginx's workers drop root for nobody: they must be able to write their buffers here.
    chmodSync(dir, 0o777);
    const upstreams = Object.fromEntries(DEPLOYED_SERVICES.map((s) => [s, `127.0.0.1:${this.ports[s]}`])) as Record<DeployedService, string>;
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, renderNginxConf({ listen: this.proxyPort, upstreams, runDir: dir, consoleRoot: this.options.consoleDir ?? CONSOLE_DIST }));
    return new ManagedProcess({
      name: 'nginx',
      command: `${nginxBinary()} -p ${dir} -c ${conf} -g 'daemon off;'`,
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
      readyUrl: `${this.baseUrl}/api/health`,
      ...(this.options.echo ? { echo: (chunk: string) => this.options.echo?.('nginx', chunk) } : {}),
    });
  }
}
