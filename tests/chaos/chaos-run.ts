import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { REPO_ROOT } from '@whistle/deployment';
import { DistributedRun } from '../distributed/distributed-run';
import { CaseLoad, DEFAULT_TIMINGS, type LoadTimings } from './case-load';
import { ChaosChecks, type ChaosFindings } from './chaos-checks';
import type { ChaosOptions } from './chaos-options';
import { Faults, type FaultCounts } from './faults';
import { sleep } from './http-attempt';
import type { Ledger } from './ledger';
import { Random } from './random';

export interface ChaosResult {
  readonly options: ChaosOptions;
  readonly wallSeconds: number;
  readonly faults: FaultCounts;
  readonly ledger: Ledger;
  readonly findings: ChaosFindings;
  /** where every service's output went when the run found a violation */
  readonly logFile?: string;
}

export interface ChaosExtras {
  readonly timings?: LoadTimings;
  /**
   * Called after the checks, while the system still runs, with the checks to run again on another
   * ledger: a test shows with it that they find a lost or doubled effect.
   */
  readonly probe?: (check: (ledger: Ledger) => Promise<ChaosFindings>, ledger: Ledger) => Promise<void>;
}

/**
 * A whole chaos run: the distributed system on the local servers (its own namespace and
 * databases), a steady load of full cases, the faults, then the checks once it settled. The run's
 * topics, databases and files are dropped at the end; on a violation the services' output is
 * kept in a file named in the result.
 */
export async function runChaos(options: ChaosOptions, log: (line: string) => void, extras: ChaosExtras = {}): Promise<ChaosResult> {
  const started = Date.now();
  const random = new Random(options.seed);
  const scratch = mkdtempSync(join(tmpdir(), 'whistle-chaos-'));
  // Every case is one of a few kinds in a few compounds: with duplicate linking on, most would be
  // linked to an open case and never summon anyone.
  const catalogue = JSON.parse(readFileSync(join(REPO_ROOT, 'libs', 'catalogue', 'data', 'default-catalogue.json'), 'utf8')) as { deadlines: Record<string, unknown> };
  catalogue.deadlines['duplicateWindow'] = 'PT0M';
  writeFileSync(join(scratch, 'catalogue.json'), JSON.stringify(catalogue));
  log(`starting the distributed system (seed ${options.seed})`);
  // A short grace, so the audit holds the Kafka copy against the stores within the run.
  const run = await DistributedRun.start('chaos', { CATALOGUE_FILE: join(scratch, 'catalogue.json'), AUDIT_TOPIC_GRACE_SECONDS: '60' });
  const { system } = run;
  let logFile: string | undefined;
  // Ctrl-C (or a kill) stops what the run started rather than leaving seven services behind.
  const interrupted = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the services and dropping what this run made`);
    void cleanUp(run, scratch).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const load = new CaseLoad(system.baseUrl, run.id, extras.timings ?? DEFAULT_TIMINGS);
    const faults = new Faults(system, random.fork(), options, log);
    load.start(options.clients, random.fork());
    const progress = setInterval(() => log(progressLine(load.ledger)), 60_000);
    try {
      // The load under way before the first fault.
      await sleep(5_000);
      await faults.run();
      log(`faults done after ${faults.counts.rounds} rounds; every service started again, the cases under way finishing`);
      await faults.allReady();
      await load.finish();
    } finally {
      clearInterval(progress);
    }
    log(`load done (${progressLine(load.ledger)}); checking`);
    const check = (ledger: Ledger, settleMs: number) => new ChaosChecks(system, run.infra.kafkaBrokers, run.namespace, ledger).run(settleMs);
    const findings = await check(load.ledger, options.settleSeconds * 1000);
    for (const [service, times] of Object.entries(faults.counts.died)) if (times > 0) findings.violations.unshift(`${service} died by itself ${times} times (its output is in the log above)`);
    // The system has settled by now: a probe's ledger needs no long wait.
    await extras.probe?.((ledger) => check(ledger, 10_000), load.ledger);
    if (findings.violations.length > 0) {
      logFile = join(tmpdir(), `chaos-${options.seed}-services.log`);
      writeFileSync(logFile, system.logs());
    }
    return { options, wallSeconds: Math.round((Date.now() - started) / 1000), faults: faults.counts, ledger: load.ledger, findings, ...(logFile ? { logFile } : {}) };
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await cleanUp(run, scratch);
  }
}

/** The services stopped, the run's stores and read models dropped, its files deleted. */
async function cleanUp(run: DistributedRun, scratch: string): Promise<void> {
  await run.stop();
  const readModels = await mongoose.createConnection(run.mongoUrl).asPromise();
  try {
    await readModels.dropDatabase();
  } finally {
    await readModels.close();
  }
  rmSync(scratch, { recursive: true, force: true });
}

function progressLine(ledger: Ledger): string {
  const closed = ledger.cases.filter((c) => c.closed).length;
  return `${ledger.cases.length} cases started, ${closed} closed; ${ledger.commands.length} commands, ${ledger.count('acknowledged')} acknowledged`;
}

const minutes = (seconds: number) => `${Math.floor(seconds / 60)} min ${seconds % 60} s`;

/** The run's figures as the command prints them. */
export function formatChaosReport(result: ChaosResult): string {
  const { options, faults, ledger, findings } = result;
  const kills = Object.values(faults.kills).reduce((a, b) => a + b, 0);
  const answers = [...ledger.answers.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status === 0 ? 'none' : status} ×${n}`);
  const lines = [
    `chaos: seed ${options.seed}, ${faults.rounds} of ${options.rounds} rounds, ${options.clients} clients, ${minutes(result.wallSeconds)} wall time`,
    `  kills (SIGKILL):   ${kills}: ${Object.entries(faults.kills).map(([s, n]) => `${s} ${n}`).join(', ')}`,
    `  died by itself:    ${Object.entries(faults.died).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(', ') || 'none'}`,
    `  restarts:          broker (kafka) ${faults.restarts.kafka}, databases: postgres ${faults.restarts.postgres}, ferretdb ${faults.restarts.ferretdb}; relaunches not ready at first: ${faults.slowRelaunches}`,
    `  commands:          ${ledger.commands.length} sent in ${ledger.attempts} tries: ${ledger.count('acknowledged')} acknowledged (${ledger.commands.filter((c) => c.replayed).length} as replays of a try that lost its answer), ${ledger.count('refused')} refused, ${ledger.count('unconfirmed')} unconfirmed, ${ledger.count('failed')} failed`,
    `  answers:           ${answers.join(', ')}`,
    `  cases:             ${ledger.cases.length} started, ${ledger.cases.filter((c) => c.closed).length} closed, ${ledger.cases.filter((c) => c.stalled).length} given up by the load; ${findings.casesChecked} checked, ${findings.casesVerified} verified one by one`,
    `  chains verified:   ${findings.chainsVerified} streams (${findings.eventsVerified} events), every store`,
    `  dead letters:      ${findings.deadLetters}`,
    `  settled in:        ${findings.settledInSeconds} s`,
    findings.violations.length === 0 ? '  violations:        none' : `  violations:        ${findings.violations.length}\n${findings.violations.map((v) => `    - ${v}`).join('\n')}`,
  ];
  for (const record of ledger.cases.filter((c) => c.stalled).slice(0, 10)) lines.push(`  given up: case ${record.ref} (${record.caseId ?? 'not reported'}): ${record.stalled}`);
  // A try unanswered, then refused as if done: the key is kept with the events, so a retry under it replays the first
  // answer; an unconfirmed command is one whose every try went unanswered before the load gave up on it.
  for (const command of ledger.commands.filter((c) => c.outcome === 'unconfirmed').slice(0, 10)) {
    lines.push(`  unconfirmed: case ${command.caseRef} ${command.kind}${command.taskId ? ` of task ${command.taskId}` : ''} after ${command.attempts} tries: ${command.why ?? ''}`.slice(0, 400));
  }
  if (result.logFile) lines.push(`  the services' output: ${result.logFile}`);
  return lines.join('\n');
}
