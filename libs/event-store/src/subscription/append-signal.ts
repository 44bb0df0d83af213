/**
 * Wakes this instance's idle subscriptions when it appends, so they need not wait for the next
 * poll. A counter rather than a bare callback closes the gap between "read found nothing" and
 * "went to sleep": an append in between makes the sleep return at once.
 */
export class AppendSignal {
  private appends = 0;
  private readonly sleepers = new Set<() => void>();

  get count(): number {
    return this.appends;
  }

  notify(): void {
    this.appends += 1;
    for (const wake of [...this.sleepers]) wake();
  }

  /** Resolves after `ms`, on an append after `seen`, or when `abort` fires, whichever is first. */
  wait(ms: number, seen: number, abort: AbortSignal): Promise<void> {
    if (this.appends !== seen || abort.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        abort.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
      abort.addEventListener('abort', wake, { once: true });
    });
  }
}

/** Resolves after `ms` or as soon as `abort` fires. */
export function delay(ms: number, abort: AbortSignal): Promise<void> {
  if (abort.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      abort.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    abort.addEventListener('abort', done, { once: true });
  });
}
