import type { Clock, DomainEvent, IdSource } from '@whistle/kernel';
import type { ContextAggregate } from '@whistle/contracts';
import type { CatalogueIndex } from '@whistle/catalogue';
import { actorOf, type Principal } from '@whistle/auth';
import type { CommandContext, Handled } from './command-loop';
import { currentCorrelationId } from './correlation';
import { NotFound } from './errors';
import type { ServiceRuntime } from './service-runtime';

/** The context of a person's command over HTTP: the caller as actor, the request's correlation id. */
export function httpContext(principal: Principal, now: string, expectedRevision?: number): CommandContext {
  return {
    actor: actorOf(principal),
    correlationId: currentCorrelationId() ?? `uncorrelated-${now}`,
    causationId: null,
    now,
    ...(expectedRevision === undefined ? {} : { expectedRevision }),
  };
}

/** What every command answers (API.md): the id, the stream's revision, the event types recorded. */
export interface CommandResponse {
  readonly id: string;
  readonly revision: number;
  readonly events: string[];
}

export function commandResponse(id: string, handled: Handled): CommandResponse {
  return { id, revision: handled.revision, events: handled.events.map((event) => event.type) };
}

/** Everything a writing service's commands work with. */
export interface WriterDependencies {
  readonly runtime: ServiceRuntime;
  readonly catalogue: CatalogueIndex;
  readonly clock: Clock;
  readonly ids: IdSource;
}

/** The injection token of a writer's dependencies inside its own HTTP module. */
export const WRITER = Symbol('WRITER');

/**
 * What every writing service's commands share: find the state a command is about (404 when its
 * stream has not begun), then run the command on that stream as the caller, at the time it came.
 */
export abstract class ContextCommands {
  protected constructor(
    protected readonly runtime: ServiceRuntime,
    protected readonly clock: Clock,
  ) {}

  /** The current state of the aggregate's stream `id`, with every event the service recorded so far; NotFound(`what`, id) unless `begun`. */
  protected async existing<S, T extends S>(aggregate: ContextAggregate<unknown, DomainEvent, S>, id: string, what: string, begun: (state: S) => state is T): Promise<T> {
    await this.runtime.index.settled();
    const state = this.runtime.index.get<S>(aggregate.stream(id));
    if (state === undefined || !begun(state)) throw new NotFound(what, id);
    return state;
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
    return commandResponse(id, handled);
  }
}
