import type { Actor, Decider, DomainEvent, Reaction, WorkingCalendar, Workflow } from '@whistle/kernel';
import type { Catalogue } from './catalogue';
import type { AnyEvent, StreamKind, WriteService } from './topics';

/**
 * A look-up kept up to date as events arrive instead of found by scanning every stream: the keys
 * each state of one stream kind is filed under (none, to leave it out).
 */
export interface StateIndexDefinition<S = never> {
  readonly stream: StreamKind;
  keysOf(state: S): readonly string[];
}

/** The current state of every stream a context owns: what its look-ups read. */
export interface StateView {
  get<S>(streamId: string): S | undefined;
  /** Every stream of one kind, with its state. */
  entries<S>(kind: StreamKind): Iterable<[streamId: string, state: S]>;
  /** The streams an index files under `key`, with their states: one of the context's `indexes`. */
  indexed<S>(index: StateIndexDefinition<S>, key: string): Iterable<[streamId: string, state: S]>;
}

/** What a context's reactions and timeouts may consult besides the event: the catalogue, the working calendar and the time. */
export interface ContextEnvironment {
  readonly catalogue: Catalogue;
  /** counts the catalogue's deadlines in working days (工作日) */
  readonly calendar: WorkingCalendar;
  readonly now: string;
}

/** One aggregate of a context: the kind of stream it owns and the rules that decide it. */
export interface ContextAggregate<C = unknown, E extends DomainEvent = AnyEvent, S = unknown> {
  readonly stream: StreamKind;
  readonly decider: Decider<C, E, S> | Workflow<C, E, S>;
  /** For a workflow with deadlines: the timeout input that wakes it when one is due. */
  readonly timeout?: (deadlineId: string, env: ContextEnvironment) => C;
}

/**
 * One bounded context, defined once: its aggregates by name (each with its stream kind), the services
 * whose topics it consumes, what it does when their events arrive, and its look-ups over its own
 * states. The running service, the embedded process and the town simulator all read it; none
 * restates it.
 */
export interface BoundedContext<Lookups = unknown> {
  readonly service: WriteService;
  readonly aggregates: Readonly<Record<string, ContextAggregate>>;
  /** The writing services whose topics this context consumes. */
  readonly consumes: readonly WriteService[];
  /** The commands an event from elsewhere calls for, each addressed to a stream one of `aggregates` owns. */
  reactions(event: AnyEvent, view: StateView, env: ContextEnvironment): readonly Reaction<unknown>[];
  /** Look-ups over the context's own states that its commands and reactions share. */
  readonly lookups: Lookups;
  /** The indexes those look-ups read, kept up to date by whoever keeps the states. */
  readonly indexes?: Readonly<Record<string, StateIndexDefinition<never>>>;
}

/** An index over one kind of stream, typed by its aggregate's state. */
export function stateIndex<S>(stream: StreamKind, keysOf: (state: S) => readonly string[]): StateIndexDefinition<S> {
  return { stream, keysOf };
}

/**
 * An aggregate of a context: the stream kind with its decider, typed together. A workflow waits
 * for deadlines, so it must say what input wakes it when one is due.
 */
export function aggregate<C, E extends DomainEvent, S>(
  stream: StreamKind,
  workflow: Workflow<C, E, S>,
  timeout: (deadlineId: string, env: ContextEnvironment) => C,
): ContextAggregate<C, E, S>;
export function aggregate<C, E extends DomainEvent, S>(stream: StreamKind, decider: Decider<C, E, S> & { readonly deadlines?: never }): ContextAggregate<C, E, S>;
export function aggregate<C, E extends DomainEvent, S>(
  stream: StreamKind,
  decider: Decider<C, E, S> | Workflow<C, E, S>,
  timeout?: (deadlineId: string, env: ContextEnvironment) => C,
): ContextAggregate<C, E, S> {
  return { stream, decider, ...(timeout ? { timeout } : {}) };
}

/** A context's aggregates, as a list. */
export function aggregatesOf(context: Pick<BoundedContext, 'aggregates'>): readonly ContextAggregate[] {
  return Object.values(context.aggregates);
}

/** Whether one of the context's aggregates owns `streamId`. */
export function ownsStream(context: Pick<BoundedContext, 'aggregates'>, streamId: string): boolean {
  return aggregatesOf(context).some((a) => a.stream.owns(streamId));
}

/** The aggregate of `context` that owns `streamId`; an unknown stream is a wiring error. */
export function aggregateOwning(context: Pick<BoundedContext, 'service' | 'aggregates'>, streamId: string): ContextAggregate {
  const found = aggregatesOf(context).find((a) => a.stream.owns(streamId));
  if (!found) throw new Error(`no aggregate of ${context.service} owns stream ${streamId}`);
  return found;
}


/** Who records a context's reactions and timeouts: its service, as the system. */
export const systemActor = (service: WriteService): Actor => ({ id: `system:${service}`, role: 'system' });
