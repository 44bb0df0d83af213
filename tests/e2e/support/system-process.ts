import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagedProcess, freePort } from '@whistle/deployment';

const ROOT = join(__dirname, '..', '..', '..');
const WORKING_CALENDAR_FIXTURE = join(ROOT, 'libs', 'catalogue', 'src', 'testing', 'working-calendar-2027.fixture.json');

/** `npm start`'s command, with `nodeArgs` (a bench's `--cpu-prof`) given to its node. */
function startCommand(nodeArgs: readonly string[]): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const command = pkg.scripts.start;
  if (nodeArgs.length === 0) return command;
  if (!command.startsWith('node ')) throw new Error(`npm start is "${command}": node arguments can only be given to a command that starts with node`);
  return `node ${nodeArgs.join(' ')} ${command.slice('node '.length)}`;
}

export interface CatalogueChanges {
  /** e.g. { reportIn: { '2': 'PT2S' } } merged into the default deadlines */
  readonly deadlines?: Record<string, unknown>;
  readonly policies?: Record<string, unknown>;
  /** a webhook for some units and stations, by id: { 'unit-jiaojing': { url, secretRef } } */
  readonly webhooks?: Record<string, { readonly url: string; readonly secretRef: string }>;
}

/**
 * The whole system as a separate process started by the project's own start command, on a free
 * port with its own data directory and catalogue file; tests talk to it only over HTTP.
 */
export class SystemProcess {
  readonly dataDir: string;
  readonly catalogueFile: string;
  private process: ManagedProcess | null = null;
  private port = 0;

  private constructor(
    private readonly root: string,
    private readonly env: Record<string, string>,
    private readonly nodeArgs: readonly string[],
    /** A directory the caller named: its data outlives the process (a bench fills it once). */
    private readonly kept: boolean,
    private readonly readyWithinMs: number | undefined,
  ) {
    this.dataDir = join(root, 'data');
    this.catalogueFile = join(root, 'catalogue.json');
  }

  /**
   * `port`: a port chosen beforehand, for a party that must know the system's origin first (an
   * identity provider's redirect). `root`: a directory to keep the data in, reused when it holds
   * some and left in place by `dispose`; by default a fresh temporary one, removed. `readyWithinMs`:
   * how long a start may take (the read models are rebuilt from the stores at each start).
   */
  static async start(
    options: { catalogue?: CatalogueChanges; env?: Record<string, string>; nodeArgs?: readonly string[]; port?: number; root?: string; readyWithinMs?: number } = {},
  ): Promise<SystemProcess> {
    if (options.root !== undefined) mkdirSync(options.root, { recursive: true });
    const root = options.root ?? mkdtempSync(join(tmpdir(), 'whistle-e2e-'));
    const system = new SystemProcess(root, options.env ?? {}, options.nodeArgs ?? [], options.root !== undefined, options.readyWithinMs);
    if (options.port !== undefined) system.port = options.port;
    const catalogue = JSON.parse(readFileSync(join(ROOT, 'libs', 'catalogue', 'data', 'default-catalogue.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    catalogue['deadlines'] = mergeDeep(catalogue['deadlines'] ?? {}, options.catalogue?.deadlines ?? {});
    catalogue['policies'] = { ...catalogue['policies'], ...(options.catalogue?.policies ?? {}) };
    const webhooks = options.catalogue?.webhooks ?? {};
    for (const list of ['units', 'stations']) {
      for (const entry of catalogue[list] as unknown as Record<string, unknown>[]) if (webhooks[entry['id'] as string]) entry['webhook'] = webhooks[entry['id'] as string];
    }
    writeFileSync(system.catalogueFile, JSON.stringify(catalogue, null, 2));
    await system.launch();
    return system;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The server's process id (the start command execs into it). */
  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** What the process printed, for a failing test's message. */
  get logs(): string {
    return this.process?.output ?? '';
  }

  /** Stops gracefully (SIGTERM) and starts again on the same data. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  /** kill -9: no shutdown hook runs. */
  async kill(): Promise<void> {
    await this.process?.kill();
  }

  async relaunch(): Promise<void> {
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }

  async dispose(): Promise<void> {
    await this.stop();
    if (!this.kept) rmSync(this.root, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    // One port for the system's life, so callers keep their base URL across restarts.
    if (this.port === 0) this.port = await freePort();
    this.process ??= new ManagedProcess({
      name: 'the system',
      command: startCommand(this.nodeArgs),
      cwd: ROOT,
      env: {
        ...(process.env as Record<string, string>),
        PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env['PATH'] ?? ''}`,
        PORT: String(this.port),
        DATA_DIR: this.dataDir,
        CATALOGUE_FILE: this.catalogueFile,
        // The office's calendar for 2027 as a test fixture: the system is run before that year's schedule is published.
        WORKING_CALENDAR_FILE: WORKING_CALENDAR_FIXTURE,
        LOG_LEVEL: 'warn',
        SCHEDULER_TICK_MS: '100',
        ...this.env,
      },
      readyUrl: `${this.baseUrl}/api/ready`,
      ...(this.readyWithinMs === undefined ? {} : { readyWithinMs: this.readyWithinMs }),
    });
    await this.process.start();
  }
}

function mergeDeep(base: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    const current = merged[key];
    merged[key] =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object'
        ? mergeDeep(current as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return merged;
}
