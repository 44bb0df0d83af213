import type { EventEnvelope } from '@whistle/kernel';
import { SERVICES, streams, type WriteService } from '@whistle/contracts';
import { START, type EventStore, type GlobalPosition } from '@whistle/event-store';

/** An event as one store holds it, with its place in that store's order. */
export interface StoredEvent {
  readonly service: WriteService;
  readonly position: GlobalPosition;
  readonly event: EventEnvelope;
}

const PAGE = 500;

/**
 * Every event of every store: the stores in a fixed order, each in its own global order. The
 * audit reads the stores themselves, not a copy, so that what it reports is what they hold. For
 * the whole system's verification and the ledger's first start; one case reads readCaseStreams.
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
 * The events of every stream that may concern the case, read whole from the stores themselves
 * (so each chain can be checked): the streams each store files under the case (its index on the
 * events' case id: the case's own streams, its tasks, the meetings that tabled or resolved it),
 * those the audit's ledger linked to the case as it heard them (a stream whose events are gone
 * from its store, a meeting whose agenda names the case), and the meetings the case's events name
 * (an agenda names the case only in the meeting's own first event, filed under the meeting).
 * Every store is asked for every stream, so a stream that turned up in another service's store is
 * read too, as a read of every store would find it. What it costs follows the case's streams,
 * not the stores. In readEveryStore's order: the stores in turn, each in its own global order.
 */
export async function readCaseStreams(stores: Readonly<Record<WriteService, EventStore>>, caseId: string, linked: readonly string[]): Promise<StoredEvent[]> {
  const indexed = await Promise.all(SERVICES.map((service) => stores[service].streamsOfCase(caseId)));
  const wanted = new Set([...indexed.flat(), ...linked]);
  const stored = await readStreamsOfEveryStore(stores, [...wanted]);
  const meetings = new Set(stored.flatMap(({ event }) => meetingNamedBy(event)).filter((id) => !wanted.has(id)));
  if (meetings.size > 0) stored.push(...(await readStreamsOfEveryStore(stores, [...meetings])));
  return stored.sort((a, b) => SERVICES.indexOf(a.service) - SERVICES.indexOf(b.service) || (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
}

async function readStreamsOfEveryStore(stores: Readonly<Record<WriteService, EventStore>>, streamIds: readonly string[]): Promise<StoredEvent[]> {
  if (streamIds.length === 0) return [];
  const read = await Promise.all(SERVICES.map(async (service) => (await stores[service].readStreams(streamIds)).map(({ position, event }) => ({ service, position, event }))));
  return read.flat();
}

/** The meeting stream an event names in its data (a tabling, a resolution, a deferral), if any. */
function meetingNamedBy(event: EventEnvelope): string[] {
  const meetingId = typeof event.data === 'object' && event.data !== null ? (event.data as { meetingId?: unknown }).meetingId : undefined;
  return typeof meetingId === 'string' && meetingId !== '' ? [streams.meeting(meetingId)] : [];
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
