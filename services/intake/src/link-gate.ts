const settle = (): undefined => undefined;

/**
 * Links and merges by hand go one at a time and alone; reports go together, between them (a
 * readers–writer lock, 读写锁, on the links between cases).
 *
 * A link or merge decides on another case's stream than the one it writes, which the store's
 * revision check does not guard: two at once in opposite directions could form a cycle, and one
 * made while a report is being linked to its case could make the report a second link of a chain.
 * Reports cannot harm each other so: a report links only to the earliest open case, and never
 * makes a case a duplicate, so any number may be decided at once. Each waits only for the links and
 * merges asked for before it; a link or merge waits for everything asked for before it.
 */
export class LinkGate {
  private lastAlone: Promise<unknown> = Promise.resolve();
  private readonly together = new Set<Promise<unknown>>();

  /** Runs `work` beside others run `together`, after every `alone` asked for before it. */
  runTogether<T>(work: () => Promise<T>): Promise<T> {
    const result = this.lastAlone.then(work);
    const done = result.then(settle, settle);
    this.together.add(done);
    void done.then(() => this.together.delete(done));
    return result;
  }

  /** Runs `work` once everything asked for before it has finished, and nothing else meanwhile. */
  runAlone<T>(work: () => Promise<T>): Promise<T> {
    const result = Promise.all([this.lastAlone, ...this.together]).then(work);
    this.lastAlone = result.then(settle, settle);
    return result;
  }
}
