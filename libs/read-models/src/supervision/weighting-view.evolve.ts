import { WEIGHTING_ID } from '@whistle/contracts';
import type { EventEnvelope } from '@whistle/kernel';
import { guarded, supervisionEvent } from './supervision-events';
import type { WeightingView } from './supervision-views';

/** The office's one weighting document. */
export function weightingIdsOf(envelope: EventEnvelope): string[] {
  return supervisionEvent(envelope)?.type === 'supervision.WeightingSet.v1' ? [WEIGHTING_ID] : [];
}

/** Each weighting set joins the history in the order set, which `weightingFor` reads. */
export function evolveWeightingView(view: WeightingView | undefined, envelope: EventEnvelope): WeightingView | undefined {
  const event = supervisionEvent(envelope);
  if (event?.type !== 'supervision.WeightingSet.v1') return undefined;
  return guarded(view, envelope, (current) => {
    const base = current ?? { id: WEIGHTING_ID, version: 0, revisions: [], history: [] };
    if (base.history.some((w) => w.weightingId === event.data.weightingId)) return current;
    return { ...base, history: [...base.history, { ...event.data, eventId: envelope.eventId }] };
  });
}
