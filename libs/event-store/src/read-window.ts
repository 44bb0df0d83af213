import type { ReadAllOptions, ReadStreamOptions } from './event-store.port';

/** Read options checked once for every adapter: counts are whole numbers, revisions start at 0. */
export function streamWindow(options: ReadStreamOptions | undefined): { fromRevision: number; maxCount: number } {
  const fromRevision = options?.fromRevision ?? 0;
  const maxCount = options?.maxCount ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(fromRevision) || fromRevision < 0) throw new RangeError(`fromRevision ${fromRevision} is not a revision`);
  assertCount(maxCount);
  return { fromRevision, maxCount };
}

export function assertReadAll(options: ReadAllOptions): void {
  assertCount(options.maxCount);
}

function assertCount(maxCount: number): void {
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) throw new RangeError(`maxCount ${maxCount} is not a count`);
}
