import { ChaosUsageError, parseChaosOptions } from './chaos-options';
import { formatChaosReport, runChaos } from './chaos-run';

/**
 * `npm run chaos -- --rounds 100`: the distributed system under a steady load of full cases while
 * services are killed and the broker and databases restarted; exits 1 on any violation, 2 on bad
 * arguments. The local servers are the ones deploy/local's settings name (FLW_*), started when down.
 */
async function main(): Promise<number> {
  let options;
  try {
    options = parseChaosOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof ChaosUsageError)) throw error;
    console.error(error.message);
    return 2;
  }
  const started = Date.now();
  const log = (line: string) => console.log(`[chaos +${Math.round((Date.now() - started) / 1000)}s] ${line}`);
  log(`seed ${options.seed}: ${options.rounds} rounds, ${options.clients} clients, broker restarts ${options.brokerRestarts}, database restarts ${options.databaseRestarts}, pause ${options.pauseSeconds.join('-')} s`);
  const result = await runChaos(options, log);
  console.log(formatChaosReport(result));
  return result.findings.violations.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
