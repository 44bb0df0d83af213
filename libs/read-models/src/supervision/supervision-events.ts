import { ownerOf, sourceOf, type SupervisionEvent } from '@whistle/contracts';
import type { EventEnvelope } from '@whistle/kernel';
import { alreadyApplied, withRevision, type StreamRevision } from '../stream-revisions';

/** The envelope's event as a supervision contract event, or undefined for any other (or a type this version does not know). */
export function supervisionEvent(envelope: EventEnvelope): SupervisionEvent | undefined {
  if (ownerOf(envelope.type) !== 'supervision' || sourceOf(envelope.type) === undefined) return undefined;
  return { type: envelope.type, data: envelope.data } as SupervisionEvent;
}

/**
 * The document with the event applied by `apply`, its version and the event's stream revision
 * moved on; the same document for a redelivery (at or below the revision it applied) or when
 * `apply` changes nothing, undefined when there is no document and `apply` makes none.
 */
export function guarded<D extends { readonly version: number; readonly revisions: readonly StreamRevision[] }>(
  doc: D | undefined,
  envelope: EventEnvelope,
  apply: (doc: D | undefined) => D | undefined,
): D | undefined {
  if (doc && alreadyApplied(doc.revisions, envelope)) return doc;
  const next = apply(doc);
  if (next === undefined || next === doc) return doc;
  return { ...next, version: (doc?.version ?? 0) + 1, revisions: withRevision(doc?.revisions ?? [], envelope) };
}

/** Two decimals, as the published totals are. */
export const twoDecimals = (value: number): number => Math.round((value + Number.EPSILON) * 100) / 100;
