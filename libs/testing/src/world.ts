import { randomUUID } from 'node:crypto';
import { ManualClock, isAtOrAfter, type Actor, type Decider, type DomainEvent, type EventToAppend, type WorkingCalendar, type Workflow } from '@whistle/kernel';
import { loadWorkingCalendar } from '@whistle/catalogue';
import {
  aggregateOwning,
  ownsStream,
  systemActor,
  caseIdOf,
  ownerOf,
  type AnyEvent,
  type BoundedContext,
  type Catalogue,
  type ContextAggregate,
  type ContextEnvironment,
  type StateIndexDefinition,
  type StateView,
  type StreamKind,
  type WriteService,
} from '@whistle/contracts';
import { intakeContext } from '@whistle/intake-domain';
import { escalationContext } from '@whistle/escalation-domain';
import { adjudicationContext } from '@whistle/adjudication-domain';
import { enforcementContext } from '@whistle/enforcement-domain';
import { supervisionContext } from '@whistle/supervision-domain';

/** The five bounded contexts, each as its domain defines it once. */
export const CONTEXTS: readonly BoundedContext[] = [intakeContext, escalationContext, adjudicationContext, enforcementContext, supervisionContext];

/** One event as a service would record it: what the store is given to append, and where. */
export interface RecordedEvent extends EventToAppend {
  readonly service: WriteService;
  readonly streamId: string;
  readonly event: AnyEvent;
  /** the events of one decision share it: the service appends them together */
  readonly batch: number;
}

export const SYSTEM: Actor = { id: 'system', role: 'system' };

type AnyDecider = Decider<unknown, DomainEvent, unknown> | Workflow<unknown, DomainEvent, unknown>;

/** Which due deadlines to fire: of one case's streams, of one stream, and/or one deadline by its id. */
export interface DeadlineFilter {
  readonly caseId?: string;
  readonly streamId?: string;
  readonly deadlineId?: string;
}

/** A deadline that came due: the stream it woke, its id and when it was due. */
export interface FiredDeadline {
  readonly streamId: string;
  readonly deadlineId: string;
  readonly dueAt: string;
}

/** One recorded event waiting to reach one consuming context, as it waits on that context's subscription. */
interface Delivery {
  readonly to: BoundedContext;
  readonly event: RecordedEvent;
}

/**
 * The town in memory, built from the five contexts' own definitions and nothing else: a command
 * goes to the aggregate that owns its stream (`aggregateOwning`), every recorded event is
 * delivered, in the order recorded, to the reactions of each context that consumes its owner's
 * topic, with a view of that context's own states, and due deadlines wake each workflow through
 * its aggregate's `timeout`, exactly as the services do. The clock moves only when told. Pure:
 * what it records is in `recorded`, for whoever wants to put it into real stores.
 *
 * Delivery is synchronous unless held: `hold` (or `held`) keeps a context's deliveries waiting, as
 * a consumer that lags behind the bus does, while commands and deadlines are still decided and
 * recorded; `release` delivers what waited, in the order recorded. So a scenario can show an
 * interleaving the real, asynchronous bus allows, with the real deciders and reactions.
 */
export class World {
  /** every stream's events, in order */
  readonly streams = new Map<string, AnyEvent[]>();
  /** every event in the order it was recorded: one valid order of delivery on the bus */
  readonly recorded: RecordedEvent[] = [];
  readonly clock: { now(): string; advance(ms: number): void };
  private readonly states = new Map<string, unknown>();
  /** what is yet to be delivered, each event once per consuming context, in the order recorded */
  private readonly queue: Delivery[] = [];
  /** the services whose deliveries wait until released */
  private readonly holding = new Set<WriteService>();
  private batches = 0;
  /** the working calendar the services would pass in: chinese-days unless a scenario sets its own */
  calendar: WorkingCalendar = loadWorkingCalendar();

  constructor(
    readonly catalogue: Catalogue,
    clock: string | { now(): string; advance(ms: number): void },
    readonly contexts: readonly BoundedContext[] = CONTEXTS,
    /** where event and correlation ids come from: random unless a scenario wants them to repeat */
    private readonly newId: () => string = randomUUID,
  ) {
    this.clock = typeof clock === 'string' ? new ManualClock(clock) : clock;
  }

  get now(): string {
    return this.clock.now();
  }

  /** The catalogue's deadlines with the calendar that counts those in working days, as a whistle's commands carry them. */
  get deadlines(): Catalogue['deadlines'] & { readonly calendar: WorkingCalendar } {
    return { ...this.catalogue.deadlines, calendar: this.calendar };
  }

  get knownUnits(): string[] {
    return this.catalogue.units.map((u) => u.id);
  }

  /** what every stream of the world is recorded as: stream id with its events, in order */
  get log(): { streamId: string; event: AnyEvent }[] {
    return this.recorded.map(({ streamId, event }) => ({ streamId, event }));
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }

  /** The context that writes a stream, and its aggregate that owns it. */
  owning(streamId: string): { context: BoundedContext; aggregate: ContextAggregate } {
    const context = this.contexts.find((c) => ownsStream(c, streamId));
    if (!context) throw new Error(`no context owns stream ${streamId}`);
    return { context, aggregate: aggregateOwning(context, streamId) };
  }

  state<S = unknown>(streamId: string): S {
    return (this.states.get(streamId) ?? this.decider(streamId).initialState) as S;
  }

  /** The states a context's look-ups read: those of its own aggregates' streams. */
  view(context: BoundedContext): StateView {
    const owned = (streamId: string) => ownsStream(context, streamId);
    const states = this.states;
    return {
      get: <S>(streamId: string) => (owned(streamId) ? (states.get(streamId) as S | undefined) : undefined),
      *entries<S>(kind: StreamKind): IterableIterator<[string, S]> {
        for (const [streamId, state] of states) if (kind.owns(streamId) && owned(streamId)) yield [streamId, state as S];
      },
      // The simulator answers an index by scanning what it files: the same answer the services' kept index gives.
      *indexed<S>(index: StateIndexDefinition<S>, key: string): IterableIterator<[string, S]> {
        for (const [streamId, state] of states) {
          if (index.stream.owns(streamId) && owned(streamId) && index.keysOf(state as S).includes(key)) yield [streamId, state as S];
        }
      },
    };
  }

  environment(): ContextEnvironment {
    return { catalogue: this.catalogue, calendar: this.calendar, now: this.now };
  }

  /** Decides a command on a stream, records its events, then lets every reaction run. */
  run(streamId: string, command: unknown, actor: Actor = SYSTEM): AnyEvent[] {
    const events = this.apply(streamId, command, { actor });
    this.settle();
    return events;
  }

  /** Delivers a recorded event to every consuming context again, as an at-least-once bus may. */
  redeliver(event: AnyEvent): void {
    const original = this.recorded.find((r) => r.event === event);
    if (!original) throw new Error(`${event.type} was never recorded here`);
    this.enqueue(original);
    this.settle();
  }

  /**
   * From now on, events reach these services' reactions (every service's, if none is named) only
   * when released, as if their consumers lagged behind the bus: commands and deadlines are still
   * decided and recorded, and what the other services react to is delivered as before.
   */
  hold(...services: WriteService[]): void {
    for (const service of services.length > 0 ? services : this.contexts.map((c) => c.service)) this.holding.add(service);
  }

  /** The held services (all, if none is named) catch up: what waited is delivered in the order recorded, with what follows from it. */
  release(...services: WriteService[]): void {
    if (services.length === 0) this.holding.clear();
    for (const service of services) this.holding.delete(service);
    this.settle();
  }

  /**
   * Every workflow deadline due now comes due, as each service's scheduler would fire it; only
   * those the filter names, if given (a string is a case id): of one case's streams, of one
   * stream, or one deadline by its id. Returns the deadlines fired.
   */
  fireDueDeadlines(filter: string | DeadlineFilter = {}): FiredDeadline[] {
    const { caseId, streamId: onlyStream, deadlineId }: DeadlineFilter = typeof filter === 'string' ? { caseId: filter } : filter;
    const fired: FiredDeadline[] = [];
    for (const streamId of [...this.streams.keys()]) {
      if (onlyStream !== undefined && streamId !== onlyStream) continue;
      if (caseId !== undefined && !this.streams.get(streamId)?.some((e) => caseIdOf(e) === caseId)) continue;
      const { context, aggregate } = this.owning(streamId);
      const { decider, timeout } = aggregate;
      if (!timeout || !('deadlines' in decider)) continue;
      for (const deadline of decider.deadlines(this.state(streamId))) {
        if (deadlineId !== undefined && deadline.id !== deadlineId) continue;
        if (!isAtOrAfter(this.now, deadline.dueAt)) continue;
        this.apply(streamId, timeout(deadline.id, this.environment()), {
          actor: systemActor(context.service),
          correlationId: `deadline:${streamId}:${deadline.id}`,
          service: context.service,
        });
        fired.push({ streamId, deadlineId: deadline.id, dueAt: deadline.dueAt });
      }
    }
    this.settle();
    return fired;
  }

  /** The events of every stream of a kind (or whose id starts with a prefix), in the order recorded. */
  eventsOf(kind: StreamKind | string): AnyEvent[] {
    const owns = typeof kind === 'string' ? (id: string) => id.startsWith(kind) : kind.owns;
    return this.recorded.filter((r) => owns(r.streamId)).map((r) => r.event);
  }

  /** The ids of every stream of a kind that has events. */
  streamIds(kind: StreamKind): string[] {
    return [...this.streams.keys()].filter((id) => kind.owns(id));
  }

  private decider(streamId: string): AnyDecider {
    return this.owning(streamId).aggregate.decider as AnyDecider;
  }

  private apply(streamId: string, command: unknown, meta: { actor: Actor; correlationId?: string; cause?: RecordedEvent; service?: WriteService }): AnyEvent[] {
    const { context, aggregate } = this.owning(streamId);
    const decider = aggregate.decider as AnyDecider;
    const events = decider.decide(command, this.state(streamId)) as AnyEvent[];
    if (events.length === 0) return events;
    const correlationId = meta.cause?.correlationId ?? meta.correlationId ?? this.newId();
    let state = this.state(streamId);
    const batch = (this.batches += 1);
    for (const event of events) {
      state = decider.evolve(state, event);
      const recorded: RecordedEvent = {
        service: context.service,
        streamId,
        event,
        batch,
        eventId: this.newId(),
        type: event.type,
        data: event.data,
        caseId: caseIdOf(event) || streamId,
        occurredAt: this.now,
        actor: meta.actor,
        correlationId,
        causationId: meta.cause?.eventId ?? null,
      };
      this.recorded.push(recorded);
      this.enqueue(recorded);
    }
    this.states.set(streamId, state);
    this.streams.set(streamId, [...(this.streams.get(streamId) ?? []), ...events]);
    return events;
  }

  /** The event waits for each context that consumes its owner's topic. */
  private enqueue(event: RecordedEvent): void {
    const owner = ownerOf(event.type);
    if (owner === undefined) return;
    for (const context of this.contexts) if (context.consumes.includes(owner)) this.queue.push({ to: context, event });
  }

  /**
   * Delivers each waiting event, in the order recorded, to the contexts that consume its owner's
   * topic; what a held service is to receive stays queued, in its order, until released.
   */
  private settle(): void {
    for (let i = this.queue.findIndex(this.deliverable); i !== -1; i = this.queue.findIndex(this.deliverable)) {
      const [{ to: context, event }] = this.queue.splice(i, 1) as [Delivery];
      for (const reaction of context.reactions(event.event, this.view(context), this.environment())) {
        if (!ownsStream(context, reaction.streamId)) throw new Error(`${context.service} reacted on ${reaction.streamId}, a stream it does not own`);
        this.apply(reaction.streamId, reaction.command, { actor: systemActor(context.service), cause: event });
      }
    }
  }

  private readonly deliverable = (delivery: Delivery): boolean => !this.holding.has(delivery.to.service);
}
