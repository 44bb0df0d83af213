import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type Server } from 'node:net';

/** A port nobody listens on now (the OS picks it). */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port!;
}

/**
 * `count` ports nobody listens on now, all different: they are held open together before any is
 * let go, since the OS may hand a port it has just had back the next time it is asked.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<Server>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('no port');
    return address.port;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Whether something accepts connections at the URL's host and port. */
function answersAt(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise<boolean>((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const done = (answers: boolean) => {
      socket.destroy();
      resolve(answers);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(2_000, () => done(false));
  });
}

export interface ManagedProcessOptions {
  readonly name: string;
  /** A shell command; it is exec'd, so signals reach the program itself and not a shell. */
  readonly command: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** A URL that answers 200 once the process is ready. */
  readonly readyUrl: string;
  readonly readyWithinMs?: number;
  /** Where the output goes as well as into `output` (a log file, the terminal). */
  readonly echo?: (chunk: string) => void;
}

/** One child process the launcher started: start, wait until ready, stop gracefully or kill -9. */
export class ManagedProcess {
  private child: ChildProcess | null = null;
  private text = '';

  constructor(readonly options: ManagedProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What the process printed (the last 200 kB), for a failing test's message. */
  get output(): string {
    return this.text;
  }

  async start(): Promise<void> {
    if (this.running) return;
    // A process that already answers there (one left over, or another that was given the same
    // port) would pass for this one's readiness while this one died at its listen.
    if (await answersAt(this.options.readyUrl)) {
      throw new Error(`${this.options.name} cannot start: something already answers at ${this.options.readyUrl}, another process holds its port`);
    }
    const child = spawn('sh', ['-c', `exec ${this.options.command}`], { cwd: this.options.cwd, env: { ...this.options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      this.text = (this.text + text).slice(-200_000);
      this.options.echo?.(text);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    await this.waitUntilReady(child);
  }

  /** kill -9: no shutdown hook runs. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL', 0);
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    await this.signal('SIGTERM', graceMs);
  }

  private async signal(signal: NodeJS.Signals, graceMs: number): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    const timer = graceMs > 0 ? setTimeout(() => child.kill('SIGKILL'), graceMs) : undefined;
    await exited;
    if (timer) clearTimeout(timer);
    this.child = null;
  }

  private async waitUntilReady(child: ChildProcess): Promise<void> {
    const within = this.options.readyWithinMs ?? 90_000;
    const deadline = Date.now() + within;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${this.options.name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${this.text}`);
      }
      try {
        const response = await fetch(this.options.readyUrl);
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${this.options.name} was not ready within ${within / 1000} s:\n${this.text}`);
  }
}
