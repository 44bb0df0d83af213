import type { Clock, DomainEvent, EventEnvelope, IdSource, WorkingCalendar } from '@whistle/kernel';
import type { CatalogueListName, ContextAggregate } from '@whistle/contracts';
import type { CatalogueIndex } from '@whistle/catalogue';
import { actorOf, type Principal } from '@whistle/auth';
import type { CommandContext, Handled } from './command-loop';
import { currentCorrelationId } from './correlation';
import { currentIdempotency } from './idempotency';
import { NotFound, NotYetKnown, PositionNotReached } from './errors';
import { currentConsistency, encodePosition, positionOf } from './positions';
import type { ServiceRuntime } from './service-runtime';

/** The context of a person's command over HTTP: the caller as actor, the request's correlation id and Idempotency-Key. */
export function httpContext(principal: Principal, now: string, expectedRevision?: number): CommandContext {
  const idempotency = currentIdempotency();
  return {
    actor: actorOf(principal),
    correlationId: currentCorrelationId() ?? `uncorrelated-${now}`,
    causationId: null,
    now,
    ...(expectedRevision === undefined ? {} : { expectedRevision }),
    ...(idempotency === undefined ? {} : { idempotency }),
  };
}

/**
 * What every command answers (API.md): the id, the stream's revision, the event types recorded,
 * and its position: send it back as After-Position, and a read (or another service's command)
 * answers only once it reflects this command. The HTTP layer also puts it in a Position header.
 */
export interface CommandResponse {
  readonly id: string;
  readonly revision: number;
  readonly events: string[];
  /** null only for a command that left its stream without any event */
  readonly position: string | null;
}

/** The answer to a handled command; `last` is the stream's last event when the command recorded none. */
export function commandResponse(id: string, handled: Handled, last: EventEnvelope | null = null): CommandResponse {
  const at = handled.events.at(-1) ?? last;
  const position = at ? positionOf(at) : null;
  return { id, revision: handled.revision, events: handled.events.map((event) => event.type), position: position ? encodePosition(position) : null };
}

/**
 * A value a command minted for its events (an id its answer names): for a replay under an
 * Idempotency-Key, the one its first attempt recorded in the events' data, since this attempt's
 * fresh one names nothing.
 */
export function mintedOf(handled: Handled, field: string, fresh: string): string {
  if (!handled.replayed) return fresh;
  const recorded = handled.events.map((event) => (event.data as Record<string, unknown> | null)?.[field]).find((value) => typeof value === 'string');
  return typeof recorded === 'string' ? recorded : fresh;
}

/**
 * How long after a request came an event its source had already recorded may still be on its way
 * (the source's relay publishing it, the bus delivering it): before that a service that does not
 * know an id cannot say it never will.
 */
export const RELAY_GRACE_MS = 1_000;

/** Everything a writing service's commands work with. */
export interface WriterDependencies {
  readonly runtime: ServiceRuntime;
  readonly catalogue: CatalogueIndex;
  /** counts the catalogue's deadlines in working days */
  readonly calendar: WorkingCalendar;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** What the writer may ask the read side; none where the host has none (a service's own tests). */
  readonly readSide?: ReadSideLookups;
}

/** The read side's answers a writer asks for: the open cases a catalogue change (目录变更) concerns. */
export interface ReadSideLookups {
  openCasesUsing(list: CatalogueListName, id: string): Promise<{ readonly caseIds: readonly string[]; readonly total: number }>;
}

/** The injection token of a writer's dependencies inside its own HTTP module. */
export const WRITER = Symbol('WRITER');

/**
 * What every writing service's commands share: wait for the request's After-Position, find the
 * state a command is about (404 when its stream has not begun; "not yet known" while it may still
 * be on its way from another service), then run the command on that stream as the caller, at the
 * time it came, and answer with its position.
 */
export abstract class ContextCommands {
  protected constructor(
    protected readonly runtime: ServiceRuntime,
    protected readonly clock: Clock,
  ) {}

  /**
   * Every event the service recorded is in its state, and, when the request sent an
   * After-Position, what that names has been consumed: PositionNotReached once the request's wait
   * is over.
   */
  protected async caughtUp(): Promise<void> {
    const { after, since, waitMs } = currentConsistency();
    if (after && !(await this.runtime.waitUntilConsumed(after, since + waitMs))) throw new PositionNotReached(this.runtime.service, Date.now() - since);
    await this.runtime.index.settled();
  }

  /**
   * The current state of the aggregate's stream `id`, caught up as `caughtUp` says, if `begun`.
   * Otherwise NotFound(`what`, id); but for streams the service begins when other services' events
   * arrive (`learned`), see `learned`.
   */
  protected async existing<S, T extends S>(
    aggregate: ContextAggregate<unknown, DomainEvent, S>,
    id: string,
    what: string,
    begun: (state: S) => state is T,
    options: { readonly learned?: boolean } = {},
  ): Promise<T> {
    await this.caughtUp();
    const find = (): T | undefined => {
      const state = this.runtime.index.get<S>(aggregate.stream(id));
      return state !== undefined && begun(state) ? state : undefined;
    };
    const found = find();
    if (found !== undefined) return found;
    if (!options.learned) throw new NotFound(what, id);
    return this.learned(find, what, id);
  }

  /**
   * Something the service learns of from other services' events, which `find` does not find yet.
   * The request waits (its wait, Prefer: wait=…) for the consumer to bring it. It is NotFound only
   * once the consumer holds nothing unhandled of its sources at least RELAY_GRACE_MS after the
   * request came (so that an event recorded before the request had time to reach the bus);
   * NotYetKnown when the wait is over before that can be said.
   */
  protected async learned<T>(find: () => T | undefined, what: string, id: string): Promise<T> {
    const { since, waitMs } = currentConsistency();
    const deadline = since + waitMs;
    const graceOver = since + RELAY_GRACE_MS;
    for (;;) {
      const now = Date.now();
      // Woken by the consumer; otherwise at the end of the grace, and then every 500 ms to ask the bus again.
      const more = this.runtime.consumed.next(Math.min(deadline, now < graceOver ? graceOver : now + 500) - now);
      await this.runtime.index.settled();
      const found = find();
      if (found !== undefined) return found;
      if (now >= graceOver && (await this.heardEverything())) {
        await this.runtime.index.settled();
        const last = find();
        if (last !== undefined) return last;
        throw new NotFound(what, id);
      }
      if (Date.now() >= deadline) throw new NotYetKnown(this.runtime.service, what, id);
      await more;
    }
  }

  /** Nothing of its sources waits in the bus for the consumer; a bus that cannot tell counts as not. */
  private async heardEverything(): Promise<boolean> {
    try {
      return (await this.runtime.backlog()) === 0;
    } catch {
      return false;
    }
  }

  /** Runs the command `build` makes at the current time on the aggregate's stream `id`, as the caller, pinned to If-Match when given. */
  protected async execute<C, E extends DomainEvent, S>(
    aggregate: ContextAggregate<C, E, S>,
    id: string,
    principal: Principal,
    ifMatch: number | undefined,
    build: (now: string) => NoInfer<C>,
  ): Promise<CommandResponse> {
    const now = this.clock.now();
    const handled = await this.runtime.run(aggregate, id, build(now), httpContext(principal, now, ifMatch));
    // A command that changed nothing answers with the position of the stream's last event.
    const last = handled.events.length === 0 && handled.revision >= 0 ? ((await this.runtime.store.readStream(handled.streamId, { fromRevision: handled.revision, maxCount: 1 }))[0] ?? null) : null;
    // A retry under an Idempotency-Key of a command that began its stream under a fresh id answers with the stream its first attempt began.
    const response = commandResponse(handled.replayed ? aggregate.stream.idOf(handled.streamId) : id, handled, last);
    this.handledOf.set(response, handled);
    return response;
  }

  private readonly handledOf = new WeakMap<CommandResponse, Handled>();

  /**
   * An id the writer minted for the command (`whistleId`, `actionId`, …), as its answer names it:
   * when the command was a replay under an Idempotency-Key, the one its first attempt recorded in
   * the event's data, since this attempt's fresh one names nothing.
   */
  protected minted(response: CommandResponse, field: string, fresh: string): string {
    const handled = this.handledOf.get(response);
    return handled ? mintedOf(handled, field, fresh) : fresh;
  }
}
