import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DEPLOYED_SERVICES, REPO_ROOT, type DeployedService, type DistributedSystem } from '@whistle/deployment';
import type { LocalServer } from '@whistle/testing';
import { sleep } from './http-attempt';
import type { Random } from './random';

export interface FaultPlan {
  readonly rounds: number;
  readonly brokerRestarts: number;
  readonly databaseRestarts: number;
  readonly pauseSeconds: readonly [number, number];
  /** The fault phase ends by then even if rounds remain (0: no limit). */
  readonly durationSeconds: number;
}

/** What the faults came to, for the report. */
export interface FaultCounts {
  readonly kills: Record<DeployedService, number>;
  readonly restarts: Record<LocalServer, number>;
  /** services found dead that no fault killed (a crash the faults provoked), by service */
  readonly died: Record<DeployedService, number>;
  /** relaunches that were not ready in time at first (the service was started again until it was) */
  slowRelaunches: number;
  rounds: number;
}

/**
 * The faults of a chaos run: in each round, after a random pause, one random service is killed
 * with SIGKILL (no shutdown hook runs) and started again after a random moment; in rounds drawn at
 * random the broker or a database is also stopped by its own script and started again a few
 * seconds later, while the load goes on. The local servers are stopped and started without
 * blocking, so the load keeps sending meanwhile.
 */
export class Faults {
  readonly counts: FaultCounts = {
    kills: Object.fromEntries(DEPLOYED_SERVICES.map((s) => [s, 0])) as Record<DeployedService, number>,
    restarts: { kafka: 0, postgres: 0, ferretdb: 0 },
    died: Object.fromEntries(DEPLOYED_SERVICES.map((s) => [s, 0])) as Record<DeployedService, number>,
    slowRelaunches: 0,
    rounds: 0,
  };

  constructor(
    private readonly system: DistributedSystem,
    private readonly random: Random,
    private readonly plan: FaultPlan,
    private readonly log: (line: string) => void,
  ) {}

  async run(): Promise<void> {
    const started = Date.now();
    const infraRounds = this.drawInfraRounds();
    for (let round = 1; round <= this.plan.rounds; round += 1) {
      if (this.plan.durationSeconds > 0 && Date.now() - started > this.plan.durationSeconds * 1000) {
        this.log(`the fault phase's ${this.plan.durationSeconds} s are up after ${round - 1} rounds`);
        break;
      }
      await sleep(this.random.int(this.plan.pauseSeconds[0] * 1000, this.plan.pauseSeconds[1] * 1000));
      await this.reviveTheDead(round);
      await this.killOne(round);
      const server = infraRounds.get(round);
      if (server) {
        await sleep(this.random.int(500, 3_000));
        await this.restart(server, round);
      }
      this.counts.rounds = round;
    }
  }

  /** Every service running and ready, whatever the last round left. */
  async allReady(): Promise<void> {
    await this.reviveTheDead(this.counts.rounds);
    for (const service of DEPLOYED_SERVICES) await this.relaunch(service);
  }

  /** A service that is not running though every kill was followed by a start died by itself: counted, and started again. */
  private async reviveTheDead(round: number): Promise<void> {
    for (const service of DEPLOYED_SERVICES) {
      if (this.system.process(service).running) continue;
      this.counts.died[service] += 1;
      this.log(`round ${round}: ${service} died by itself:\n${this.system.process(service).output.slice(-3_000)}`);
      await this.relaunch(service);
    }
  }

  /** Which rounds also restart the broker or a database: distinct rounds, drawn once from the seed. */
  private drawInfraRounds(): Map<number, LocalServer> {
    const servers: LocalServer[] = [
      ...Array.from({ length: this.plan.brokerRestarts }, (): LocalServer => 'kafka'),
      ...Array.from({ length: this.plan.databaseRestarts }, (): LocalServer => this.random.pick(['postgres', 'ferretdb'] as const)),
    ];
    const rounds = Array.from({ length: this.plan.rounds }, (_, i) => i + 1);
    const drawn = new Map<number, LocalServer>();
    for (const server of servers) {
      const at = rounds.splice(this.random.int(0, rounds.length - 1), 1)[0];
      if (at !== undefined) drawn.set(at, server);
    }
    return drawn;
  }

  private async killOne(round: number): Promise<void> {
    const service = this.random.pick(DEPLOYED_SERVICES);
    const pid = this.system.process(service).pid;
    const at = Date.now();
    await this.system.kill(service);
    this.counts.kills[service] += 1;
    // Down for a moment or two, as a crashed pod is before its restart.
    await sleep(this.random.int(0, 2_000));
    await this.relaunch(service);
    this.log(`round ${round}/${this.plan.rounds}: SIGKILL ${service} (pid ${pid}), ready again after ${((Date.now() - at) / 1000).toFixed(1)} s`);
  }

  /** Starts a service again until it is ready: a start while the broker or database is away may not be ready in the launcher's time. */
  private async relaunch(service: DeployedService): Promise<void> {
    for (let tries = 1; ; tries += 1) {
      try {
        await this.system.relaunch(service);
        if (tries === 1) return;
        // `relaunch` returns at once for a process that runs: wait for it to be ready as well.
        await this.ready(service);
        return;
      } catch (error) {
        this.counts.slowRelaunches += 1;
        this.log(`${service} was not ready after a start (try ${tries}): ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
        if (tries >= 5) throw error;
      }
    }
  }

  private async ready(service: DeployedService): Promise<void> {
    const until = Date.now() + 120_000;
    while (Date.now() < until) {
      const answer = await fetch(`${this.system.serviceUrl(service)}/api/ready`).catch(() => undefined);
      if (answer?.status === 200) return;
      await sleep(500);
    }
    throw new Error(`${service} is running but not ready within 120 s`);
  }

  private async restart(server: LocalServer, round: number): Promise<void> {
    const at = Date.now();
    await script(server, 'down');
    this.counts.restarts[server] += 1;
    const down = this.random.int(2_000, 10_000);
    await sleep(down);
    await script(server, 'up');
    this.log(`round ${round}/${this.plan.rounds}: ${server} stopped for ${(down / 1000).toFixed(1)} s, serving again after ${((Date.now() - at) / 1000).toFixed(1)} s`);
  }
}

/** deploy/local/<server>.sh down|up, without blocking the event loop (the load goes on meanwhile). */
function script(server: LocalServer, command: 'up' | 'down'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(REPO_ROOT, 'deploy', 'local', `${server}.sh`), command], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`deploy/local/${server}.sh ${command} exited ${code}: ${stderr.slice(-2_000)}`));
    });
  });
}
