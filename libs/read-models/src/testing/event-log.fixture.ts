import { sealBatch, type EventEnvelope } from '@whistle/kernel';
import { loadCatalogue } from '@whistle/catalogue';
import { World } from '@whistle/testing';
import type { Catalogue } from '@whistle/contracts';

export const T0 = '2026-11-21T08:00:00.000Z';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/**
 * What the four services record, sealed into their streams as the event store would: the town's
 * `World` decides every command and reaction from the domains' own definitions, with a clock that
 * moves only when told, and ids that count up so a scenario gives the same events every run.
 */
export class EventLog {
  readonly world: World;
  private readonly sealed: EventEnvelope[] = [];
  private readonly heads = new Map<string, { revision: number; hash: string }>();
  private ids = 0;

  /** The bundled catalogue unless a scenario needs another (see `clockDayCatalogue`). */
  constructor(catalogue: Catalogue = loadCatalogue()) {
    this.world = new World(catalogue, T0, undefined, () => `event-${(this.ids += 1)}`);
  }

  /** every envelope in the order recorded: one valid global order */
  get envelopes(): EventEnvelope[] {
    const recorded = this.world.recorded;
    for (let i = this.sealed.length; i < recorded.length; ) {
      const first = recorded[i]!;
      let j = i + 1;
      while (j < recorded.length && recorded[j]!.batch === first.batch) j += 1;
      const batch = recorded.slice(i, j).map(({ service: _s, streamId: _id, event: _e, batch: _b, ...toAppend }) => toAppend);
      const sealed = sealBatch(first.streamId, batch, this.heads.get(first.streamId) ?? null, first.occurredAt);
      const last = sealed.at(-1);
      if (last) this.heads.set(first.streamId, { revision: last.revision, hash: last.hash });
      this.sealed.push(...sealed);
      i = j;
    }
    return [...this.sealed];
  }

  get now(): string {
    return this.world.now;
  }

  advance(ms: number): void {
    this.world.advance(ms);
  }
}

/**
 * The bundled catalogue with its deadlines in days on the clock (3, 7, 30 and 15 whole days)
 * instead of working days: for a scenario counted by hand in whole days that is not about how
 * deadlines count, so its figures do not hang on where the weekends fall.
 */
export function clockDayCatalogue(): Catalogue {
  const catalogue = loadCatalogue();
  return { ...catalogue, deadlines: { ...catalogue.deadlines, activity: 'P3D', tabling: 'P7D', resolutionTasks: 'P30D', reopenWindow: 'P15D' } };
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
