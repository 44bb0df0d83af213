/**
 * `npm run fuzz`: the long pass. Schemathesis fuzzes the embedded system as every caller for
 * `FUZZ_SECONDS` each (60 by default), round after round until the server has answered
 * `FUZZ_REQUESTS` requests (10,000 by default; at most 5 rounds), then prints the counts:
 * requests, by status class, failures by check. Exit 1 on any failure, error or 5xx.
 * `FUZZ_SEED` repeats a run; `FUZZ_REPORT_DIR` keeps the reports somewhere other than a new
 * temporary directory.
 */
import { fuzzEmbeddedSystem } from './fuzz-embedded';
import { formatPass, seedFromEnvironment } from './schemathesis-pass';

async function main(): Promise<number> {
  const seconds = Number(process.env['FUZZ_SECONDS'] ?? '60');
  if (!Number.isInteger(seconds) || seconds < 1) throw new Error(`FUZZ_SECONDS must be a whole number of seconds, not "${process.env['FUZZ_SECONDS']}"`);
  const minimumRequests = Number(process.env['FUZZ_REQUESTS'] ?? '10000');
  if (!Number.isInteger(minimumRequests) || minimumRequests < 0) throw new Error(`FUZZ_REQUESTS must be a whole number, not "${process.env['FUZZ_REQUESTS']}"`);
  const started = Date.now();
  const result = await fuzzEmbeddedSystem({
    secondsPerCaller: seconds,
    seed: seedFromEnvironment(),
    minimumRequests,
    ...(process.env['FUZZ_REPORT_DIR'] ? { reportDir: process.env['FUZZ_REPORT_DIR'] } : {}),
    log: (line) => console.log(line),
  });
  console.log(`\n${formatPass(result)}\n  in ${Math.round((Date.now() - started) / 1000)}s; each caller's output and reports: ${result.reportDir}`);
  return result.failures.length === 0 && result.errors.length === 0 && result.byStatusClass['5xx'] === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
