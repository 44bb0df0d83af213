import { actorOf, type Principal } from '@whistle/auth';
import { currentCorrelationId } from '@whistle/http';
import type { CommandContext, Handled } from './command-loop';

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
