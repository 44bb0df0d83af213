import type { EventEnvelope } from '@whistle/kernel';
import { SERVICES, streams, type WriteService } from '@whistle/contracts';
import { START, type EventStore, type GlobalPosition } from '@whistle/event-store';
import { caseIdsOf } from '@whistle/read-models';

/** An event as one store holds it, with its place in that store's order. */
export interface StoredEvent {
  readonly service: WriteService;
  readonly position: GlobalPosition;
  readonly event: EventEnvelope;
}

const PAGE = 500;

/**
 * Every event of every store: the stores in a fixed order, each in its own global order. The
 * audit reads the stores themselves, not an index, so that what it reports is what they hold.
 */
export async function readEveryStore(stores: Readonly<Record<WriteService, EventStore>>): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for (const service of SERVICES) {
    for (let from = START; ; ) {
      const page = await stores[service].readAll({ from, maxCount: PAGE });
      const last = page.at(-1);
      if (!last) break;
      for (const { position, event } of page) all.push({ service, position, event });
      from = last.position;
    }
  }
  return all;
}

/**
 * The cases an event concerns. A meeting's own events (opened, attendance, closed) concern none;
 * an event type this version does not know is taken at its envelope's word.
 */
export function casesConcerned(event: EventEnvelope): string[] {
  const named = caseIdsOf(event);
  if (named.length > 0 || streams.meeting.owns(event.streamId)) return named;
  return [event.caseId];
}

/** The streams, each with its events in the order the store holds them. */
export function byStream(events: readonly StoredEvent[]): Map<string, StoredEvent[]> {
  const streams = new Map<string, StoredEvent[]>();
  for (const stored of events) {
    const stream = streams.get(stored.event.streamId);
    if (stream) stream.push(stored);
    else streams.set(stored.event.streamId, [stored]);
  }
  return streams;
}
