import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureConsoleBuilt } from '@whistle/console';
import { SystemProcess } from '../e2e/support/system-process';
import { seedForFuzzing } from './fuzz-seed';
import { runSchemathesisPass, type PassResult } from './schemathesis-pass';

export interface EmbeddedFuzzOptions {
  readonly secondsPerCaller: number;
  readonly seed: number;
  /** Rounds over the callers until the server answered this many requests (`PassOptions.minimumRequests`). */
  readonly minimumRequests?: number;
  readonly maxRounds?: number;
  /** Where Schemathesis's output and reports go; a new temporary directory by default. */
  readonly reportDir?: string;
  readonly log: (line: string) => void;
}

/**
 * The embedded system started as `npm start` starts it (real SQLite files, its own data directory),
 * a few records seeded, then Schemathesis as every caller in turn. The request limit is off: a
 * fuzzer answered 429 most of the time would test the limiter, not the API.
 */
export async function fuzzEmbeddedSystem(options: EmbeddedFuzzOptions): Promise<PassResult & { reportDir: string }> {
  const reportDir = options.reportDir ?? mkdtempSync(join(tmpdir(), 'whistle-fuzz-'));
  // Everything `npm start` serves, the console's pages too: Schemathesis probes paths outside the
  // document, which an unbuilt console would answer with 503.
  ensureConsoleBuilt(options.log);
  const metricsToken = randomBytes(24).toString('base64url');
  const system = await SystemProcess.start({ env: { RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'error', METRICS_TOKEN: metricsToken } });
  try {
    options.log(`the embedded system runs at ${system.baseUrl}; seeding cases, a firm...`);
    const seed = await seedForFuzzing(system.baseUrl);
    options.log(`schemathesis as each caller for ${options.secondsPerCaller}s, seed ${options.seed}, reports in ${reportDir}`);
    const result = await runSchemathesisPass({ baseUrl: system.baseUrl, metricsToken, afterPosition: seed.position, secondsPerCaller: options.secondsPerCaller, seed: options.seed, reportDir, minimumRequests: options.minimumRequests ?? 0, ...(options.maxRounds === undefined ? {} : { maxRounds: options.maxRounds }) }, options.log);
    return { ...result, reportDir };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- the system's log ---\n${system.logs.slice(-4000)}`);
  } finally {
    await system.dispose();
  }
}
