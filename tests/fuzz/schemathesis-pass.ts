import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEVELOPMENT_JWT_SECRET, signToken, type Principal } from '@whistle/auth';

const ROOT = join(__dirname, '..', '..');
const CONFIG_FILE = join(__dirname, 'schemathesis.toml');

/** One token per role, each scope the seeded cases touch (tests/fuzz/fuzz-seed.ts): Schemathesis runs once as each. */
export const FUZZ_CALLERS: readonly Principal[] = [
  { sub: 'fuzz-office', role: 'office' },
  { sub: 'fuzz-station', role: 'station', stationId: 'station-north' },
  { sub: 'fuzz-unit', role: 'unit', unitId: 'unit-jiaojing' },
  { sub: 'fuzz-reporter', role: 'reporter', compoundId: 'compound-xinghua-1' },
  { sub: 'fuzz-auditor', role: 'auditor' },
  { sub: 'fuzz-admin', role: 'admin' },
];

export interface PassOptions {
  readonly baseUrl: string;
  /** The system's METRICS_TOKEN: the requests are counted by the server itself, from /metrics. */
  readonly metricsToken: string;
  /** Schemathesis's time budget for each caller: its fuzzing phase repeats until it is spent. */
  readonly secondsPerCaller: number;
  /** Hypothesis's seed for every caller's run; the runs print it, so a failing run can be repeated. */
  readonly seed: number;
  /** Where each run's output and reports go. */
  readonly reportDir: string;
  /**
   * Rounds over the callers (the next with the seed plus one) until the server answered this many
   * requests, at most `maxRounds` (5 unless given): a pass reaches its count on a busy machine too.
   * 0: one round.
   */
  readonly minimumRequests?: number;
  readonly maxRounds?: number;
  /**
   * A position the system answered with. Positions are opaque tokens a client only echoes, like a
   * bearer token: one the server never issued is a 400 however well it matches the header's
   * pattern, so the fuzzer sends this real one as `After-Position` instead of inventing them.
   */
  readonly afterPosition?: string;
  /** Whom to run as: every role (`FUZZ_CALLERS`) unless given. */
  readonly callers?: readonly Principal[];
}

const DEFAULT_MAX_ROUNDS = 5;

export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx';

/** A failure as Schemathesis names it (`ST103 Undocumented status code`), with the operations that showed it. */
export interface CheckFailure {
  readonly check: string;
  readonly count: number;
  readonly operations: readonly string[];
}

export interface CallerRun {
  readonly caller: string;
  readonly exitCode: number | null;
  /** Test cases Schemathesis generated; its checks and shrinking send more requests than these. */
  readonly testCases: number;
  /** Requests the server answered during the run, as its own metrics count them. */
  readonly requests: number;
  readonly byStatusClass: Readonly<Record<StatusClass, number>>;
  readonly failures: readonly CheckFailure[];
  /** What kept Schemathesis from testing (a schema it cannot read, a connection refused, an exit with nothing reported). */
  readonly errors: readonly string[];
  readonly outputFile: string;
}

export interface PassResult {
  readonly seed: number;
  readonly runs: readonly CallerRun[];
  readonly testCases: number;
  readonly requests: number;
  readonly byStatusClass: Readonly<Record<StatusClass, number>>;
  /** Per check, summed over the callers. */
  readonly failures: readonly CheckFailure[];
  readonly errors: readonly string[];
}

/** The program the test setup installed (deploy/local/tools.sh decides its version and place). */
export function schemathesisProgram(): string {
  const out = execFileSync('bash', [join(ROOT, 'deploy', 'local', 'tools.sh'), 'schemathesis'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').pop() ?? '';
}

/** Schemathesis against the served OpenAPI document, once as each caller, in turn. */
export async function runSchemathesisPass(options: PassOptions, log: (line: string) => void = () => undefined): Promise<PassResult> {
  const program = schemathesisProgram();
  mkdirSync(options.reportDir, { recursive: true });
  const runs: CallerRun[] = [];
  for (let round = 0; round === 0 || (round < (options.maxRounds ?? DEFAULT_MAX_ROUNDS) && sum(runs.map((r) => r.requests)) < (options.minimumRequests ?? 0)); round += 1) {
    for (const principal of options.callers ?? FUZZ_CALLERS) {
      const run = await runAs(program, principal, { ...options, seed: options.seed + round }, round);
      log(`${run.caller}: ${run.testCases} test cases, ${run.requests} requests (${formatClasses(run.byStatusClass)}), ${run.failures.length === 0 ? 'no failure' : run.failures.map((f) => `${f.check}: ${f.count}`).join('; ')} — ${run.outputFile}`);
      runs.push(run);
    }
  }
  return {
    seed: options.seed,
    runs,
    testCases: sum(runs.map((r) => r.testCases)),
    requests: sum(runs.map((r) => r.requests)),
    byStatusClass: addClasses(runs.map((r) => r.byStatusClass)),
    failures: mergeFailures(runs.flatMap((r) => r.failures.map((f) => ({ ...f, operations: f.operations.map((o) => `${o} as ${r.caller}`) })))),
    errors: runs.flatMap((r) => r.errors.map((e) => `${r.caller}: ${e}`)),
  };
}

async function runAs(program: string, principal: Principal, options: PassOptions, round: number): Promise<CallerRun> {
  const caller = principal.role;
  const base = join(options.reportDir, round === 0 ? caller : `${caller}-${round + 1}`);
  const files = { output: `${base}.txt`, json: `${base}.json` };
  const token = signToken(principal, { secret: DEVELOPMENT_JWT_SECRET, expiresIn: '12h' });
  const args = [
    '--config-file', CONFIG_FILE, 'run', `${options.baseUrl}/api/docs-json`,
    '--max-time', String(options.secondsPerCaller),
    '--seed', String(options.seed),
    '--report', 'json', '--report-json-path', files.json,
    '--no-color',
  ];
  const before = await answeredSoFar(options);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const output = createWriteStream(files.output);
    const child = spawn(program, args, { cwd: options.reportDir, env: { ...process.env, FUZZ_TOKEN: token, FUZZ_AFTER_POSITION: options.afterPosition ?? 'p1.none', PYTHONUNBUFFERED: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(output, { end: false });
    child.stderr.pipe(output, { end: false });
    child.on('error', reject);
    child.on('close', (code) => output.end(() => resolve(code)));
  });
  const byStatusClass = subtractClasses(await answeredSoFar(options), before);
  const printed = readFileSync(files.output, 'utf8');
  const report = readReport(files.json, printed);
  return {
    caller,
    exitCode,
    testCases: report.test_cases.generated,
    requests: sum(Object.values(byStatusClass)),
    byStatusClass,
    failures: report.failures.map((f) => ({ check: `${f.code} ${f.title}`, count: f.count, operations: f.operations })),
    errors: [
      ...report.errors.map((e) => JSON.stringify(e)),
      // A non-zero exit with nothing reported (a bad option, a crash) must not pass for a clean run.
      ...(exitCode !== 0 && report.failures.length === 0 && report.errors.length === 0 ? [`schemathesis exited with ${exitCode}: ${printed.slice(-600)}`] : []),
      // Nor a run whose time went before it generated anything (a budget too small for a busy machine).
      ...(report.test_cases.generated === 0 ? ['schemathesis generated no test case within its time'] : []),
    ],
    outputFile: files.output,
  };
}

interface JsonReport {
  readonly test_cases: { readonly generated: number };
  readonly failures: readonly { readonly code: string; readonly title: string; readonly count: number; readonly operations: readonly string[] }[];
  readonly errors: readonly unknown[];
}

function readReport(file: string, printed: string): JsonReport {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
  } catch (error) {
    // No report: Schemathesis stopped before testing (the document did not load, a bad option).
    throw new Error(`Schemathesis wrote no report (${(error as Error).message}); it printed:\n${printed.slice(-4000)}`);
  }
}

/**
 * The requests the server has answered, by status class, from its own request histogram: every
 * request counts, those of Schemathesis's checks and shrinking too (its reports hold only the
 * cases it kept). /metrics's own requests are left out.
 */
async function answeredSoFar(options: PassOptions): Promise<Record<StatusClass, number>> {
  const response = await fetch(`${options.baseUrl}/metrics`, { headers: { authorization: `Bearer ${options.metricsToken}` } });
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}: the requests cannot be counted`);
  const counts = emptyClasses();
  for (const line of (await response.text()).split('\n')) {
    const sample = /^http_request_duration_seconds_count\{(.*)\} (\d+)$/.exec(line);
    if (sample === null || sample[1]?.includes('route="/metrics"')) continue;
    const status = /status="(\d)\d\d"/.exec(sample[1] ?? '')?.[1];
    if (status !== undefined) counts[`${status}xx` as StatusClass] += Number(sample[2]);
  }
  return counts;
}

function emptyClasses(): Record<StatusClass, number> {
  return { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 };
}

function subtractClasses(after: Readonly<Record<StatusClass, number>>, before: Readonly<Record<StatusClass, number>>): Record<StatusClass, number> {
  const difference = emptyClasses();
  for (const key of Object.keys(difference) as StatusClass[]) difference[key] = after[key] - before[key];
  return difference;
}

function addClasses(all: readonly Readonly<Record<StatusClass, number>>[]): Record<StatusClass, number> {
  const total = emptyClasses();
  for (const classes of all) for (const key of Object.keys(total) as StatusClass[]) total[key] += classes[key];
  return total;
}

function mergeFailures(failures: readonly CheckFailure[]): CheckFailure[] {
  const merged = new Map<string, CheckFailure>();
  for (const failure of failures) {
    const seen = merged.get(failure.check);
    merged.set(failure.check, seen === undefined ? failure : { check: failure.check, count: seen.count + failure.count, operations: [...seen.operations, ...failure.operations] });
  }
  return [...merged.values()].sort((a, b) => b.count - a.count);
}

export function formatClasses(classes: Readonly<Record<StatusClass, number>>): string {
  return (Object.entries(classes) as [StatusClass, number][]).filter(([, n]) => n > 0).map(([key, n]) => `${key} ${n}`).join(', ');
}

/** The counts as `npm run fuzz` and the spec print them. */
export function formatPass(result: PassResult): string {
  const lines = [
    `schemathesis: ${result.requests} requests answered (${result.testCases} test cases) in ${result.runs.length} runs as ${new Set(result.runs.map((r) => r.caller)).size} callers (seed ${result.seed})`,
    `  by status: ${formatClasses(result.byStatusClass)}`,
    ...result.runs.map((r) => `  ${r.caller.padEnd(8)} ${String(r.requests).padStart(6)} requests ${String(r.testCases).padStart(6)} cases  ${formatClasses(r.byStatusClass)}`),
    result.failures.length === 0 ? '  failures: none' : '  failures by check:',
    ...result.failures.map((f) => `    ${f.check}: ${f.count} (${summarise(f.operations)})`),
    ...(result.errors.length === 0 ? [] : ['  errors:', ...result.errors.map((e) => `    ${e}`)]),
  ];
  return lines.join('\n');
}

function summarise(operations: readonly string[]): string {
  const shown = operations.slice(0, 6).join(', ');
  return operations.length > 6 ? `${shown} and ${operations.length - 6} more` : shown;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/** `FUZZ_SEED` repeats a run; otherwise a new seed each time (printed). */
export function seedFromEnvironment(): number {
  const asked = process.env['FUZZ_SEED'];
  if (asked === undefined || asked === '') return randomSeed();
  if (!/^\d+$/.test(asked)) throw new Error(`FUZZ_SEED must be a whole number, not "${asked}"`);
  return Number(asked);
}
