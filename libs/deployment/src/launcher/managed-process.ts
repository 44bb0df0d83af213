import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A port nobody listens on now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
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
