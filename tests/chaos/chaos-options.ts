import { randomInt } from 'node:crypto';

export interface ChaosOptions {
  /** How many services are killed (SIGKILL) and started again: the run's rounds. */
  readonly rounds: number;
  readonly seed: number;
  /** Load clients, each driving one full case after another. */
  readonly clients: number;
  /** The fault phase ends after this many seconds even if rounds remain (0: no limit). */
  readonly durationSeconds: number;
  /** How many times the broker (Kafka) is stopped and started again, at random rounds. */
  readonly brokerRestarts: number;
  /** How many times a database (PostgreSQL, which also backs FerretDB, or FerretDB alone) is stopped and started again, at random rounds. */
  readonly databaseRestarts: number;
  /** The pause before each fault, drawn between these (seconds). */
  readonly pauseSeconds: readonly [number, number];
  /** How long the system may take to settle after the last fault before a missing effect counts as lost. */
  readonly settleSeconds: number;
}

const HELP = `npm run chaos -- [--rounds N] [--seed N] [--clients N] [--duration S] [--broker-restarts N] [--db-restarts N] [--pause MIN-MAX] [--settle S]
  each also from the environment: CHAOS_ROUNDS, CHAOS_SEED, CHAOS_CLIENTS, CHAOS_DURATION, CHAOS_BROKER_RESTARTS,
  CHAOS_DB_RESTARTS, CHAOS_PAUSE, CHAOS_SETTLE (a flag wins over the environment)`;

const FLAGS: Record<string, string> = {
  rounds: 'CHAOS_ROUNDS',
  seed: 'CHAOS_SEED',
  clients: 'CHAOS_CLIENTS',
  duration: 'CHAOS_DURATION',
  'broker-restarts': 'CHAOS_BROKER_RESTARTS',
  'db-restarts': 'CHAOS_DB_RESTARTS',
  pause: 'CHAOS_PAUSE',
  settle: 'CHAOS_SETTLE',
};

export class ChaosUsageError extends Error {
  constructor(message: string) {
    super(`${message}\n${HELP}`);
  }
}

function whole(name: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min) throw new ChaosUsageError(`--${name} is "${text}": it must be a whole number of at least ${min}`);
  return Number(text);
}

/** The options from the command line and the environment; bad values are refused, naming the flag. */
export function parseChaosOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ChaosOptions {
  const given = new Map<string, string>();
  for (const [flag, variable] of Object.entries(FLAGS)) {
    const value = env[variable];
    if (value !== undefined && value !== '') given.set(flag, value);
  }
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') throw new ChaosUsageError('usage:');
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !(match[1]! in FLAGS)) throw new ChaosUsageError(`unknown argument "${arg}"`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new ChaosUsageError(`--${match[1]} needs a value`);
    given.set(match[1]!, value);
  }
  const rounds = whole('rounds', given.get('rounds') ?? '20', 1);
  // A restart of each at least once in any run, and about one per 25 kills in long runs.
  const restarts = Math.max(1, Math.round(rounds / 25));
  const pause = given.get('pause') ?? '3-12';
  const range = /^(\d+)-(\d+)$/.exec(pause);
  if (!range || Number(range[1]) > Number(range[2])) throw new ChaosUsageError(`--pause is "${pause}": it must be MIN-MAX in whole seconds, MIN at most MAX`);
  const options: ChaosOptions = {
    rounds,
    seed: whole('seed', given.get('seed') ?? String(randomInt(1, 2 ** 31)), 0),
    clients: whole('clients', given.get('clients') ?? '3', 1),
    durationSeconds: whole('duration', given.get('duration') ?? '0', 0),
    brokerRestarts: whole('broker-restarts', given.get('broker-restarts') ?? String(restarts), 0),
    databaseRestarts: whole('db-restarts', given.get('db-restarts') ?? String(restarts), 0),
    pauseSeconds: [Number(range[1]), Number(range[2])],
    settleSeconds: whole('settle', given.get('settle') ?? '300', 10),
  };
  if (options.brokerRestarts + options.databaseRestarts > options.rounds) {
    throw new ChaosUsageError(`--broker-restarts and --db-restarts (${options.brokerRestarts + options.databaseRestarts}) may not exceed --rounds (${options.rounds}): each happens in a round of its own`);
  }
  return options;
}
