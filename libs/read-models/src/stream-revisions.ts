import type { EventEnvelope } from '@whistle/kernel';

/**
 * The last revision a view applied from one stream. A list rather than a map keyed by stream id,
 * because stream ids hold dots (`task-<whistleId>.<unitId>`) and FerretDB refuses dotted keys.
 */
export interface StreamRevision {
  readonly streamId: string;
  readonly revision: number;
}

/** Events come in order within a stream but at least once: one at or below the last applied is a redelivery. */
export function alreadyApplied(revisions: readonly StreamRevision[], event: EventEnvelope): boolean {
  const last = revisions.find((r) => r.streamId === event.streamId);
  return last !== undefined && event.revision <= last.revision;
}

/** Sorted by stream id, so the list does not depend on the order the streams were met in. */
export function withRevision(revisions: readonly StreamRevision[], event: EventEnvelope): StreamRevision[] {
  const others = revisions.filter((r) => r.streamId !== event.streamId);
  return [...others, { streamId: event.streamId, revision: event.revision }].sort((a, b) => (a.streamId < b.streamId ? -1 : 1));
}

/** The later of two instants, compared as instants so that offsets do not matter. */
export function later(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}
