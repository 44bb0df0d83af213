import { rmSync } from 'node:fs';
import { fuzzEmbeddedSystem } from './fuzz-embedded';
import { formatPass, seedFromEnvironment } from './schemathesis-pass';

// The bounded pass of `npm test`: Schemathesis with every check against the embedded system, as
// each of the six roles for 20 s: a few thousand requests on 2 cores. A machine busy enough to
// answer fewer than 2,000 gets a second round, never a third; `npm run fuzz` is the long pass.
const SECONDS_PER_CALLER = 20;
const MINIMUM_REQUESTS = 2000;
const MAX_ROUNDS = 2;

// Beyond the runs: the start, the seeding and, on first use, the console's build.
jest.setTimeout(MAX_ROUNDS * 6 * (SECONDS_PER_CALLER + 25) * 1000 + 300_000);

it('Schemathesis finds no server error, no response outside the document and no invalid request served, as any role', async () => {
  const lines: string[] = [];
  const result = await fuzzEmbeddedSystem({ secondsPerCaller: SECONDS_PER_CALLER, minimumRequests: MINIMUM_REQUESTS, maxRounds: MAX_ROUNDS, seed: seedFromEnvironment(), log: (line) => lines.push(line) });
  console.log(`${lines.join('\n')}\n${formatPass(result)}`);
  // Each problem names the check and the operations as whom, so the diff says what to fix; the
  // callers' whole outputs (curl to reproduce each) stay in the report directory; FUZZ_SEED=<seed> repeats the run.
  // Every check fails the pass, ST202 (a schema-valid request refused) too: the document says what
  // the server checks. The operations whose rules no schema can carry (across members, against
  // the clock or what is recorded) may answer 400, each named with its reason in schemathesis.toml.
  const problems = [
    ...result.failures.map((f) => `${f.check}: ${f.count} — ${f.operations.slice(0, 12).join(', ')}${f.operations.length > 12 ? ` and ${f.operations.length - 12} more` : ''}`),
    ...result.errors.map((e) => `error: ${e}`),
    ...(result.byStatusClass['5xx'] === 0 ? [] : [`${result.byStatusClass['5xx']} answers 5xx`]),
  ];
  expect(problems.length === 0 ? problems : [...problems, `seed ${result.seed}; reports in ${result.reportDir}`]).toEqual([]);
  expect(result.requests).toBeGreaterThanOrEqual(MINIMUM_REQUESTS);
  rmSync(result.reportDir, { recursive: true, force: true });
});
