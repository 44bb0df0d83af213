/**
 * Wakes whoever waits for something to change (a consumer handled more, a view was written): each
 * `next` resolves at the following `notify`, or when its time is up, whichever comes first. Take
 * `next` before looking at what it guards, so that a change in between is not missed.
 */
export class ChangeSignal {
  private readonly waiting = new Set<() => void>();

  notify(): void {
    const woken = [...this.waiting];
    this.waiting.clear();
    for (const wake of woken) wake();
  }

  /** Resolves (never rejects) at the next `notify`, or after `timeoutMs`. */
  next(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, timeoutMs));
      // A waiter must not keep a stopping process alive.
      timer.unref();
      this.waiting.add(wake);
    });
  }

  /** How many are waiting now (for tests and leaks). */
  get waiters(): number {
    return this.waiting.size;
  }
}
