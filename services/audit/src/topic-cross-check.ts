import { canonicalJson, sealedBody, type Clock, type EventEnvelope } from '@whistle/kernel';
import { SERVICES, TOPICS, messageKeyOf, type WriteService } from '@whistle/contracts';
import type { EventStore, GlobalPosition, PositionedEvent } from '@whistle/event-store';
import { silentLogger, type Logger, type ReceivedEvent } from '@whistle/messaging';
import type { FindingInput } from './checkpoint-store';
import { TopicCopyRecord } from './topic-copy-record';

export interface TopicCrossCheckOptions {
  /** the five writing services' stores, read only: each topic is held against its own */
  readonly stores: Readonly<Record<WriteService, EventStore>>;
  /** the audit's own file (the ledger's), which keeps what was seen on the topics and how far the sweep went */
  readonly ledgerFile: string;
  readonly clock: Clock;
  /** how long an event its store holds may take to appear on its topic before it is missing */
  readonly graceMs: number;
  /** how many messages of the topic the audit's consumer group has not finished with (the bus's backlog) */
  readonly backlog: (topic: string) => Promise<number>;
  /** records a finding (a CheckpointStore's `report`), deduplicated there */
  readonly report: (finding: FindingInput) => void;
  /** the most events of one store a sweep looks at: bounds its cost however far behind it is */
  readonly sweepBudget?: number;
  readonly logger?: Logger;
}

/** Per log: how many of the store's events the sweep looked at, and how many of them never came. */
export type SweepResult = Readonly<Record<WriteService, { readonly checked: number; readonly missing: number }>>;

const LOG_OF_TOPIC: ReadonlyMap<string, WriteService> = new Map(SERVICES.map((service) => [TOPICS[service], service]));
const PAGE = 500;

/**
 * The Kafka copy held against the stores (the distributed mode's; the embedded mode's bus is in
 * process, where no one outside can write to it). Every message the audit consumes is compared,
 * whole, with the event its store holds at that stream and revision: none there is an extra
 * message (`topic_extra`), another event or any member different is an altered one
 * (`topic_altered`). Such a message is held back from the ledger: it moves no head and is not
 * recorded as processed, so the genuine event with the same id still counts when it comes. A
 * periodic sweep goes through each store's events past the grace and names those never seen on
 * the topic (`topic_missing`). Duplicates and redeliveries of a genuine event are the relay's at
 * least once, and are not reported.
 */
export class TopicCrossCheck {
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;
  private readonly logger: Logger;

  private constructor(
    private readonly options: TopicCrossCheckOptions,
    private readonly record: TopicCopyRecord,
  ) {
    this.logger = options.logger ?? silentLogger;
  }

  /**
   * Opens the record. A log it has never swept is swept from the store's head as it is now: like
   * the ledger's first start, what the store held before the audit watched its topic is taken as
   * it is, and the topic is only held to what comes after.
   */
  static async open(options: TopicCrossCheckOptions): Promise<TopicCrossCheck> {
    const record = TopicCopyRecord.open(options.ledgerFile);
    try {
      for (const log of SERVICES) if (record.swept(log) === null) record.startAt(log, await options.stores[log].headPosition(), options.clock.now());
    } catch (error) {
      record.close();
      throw error;
    }
    return new TopicCrossCheck(options, record);
  }

  /** Opens it and sweeps every `everyMs` (a quarter of the grace, from 1 to 30 s, by default) until closed. */
  static async start(options: TopicCrossCheckOptions, everyMs = Math.min(30_000, Math.max(1_000, options.graceMs / 4))): Promise<TopicCrossCheck> {
    const check = await TopicCrossCheck.open(options);
    check.timer = setInterval(() => check.sweepInBackground(), everyMs);
    check.timer.unref();
    return check;
  }

  /**
   * The consumer's `admit`: holds each message against its store, one read of each store a batch,
   * and lets through only those that are exactly the store's event.
   */
  readonly admit = async (received: readonly ReceivedEvent[]): Promise<ReceivedEvent[]> => {
    const byLog = new Map<WriteService, ReceivedEvent[]>();
    for (const one of received) {
      const log = LOG_OF_TOPIC.get(one.message.topic);
      if (!log) throw new Error(`${one.message.topic} is no writing service's topic: the audit holds only those against the stores`);
      const mine = byLog.get(log);
      if (mine) mine.push(one);
      else byLog.set(log, [one]);
    }
    const admitted = new Set<ReceivedEvent>();
    const seenAt = this.options.clock.now();
    await Promise.all(
      [...byLog].map(async ([log, mine]) => {
        const stored = await storedAt(this.options.stores[log], mine);
        const seen: GlobalPosition[] = [];
        for (const one of mine) {
          const place = stored.get(placeOf(one.event));
          const discrepancy = discrepancyOf(log, one, place?.event);
          if (discrepancy !== null) this.options.report(discrepancy);
          else if (place) {
            admitted.add(one);
            seen.push(place.position);
          }
        }
        this.record.see(log, seen, seenAt);
      }),
    );
    return received.filter((one) => admitted.has(one));
  };

  /**
   * Looks through each store's events recorded at least the grace ago, from where it last stopped,
   * and reports those never seen on their topic. An event counts as missing only once the consumer
   * has had its chance at it: it has nothing of the topic left to read, or it saw a later event of
   * that store at least the grace ago (Kafka hands a consumer its partitions side by side).
   */
  async sweep(): Promise<SweepResult> {
    const now = this.options.clock.now();
    const cutoff = new Date(Date.parse(now) - this.options.graceMs).toISOString();
    const result: Partial<Record<WriteService, { checked: number; missing: number }>> = {};
    for (const log of SERVICES) result[log] = await this.sweepLog(log, now, cutoff);
    return result as SweepResult;
  }

  /** Stops sweeping (a sweep under way finishes) and closes the record; call after the consumer stopped. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
    this.record.close();
  }

  private sweepInBackground(): void {
    if (this.sweeping) return;
    this.sweeping = this.sweep()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'the sweep for events missing from the topics failed; it runs again'))
      .finally(() => (this.sweeping = null));
  }

  private async sweepLog(log: WriteService, now: string, cutoff: string): Promise<{ checked: number; missing: number }> {
    const budget = this.options.sweepBudget ?? 5_000;
    const behind = await this.options.backlog(TOPICS[log]);
    const upTo = behind === 0 ? null : this.record.furthestSeenBy(log, cutoff);
    let checked = 0;
    let missing = 0;
    if (behind > 0 && upTo === null) return { checked, missing };
    let from = this.record.swept(log);
    if (from === null) throw new Error(`the ${log} log has no sweep: open the cross-check with TopicCrossCheck.open`);
    while (checked < budget) {
      const asked = Math.min(PAGE, budget - checked);
      const page = await this.options.stores[log].readAll({ from, maxCount: asked });
      const due = takeWhile(page, ({ position, event }) => event.recordedAt <= cutoff && (upTo === null || position <= upTo));
      const last = due.at(-1);
      if (!last) break;
      const seen = this.record.seenBetween(log, from, last.position);
      for (const { position, event } of due) {
        if (seen.has(position)) continue;
        missing += 1;
        this.options.report(missingFinding(log, event, position, this.options.graceMs));
      }
      this.record.sweptTo(log, last.position, now);
      checked += due.length;
      from = last.position;
      if (due.length < page.length || page.length < asked) break;
    }
    return { checked, missing };
  }
}

const placeOf = (event: Pick<EventEnvelope, 'streamId' | 'revision'>): string => `${event.revision}@${event.streamId}`;

/** The store's events at the messages' streams, by stream and revision: one read for the lot. */
async function storedAt(store: EventStore, received: readonly ReceivedEvent[]): Promise<Map<string, PositionedEvent>> {
  const streamIds = [...new Set(received.map(({ event }) => event.streamId))];
  return new Map((await store.readStreams(streamIds)).map((stored) => [placeOf(stored.event), stored]));
}

/** Why the message is not the store's event, as a finding, or null when it is exactly that. */
function discrepancyOf(log: WriteService, { event, message }: ReceivedEvent, stored: EventEnvelope | undefined): FindingInput | null {
  const where = `${message.topic} partition ${message.partition} offset ${message.offset}`;
  const place = `stream ${event.streamId} revision ${event.revision}`;
  const named = { log, streamId: event.streamId, revision: event.revision, eventId: event.eventId };
  if (!stored) {
    return { kind: 'topic_extra', ...named, message: `${where}: event ${event.eventId} at ${place} is not in the ${log} store: a message its store never recorded` };
  }
  if (stored.eventId !== event.eventId || stored.hash !== event.hash) {
    return {
      kind: 'topic_altered',
      ...named,
      message: `${where}: ${place} is event ${stored.eventId} with hash ${stored.hash} in the ${log} store, but the message carries event ${event.eventId} with hash ${event.hash}`,
    };
  }
  const members = differingMembers(event, stored);
  if (members.length > 0) {
    return { kind: 'topic_altered', ...named, message: `${where}: event ${event.eventId} at ${place} differs from the ${log} store's sealed event in ${members.join(', ')}` };
  }
  const key = messageKeyOf(stored);
  if (message.key !== key) {
    return { kind: 'topic_altered', ...named, message: `${where}: event ${event.eventId} at ${place} is keyed ${JSON.stringify(message.key)}, where its relay keys it ${JSON.stringify(key)}` };
  }
  return null;
}

/**
 * The members in which the message's event differs from the sealed one, sorted; [] when its
 * canonical text is the store's (a forged message may keep a genuine id and hash over other data).
 */
function differingMembers(event: EventEnvelope, stored: EventEnvelope): string[] {
  if (canonicalJson(event, 'hash') === sealedBody(stored)) return [];
  const mine = event as unknown as Record<string, unknown>;
  const theirs = stored as unknown as Record<string, unknown>;
  const members = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].filter((member) => {
    const [a, b] = [mine[member], theirs[member]];
    return a === undefined || b === undefined ? a !== b : canonicalJson(a) !== canonicalJson(b);
  });
  return members.length > 0 ? members.sort() : ['its text'];
}

function missingFinding(log: WriteService, event: EventEnvelope, position: GlobalPosition, graceMs: number): FindingInput {
  return {
    kind: 'topic_missing',
    log,
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.eventId,
    message: `event ${event.eventId} at stream ${event.streamId} revision ${event.revision} (position ${position} of the ${log} store, recorded ${event.recordedAt}) had not appeared on ${TOPICS[log]} within ${graceMs / 1_000} s of being recorded`,
  };
}

function takeWhile<T>(items: readonly T[], keep: (item: T) => boolean): T[] {
  const end = items.findIndex((item) => !keep(item));
  return end === -1 ? [...items] : items.slice(0, end);
}
