import { sourceOf, type CaseAdjudicationEvent, type EvaluationEvent, type EventSource, type EscalationEvent, type IntakeEvent, type MeetingEvent, type PublicityEvent, type TaskEvent } from '@whistle/contracts';
import type { EventEnvelope } from '@whistle/kernel';

/** An event with the aggregate that wrote it (the contracts' EVENT_SOURCES), typed as that aggregate's events. */
export type SourcedEvent =
  | { readonly source: 'intake'; readonly event: IntakeEvent }
  | { readonly source: 'escalation'; readonly event: EscalationEvent }
  | { readonly source: 'task'; readonly event: TaskEvent }
  | { readonly source: 'publicity'; readonly event: PublicityEvent }
  | { readonly source: 'case_adjudication'; readonly event: CaseAdjudicationEvent }
  | { readonly source: 'meeting'; readonly event: MeetingEvent }
  | { readonly source: 'evaluation'; readonly event: EvaluationEvent };

/**
 * Whether a source's events belong to a case's record; a Record, so a new source must be placed.
 * A task's evaluation names its case and is part of its history; firms, assessments, weightings
 * and notices are not any case's. Who read a reporter in full is the audit's to list, not the case view's.
 */
const OF_CASES: Readonly<Record<EventSource, boolean>> = {
  intake: true,
  personal_data_access: false,
  escalation: true,
  task: true,
  publicity: true,
  case_adjudication: true,
  meeting: true,
  evaluation: true,
  firm: false,
  assessment: false,
  weighting: false,
  notices: false,
  compound: false,
  catalogue: false,
};

/**
 * The envelope's event as a typed contract event with its source, or undefined for a type this
 * version does not know (a newer version's event is left alone rather than misread), and for
 * supervision's events that are no case's.
 */
export function sourced(envelope: EventEnvelope): SourcedEvent | undefined {
  const source = sourceOf(envelope.type);
  if (source === undefined || !OF_CASES[source]) return undefined;
  return { source, event: { type: envelope.type, data: envelope.data } } as SourcedEvent;
}
