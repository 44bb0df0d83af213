import { ChaosUsageError, parseChaosOptions } from './chaos-options';

describe('npm run chaos options', () => {
  it('take flags over the environment, and default the restarts to about one per 25 rounds', () => {
    const options = parseChaosOptions(['--rounds', '100', '--seed=7', '--pause', '1-5'], { CHAOS_ROUNDS: '3', CHAOS_CLIENTS: '4' });
    expect(options).toEqual({ rounds: 100, seed: 7, clients: 4, durationSeconds: 0, brokerRestarts: 4, databaseRestarts: 4, pauseSeconds: [1, 5], settleSeconds: 300 });
  });

  it('draw a seed when none is given, so each run says which one it ran', () => {
    const { seed } = parseChaosOptions([], {});
    expect(Number.isInteger(seed) && seed > 0).toBe(true);
  });

  it.each([
    [['--rounds', '0'], /--rounds is "0": it must be a whole number of at least 1/],
    [['--clients', 'many'], /--clients is "many"/],
    [['--pause', '9-2'], /--pause is "9-2": it must be MIN-MAX/],
    [['--kill-everything'], /unknown argument "--kill-everything"/],
    [['--seed'], /--seed needs a value/],
    [['--rounds', '2', '--broker-restarts', '2', '--db-restarts', '1'], /may not exceed --rounds \(2\)/],
  ])('refuse %j, naming the flag', (argv, message) => {
    expect(() => parseChaosOptions(argv, {})).toThrow(ChaosUsageError);
    expect(() => parseChaosOptions(argv, {})).toThrow(message);
  });
});
