/** How a failing delivery is tried again: `attempts` tries in all, then the dead letter. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * The wait after failed try number `attempt` (1-based): doubling from the initial delay up to the
 * cap, then "equal jitter" (half of it fixed, half random) so receivers that come back are not
 * hit by every sender at the same instant, while the wait never shrinks to nothing.
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** After a failed try: wait and try again, or, the budget spent, the dead letter. */
export function afterFailure(attemptsInRound: number, policy: RetryPolicy, random: () => number): { readonly dead: true } | { readonly dead: false; readonly delayMs: number } {
  return attemptsInRound >= policy.attempts ? { dead: true } : { dead: false, delayMs: retryDelayMs(attemptsInRound, policy, random) };
}
