import { createHash } from 'node:crypto';
import {
  CommandRefused,
  fold,
  runWorkflow,
  type Actor,
  type Decider,
  type DomainEvent,
  type EventEnvelope,
  type EventToAppend,
  type IdSource,
  type Workflow,
  type WorkflowOutput,
} from '@whistle/kernel';
import { caseIdOf, type AnyEvent } from '@whistle/contracts';
import { DuplicateEventId, IdempotencyKeyTaken, WrongExpectedRevision, type EventStore, type IdempotencyMark } from '@whistle/event-store';
import { StaleRevision } from './errors';

/** Who asks, why, and when: everything a command carries besides its content. */
export interface CommandContext {
  readonly actor: Actor;
  readonly correlationId: string;
  /** the event this command reacts to; null for a person's command */
  readonly causationId: string | null;
  readonly now: string;
  /** If-Match: the stream revision the caller last saw */
  readonly expectedRevision?: number;
  /**
   * Makes the recorded events' ids a function of this key (e.g. the causing event's id and the
   * reaction's place among its reactions, or a deadline's id), so that running the same
   * reaction again can never record it twice.
   */
  readonly derivationKey?: string;
  /**
   * The HTTP request's Idempotency-Key: kept with the events in the append's transaction, and
   * looked up before deciding, so a retry whose first attempt recorded its events (its answer
   * lost to a crash) gets those events back instead of recording them again.
   */
  readonly idempotency?: IdempotencyMark;
}

export interface Handled {
  readonly streamId: string;
  /** the stream's revision after the command; -1 for a stream that still has no event */
  readonly revision: number;
  readonly events: readonly EventEnvelope[];
  readonly outputs: readonly WorkflowOutput<DomainEvent>[];
  /** The events are those an earlier attempt under the same Idempotency-Key recorded: nothing was decided or appended now. */
  readonly replayed?: boolean;
}

type Aggregate<C, E extends DomainEvent, S> = Decider<C, E, S> | Workflow<C, E, S>;

const isWorkflow = <C, E extends DomainEvent, S>(a: Aggregate<C, E, S>): a is Workflow<C, E, S> => 'deadlines' in a;

/**
 * The whole command loop: read the stream, fold it, decide, append with the expected revision,
 * and hand a workflow's schedule/cancel outputs on. A conflicting writer makes it start again
 * from the read (unless the caller pinned a revision with If-Match); a reaction's events get
 * ids derived from what caused them, so a redelivered reaction can never record twice.
 */
export class CommandLoop {
  constructor(
    private readonly deps: {
      readonly store: EventStore;
      readonly ids: IdSource;
      readonly onOutputs?: (streamId: string, outputs: readonly WorkflowOutput<DomainEvent>[]) => Promise<void> | void;
      readonly maxAttempts?: number;
    },
  ) {}

  private readonly states = new RecentStates();

  /**
   * The stream's state now: folded on from the state this loop last saw of it, reading only the
   * events recorded since (every one of them when it has not seen the stream lately). Events are
   * never changed, so a state once folded stays true up to its revision; whoever appended since,
   * in this process or another, is read.
   */
  async load<C, E extends DomainEvent, S>(aggregate: Aggregate<C, E, S>, streamId: string): Promise<{ state: S; revision: number }> {
    const known = this.states.get<S>(aggregate, streamId);
    const fromRevision = known ? known.revision + 1 : 0;
    const events = await this.deps.store.readStream(streamId, { fromRevision });
    // The store gives back what this aggregate's decider emitted on this stream, so its fold takes them.
    const state = fold<DomainEvent, S>(aggregate, events, known ? known.state : aggregate.initialState);
    const revision = events.at(-1)?.revision ?? (known ? known.revision : -1);
    if (revision >= 0) this.states.set(aggregate, streamId, state, revision);
    return { state, revision };
  }

  /**
   * Commands on one stream run one after the other in this process: at the same time all but one
   * would fail their expected revision and start again, which under a batch of reactions to one
   * meeting ran out of attempts. Other processes writing the stream are still met by the retry.
   */
  async run<C, E extends DomainEvent, S>(aggregate: Aggregate<C, E, S>, streamId: string, command: C, context: CommandContext): Promise<Handled> {
    const before = this.running.get(streamId);
    const mine = before ? before.then(() => this.runNow(aggregate, streamId, command, context)) : this.runNow(aggregate, streamId, command, context);
    const settled = mine.then(
      () => undefined,
      () => undefined,
    );
    this.running.set(streamId, settled);
    void settled.then(() => {
      if (this.running.get(streamId) === settled) this.running.delete(streamId);
    });
    return mine;
  }

  private readonly running = new Map<string, Promise<void>>();

  private async runNow<C, E extends DomainEvent, S>(aggregate: Aggregate<C, E, S>, streamId: string, command: C, context: CommandContext): Promise<Handled> {
    const attempts = this.deps.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt += 1) {
      const { state, revision } = await this.load(aggregate, streamId);
      const earlier = context.idempotency && (await this.recordedUnder(context.idempotency, streamId, revision));
      if (earlier) return earlier;
      if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
        throw new StaleRevision(streamId, context.expectedRevision, revision);
      }
      const outputs: WorkflowOutput<E>[] = isWorkflow(aggregate)
        ? runWorkflow(aggregate, command, state).outputs
        : aggregate.decide(command, state).map((event) => ({ kind: 'record' as const, event }));
      const decided = outputs.flatMap((o) => (o.kind === 'record' ? [o.event] : []));
      if (decided.length === 0) return { streamId, revision, events: [], outputs };
      try {
        const result = await this.deps.store.append(
          streamId,
          decided.map((event, index) => this.envelope(event, index, streamId, context)),
          revision < 0 ? 'no_stream' : revision,
          context.idempotency ? { idempotency: context.idempotency } : {},
        );
        this.states.set(aggregate, streamId, fold<DomainEvent, S>(aggregate, result.events, state), result.nextExpectedRevision);
        await this.deps.onOutputs?.(streamId, outputs);
        return { streamId, revision: result.nextExpectedRevision, events: result.events, outputs };
      } catch (error) {
        // Already recorded under the same derivation key: nothing more to do.
        if (error instanceof DuplicateEventId && context.derivationKey !== undefined) {
          const current = await this.load(aggregate, streamId);
          return { streamId, revision: current.revision, events: [], outputs: [] };
        }
        // Another attempt under the same key got there first: its events are the answer, found now
        // (on the last attempt too: the key being taken is no failure, and retrying finds the same).
        if (error instanceof IdempotencyKeyTaken && context.idempotency) {
          const current = await this.load(aggregate, streamId);
          const recorded = await this.recordedUnder(context.idempotency, streamId, current.revision);
          if (recorded) return recorded;
          if (attempt < attempts) continue;
          throw new CommandRefused('concurrent_modification', `Idempotency-Key ${context.idempotency.key} is being used by another attempt on ${streamId}; try again`);
        }
        if (!(error instanceof WrongExpectedRevision)) throw error;
        if (context.expectedRevision !== undefined) {
          throw new StaleRevision(streamId, context.expectedRevision, typeof error.actual === 'number' ? error.actual : -1);
        }
        if (attempt >= attempts) {
          throw new CommandRefused('concurrent_modification', `${streamId} kept changing under ${attempts} attempts; try again`);
        }
      }
    }
  }

  /**
   * What an earlier attempt under this Idempotency-Key recorded on this stream; for a command
   * that begins a stream (its id minted anew by each attempt), the stream such an attempt began.
   * The store keeps nothing of the request's body (it is kept for ever): a key the HTTP layer's
   * store no longer knows is answered from what it recorded whatever body the retry carries, so
   * a key reused with another body then gets the first answer, never a second effect.
   */
  private async recordedUnder(mark: IdempotencyMark, streamId: string, revision: number): Promise<Handled | null> {
    const recorded = await this.deps.store.appendsOfKey(mark.scope, mark.key);
    const same = recorded.find((earlier) => earlier.streamId === streamId) ?? (revision < 0 ? recorded.find((earlier) => earlier.result.events[0]?.revision === 0) : undefined);
    if (!same) return null;
    const { events, nextExpectedRevision } = same.result;
    return { streamId: same.streamId, revision: nextExpectedRevision, events, outputs: [], replayed: true };
  }

  private envelope(event: DomainEvent, index: number, streamId: string, context: CommandContext): EventToAppend {
    return {
      eventId: context.derivationKey === undefined ? this.deps.ids.next() : derivedEventId(context.derivationKey, streamId, index),
      type: event.type,
      data: event.data,
      caseId: caseIdOf(event as AnyEvent) || streamId,
      occurredAt: context.now,
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.causationId,
    };
  }
}

/**
 * The states of the streams commanded most recently, with the revision each was folded to. A
 * reaction or a command mostly comes to a stream that was just written, and folding its whole
 * history again for each was the cost of a command that grew with the case. Bounded: the least
 * recently used go first. A state is kept for the aggregate that folded it and no other.
 */
class RecentStates {
  private static readonly KEPT = 5_000;
  private readonly entries = new Map<string, { aggregate: object; state: unknown; revision: number }>();

  get<S>(aggregate: object, streamId: string): { state: S; revision: number } | null {
    const entry = this.entries.get(streamId);
    if (!entry || entry.aggregate !== aggregate) return null;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return { state: entry.state as S, revision: entry.revision };
  }

  set(aggregate: object, streamId: string, state: unknown, revision: number): void {
    this.entries.delete(streamId);
    if (this.entries.size >= RecentStates.KEPT) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(streamId, { aggregate, state, revision });
  }
}

/** A UUID-shaped id that is the same every time the same derivation key reaches the same stream. */
export function derivedEventId(derivationKey: string, streamId: string, index: number): string {
  const hex = createHash('sha256').update(`${derivationKey}|${streamId}|${index}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
