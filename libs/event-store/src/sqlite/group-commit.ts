import type Database from 'better-sqlite3';

interface Pending {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/**
 * Group commit (组提交): the writes asked for while the event loop is busy share one IMMEDIATE
 * transaction, and so one fsync, at the next turn. Each write runs in a savepoint of its own, so
 * one that fails (a stale expected revision, a taken event id) is rolled back alone and rejects
 * alone while the others commit. No write's promise resolves before the shared COMMIT has
 * returned, so with synchronous=FULL every acknowledged write is on disk.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private readonly commitAll: { immediate(batch: readonly Pending[]): Outcome[] };
  private readonly commitOne: { immediate(work: () => unknown): unknown };

  constructor(
    private readonly db: Database.Database,
    /** Called after each COMMIT that carried at least one write that succeeded. */
    private readonly committed: () => void,
  ) {
    const inSavepoint = db.transaction((work: () => unknown) => work());
    // A write alone needs no savepoint: if it fails, rolling back the transaction undoes only it.
    this.commitOne = inSavepoint;
    this.commitAll = db.transaction((batch: readonly Pending[]): Outcome[] =>
      batch.map((pending): Outcome => {
        // A failure SQLite cannot confine to its savepoint (disk full, I/O) ends the whole
        // transaction: what follows must not run outside it, and the COMMIT then rejects them all.
        if (!db.inTransaction) return { ok: false, error: new Error('the shared transaction was rolled back by a failed write before this one; nothing of it was recorded') };
        try {
          return { ok: true, value: inSavepoint(pending.work) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  /** Runs `work` inside the next shared transaction; resolves with its result once committed. */
  submit<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is queued now; a store calls it before it closes. */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    let outcomes: Outcome[];
    try {
      if (!this.db.open) throw new Error('the database was closed before its queued writes were committed');
      outcomes = batch.length === 1 ? [this.alone(batch[0] as Pending)] : this.commitAll.immediate(batch);
    } catch (error) {
      // The COMMIT itself failed (disk full, I/O error): nothing of the batch was written.
      for (const pending of batch) pending.reject(error);
      return;
    }
    if (outcomes.some((o) => o.ok)) this.committed();
    outcomes.forEach((outcome, i) => {
      const pending = batch[i];
      if (!pending) return;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }

  private alone(pending: Pending): Outcome {
    try {
      return { ok: true, value: this.commitOne.immediate(pending.work) };
    } catch (error) {
      return { ok: false, error };
    }
  }
}
