export type Role = 'reporter' | 'station' | 'unit' | 'office' | 'auditor' | 'admin' | 'system';

/** Who caused an event: a person acting in a role, or the system itself (timeouts, reactions). */
export interface Actor {
  readonly id: string;
  readonly role: Role;
  readonly unitId?: string;
  readonly stationId?: string;
}

/** A domain event as deciders produce and consume it: a versioned type and plain JSON data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** What a service hands the store: the event plus everything but its place in the stream. */
export interface EventToAppend<E extends DomainEvent = DomainEvent> {
  readonly eventId: string;
  readonly type: E['type'];
  readonly data: E['data'];
  readonly caseId: string;
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
}

/** A recorded event: the store adds the stream, revision, record time and the hash chain. */
export interface EventEnvelope<E extends DomainEvent = DomainEvent> extends EventToAppend<E> {
  readonly streamId: string;
  readonly revision: number;
  readonly recordedAt: string;
  readonly prevHash: string;
  readonly hash: string;
}
