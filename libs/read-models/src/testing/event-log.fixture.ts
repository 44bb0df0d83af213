import { sealBatch, type Actor, type EventEnvelope } from '@whistle/kernel';
import type { AnyEvent } from '@whistle/contracts';

export const T0 = '2026-11-21T08:00:00.000Z';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

const SYSTEM: Actor = { id: 'system', role: 'system' };

/** Events sealed into their streams as the event store would, with a clock that moves only when told. */
export class EventLog {
  /** every envelope in the order appended: one valid global order */
  readonly envelopes: EventEnvelope[] = [];
  private readonly heads = new Map<string, { revision: number; hash: string }>();
  private ms = Date.parse(T0);
  private ids = 0;

  get now(): string {
    return new Date(this.ms).toISOString();
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  append(streamId: string, ...events: AnyEvent[]): EventEnvelope[] {
    const toAppend = events.map((event) => ({
      eventId: `event-${(this.ids += 1)}`,
      type: event.type,
      data: event.data,
      caseId: 'caseId' in event.data ? event.data.caseId : event.data.meetingId,
      occurredAt: this.now,
      actor: SYSTEM,
      correlationId: `correlation-${this.ids}`,
      causationId: null,
    }));
    const sealed = sealBatch(streamId, toAppend, this.heads.get(streamId) ?? null, this.now);
    const last = sealed.at(-1);
    if (last) this.heads.set(streamId, { revision: last.revision, hash: last.hash });
    this.envelopes.push(...sealed);
    return sealed;
  }
}

/** The envelopes grouped by stream, each stream in its own order. */
export function byStream(envelopes: readonly EventEnvelope[]): EventEnvelope[][] {
  const streams = new Map<string, EventEnvelope[]>();
  for (const e of envelopes) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
  return [...streams.values()];
}

/** A random interleaving of the streams that keeps each stream's own order (seeded, so a failure repeats). */
export function interleave(streams: readonly EventEnvelope[][], seed: number): EventEnvelope[] {
  const queues = streams.map((s) => [...s]);
  const out: EventEnvelope[] = [];
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  for (let open = queues.filter((q) => q.length > 0); open.length > 0; open = queues.filter((q) => q.length > 0)) {
    const queue = open[Math.floor(random() * open.length)];
    const next = queue?.shift();
    if (next) out.push(next);
  }
  return out;
}
