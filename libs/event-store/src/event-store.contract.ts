/**
 * The one contract every adapter passes, written once and run by each adapter's spec against
 * a real instance. Stream and subscription names are unique per run, so it also runs against a
 * shared KurrentDB server whose other contents it ignores.
 */
import { randomUUID } from 'node:crypto';
import { ManualClock, sealBatch, verifyStream, type Clock, type EventToAppend } from '@whistle/kernel';
import { DuplicateEventId, EventStoreClosed, IdempotencyKeyTaken, InvalidAppend, SubscriptionStopped, WrongExpectedRevision } from './errors';
import type { EventStore, ExpectedRevision, GlobalPosition, PositionedEvent, SubscribeOptions, SubscriptionHandler } from './event-store.port';
import { START } from './event-store.port';

export interface ContractFixture {
  readonly store: EventStore;
  /** Closes the store and opens a new instance on the same data; only where data outlives an instance. */
  readonly reopen?: () => Promise<EventStore>;
  /** Closes whichever instance is open and removes what the fixture made. */
  readonly cleanup: () => Promise<void>;
  /** Others write to the same store (a shared server): readAll is checked only for this run's streams. */
  readonly shared?: boolean;
}

const T0 = '2026-11-21T08:00:00.000Z';

export function describeEventStoreContract(name: string, open: (clock: Clock) => Promise<ContractFixture>): void {
  describe(`${name} event store contract`, () => {
    const run = randomUUID().slice(0, 8);
    let counter = 0;
    let clock: ManualClock;
    let fixture: ContractFixture;
    let store: EventStore;

    const streamId = (label: string) => `case-${run}-${(counter += 1)}-${label}`;
    const ours = (p: PositionedEvent) => p.event.streamId.startsWith(`case-${run}-`);
    const ids = (events: ReadonlyArray<{ eventId: string }>) => events.map((e) => e.eventId);
    const quick = { pollIntervalMs: 50, retry: { initialDelayMs: 5, maxDelayMs: 20 }, onError: () => undefined };
    const fast = (subscriptionId: string, handler: SubscriptionHandler, from: GlobalPosition): SubscribeOptions => ({
      subscriptionId,
      handler,
      from,
      ...quick,
    });

    beforeEach(async () => {
      clock = new ManualClock(T0);
      fixture = await open(clock);
      store = fixture.store;
    });
    afterEach(() => fixture.cleanup());

    describe('append and read', () => {
      it('gives back the envelopes exactly as sealed, chained from the genesis hash', async () => {
        const s = streamId('round-trip');
        const events = [event(0), event(1), event(2)];
        const result = await store.append(s, events, 'no_stream');

        expect(result.events).toEqual(sealBatch(s, events, null, T0));
        expect(result.nextExpectedRevision).toBe(2);
        expect(result.position).toBe(await store.headPosition());
        expect(result.position).toBeGreaterThan(START);
        const read = await store.readStream(s);
        expect(read).toEqual(result.events);
        expect(verifyStream(s, read)).toMatchObject({ ok: true, checked: 3, firstBreak: null });
        expect(await store.verifyStream(s)).toEqual({ streamId: s, checked: 3, ok: true, firstBreak: null, breaks: [] });
        expect(await store.verifyStream(streamId('never-written'))).toMatchObject({ ok: true, checked: 0 });
      });

      it('continues revisions, record time and the chain across appends', async () => {
        const s = streamId('continued');
        const first = await store.append(s, [event(0), event(1)], 'no_stream');
        clock.advance(60_000);
        const e2 = event(2);
        const second = await store.append(s, [e2], first.nextExpectedRevision);

        const lastOfFirst = first.events[1] ?? null;
        expect(second.events).toEqual(sealBatch(s, [e2], lastOfFirst, '2026-11-21T08:01:00.000Z'));
        expect(second.events[0]).toMatchObject({ revision: 2, prevHash: lastOfFirst?.hash });
        expect(second.nextExpectedRevision).toBe(2);
        expect(second.position).toBeGreaterThan(first.position);
        const read = await store.readStream(s);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(verifyStream(s, read)).toMatchObject({ ok: true, checked: 3 });
      });

      it("appends with 'any' wherever the stream is", async () => {
        const s = streamId('any');
        expect((await store.append(s, [event(0)], 'any')).nextExpectedRevision).toBe(0);
        expect((await store.append(s, [event(1), event(2)], 'any')).nextExpectedRevision).toBe(2);
        expect(verifyStream(s, await store.readStream(s)).ok).toBe(true);
      });

      it('reads part of a stream from a revision, at most maxCount events', async () => {
        const s = streamId('window');
        await store.append(s, [0, 1, 2, 3, 4].map((n) => event(n)), 'no_stream');
        const revisions = async (options: { fromRevision?: number; maxCount?: number }) =>
          (await store.readStream(s, options)).map((e) => e.revision);

        expect(await revisions({ fromRevision: 2 })).toEqual([2, 3, 4]);
        expect(await revisions({ maxCount: 2 })).toEqual([0, 1]);
        expect(await revisions({ fromRevision: 3, maxCount: 1 })).toEqual([3]);
        expect(await revisions({ fromRevision: 9 })).toEqual([]);
        expect(await store.readStream(streamId('never-written'))).toEqual([]);
      });

      it('refuses an empty batch, reserved stream names and $ event types', async () => {
        const s = streamId('refused');
        await expect(store.append(s, [], 'any')).rejects.toThrow(InvalidAppend);
        await expect(store.append(s, [], 'any')).rejects.toThrow(/batch is empty/);
        await expect(store.append('$stats', [event(0)], 'any')).rejects.toThrow(InvalidAppend);
        await expect(store.append('event-store.claim-x', [event(0)], 'any')).rejects.toThrow(InvalidAppend);
        await expect(store.append(s, [{ ...event(0), type: '$metadata' }], 'any')).rejects.toThrow(InvalidAppend);
        await expect(store.append(s, [event(0)], -1)).rejects.toThrow(InvalidAppend);
        expect(await store.readStream(s)).toEqual([]);
      });
    });

    describe('optimistic concurrency', () => {
      const conflicts: Array<[string, number, ExpectedRevision, number | 'no_stream']> = [
        ['no_stream on a stream that exists', 1, 'no_stream', 0],
        ['a stale revision', 2, 0, 1],
        ['a revision ahead of the stream', 2, 5, 1],
        ['a revision on a stream that does not exist', 0, 0, 'no_stream'],
      ];
      it.each(conflicts)('refuses %s and writes nothing', async (_case, existing, expected, actual) => {
        const s = streamId('conflict');
        if (existing > 0) await store.append(s, Array.from({ length: existing }, (_, n) => event(n)), 'no_stream');
        const before = await store.readStream(s);
        const head = await store.headPosition();

        const error = await rejectionOf(store.append(s, [event(9)], expected));
        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect(error).toMatchObject({ streamId: s, expected, actual });
        expect(await store.readStream(s)).toEqual(before);
        expect(await store.headPosition()).toBe(head);
      });

      it('lets exactly one of several concurrent appends with the same expected revision win', async () => {
        const s = streamId('race');
        await store.append(s, [event(0)], 'no_stream');
        const contenders = [1, 2, 3, 4, 5].map((n) => event(n));
        const outcomes = await Promise.allSettled(contenders.map((e) => store.append(s, [e], 0)));

        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(4);
        for (const o of lost) expect(o.reason).toBeInstanceOf(WrongExpectedRevision);
        const read = await store.readStream(s);
        expect(read).toHaveLength(2);
        expect(contenders.map((e) => e.eventId)).toContain(read[1]?.eventId);
        expect(verifyStream(s, read).ok).toBe(true);
      });

      it('lets exactly one of several concurrent creations of a stream win', async () => {
        const s = streamId('race-create');
        const outcomes = await Promise.allSettled([1, 2, 3].map((n) => store.append(s, [event(n)], 'no_stream')));
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect(await store.readStream(s)).toHaveLength(1);
      });
    });

    describe('event ids', () => {
      it('answers a retried append with the first result and writes nothing', async () => {
        const s = streamId('retry');
        const batch = [event(0), event(1)];
        const first = await store.append(s, batch, 'no_stream');
        clock.advance(5_000);
        expect(await store.append(s, batch, 'no_stream')).toEqual(first);

        const next = [event(2)];
        const appended = await store.append(s, next, 1);
        await store.append(s, [event(3)], 2);
        expect(await store.append(s, next, 1)).toEqual(appended);

        const anywhere = streamId('retry-any');
        const only = [event(0)];
        const once = await store.append(anywhere, only, 'any');
        expect(await store.append(anywhere, only, 'any')).toEqual(once);

        expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
        expect(await store.readStream(anywhere)).toHaveLength(1);
      });

      it('does not take a batch for a retry unless it matches the recorded events where expected puts them', async () => {
        const s = streamId('not-a-retry');
        const [e0, e1] = [event(0), event(1)];
        await store.append(s, [e0, e1], 'no_stream');

        await expect(store.append(s, [e1], 'no_stream')).rejects.toThrow(WrongExpectedRevision);
        await expect(store.append(s, [e0, event(5)], 'no_stream')).rejects.toThrow(WrongExpectedRevision);
        await expect(store.append(s, [e0], 1)).rejects.toThrow(DuplicateEventId);
        expect(ids(await store.readStream(s))).toEqual(ids([e0, e1]));
      });

      it('refuses an event id already used in another stream, naming where', async () => {
        const a = streamId('owner');
        const b = streamId('borrower');
        const taken = event(0);
        await store.append(a, [taken], 'no_stream');

        const error = await rejectionOf(store.append(b, [event(1, taken.eventId)], 'no_stream'));
        expect(error).toBeInstanceOf(DuplicateEventId);
        expect(error).toMatchObject({ eventId: taken.eventId, streamId: b, existing: { streamId: a, revision: 0 } });
        expect(await store.readStream(b)).toEqual([]);
      });

      it('refuses an event id used twice in one batch', async () => {
        const s = streamId('twice');
        const e = event(0);
        const error = await rejectionOf(store.append(s, [e, event(1, e.eventId)], 'no_stream'));
        expect(error).toBeInstanceOf(DuplicateEventId);
        expect(error).toMatchObject({ eventId: e.eventId, existing: null });
        expect(await store.readStream(s)).toEqual([]);
      });
    });

    describe('atomic batches', () => {
      it('writes none of a batch whose third event reuses an id', async () => {
        const a = streamId('holder');
        const b = streamId('batch');
        const taken = event(0);
        await store.append(a, [taken], 'no_stream');
        const head = await store.headPosition();

        await expect(store.append(b, [event(1), event(2), event(3, taken.eventId), event(4)], 'no_stream')).rejects.toThrow(
          DuplicateEventId,
        );
        expect(await store.readStream(b)).toEqual([]);
        expect(await store.headPosition()).toBe(head);
        const after = await store.append(b, [event(5)], 'no_stream');
        expect(after.events[0]?.revision).toBe(0);
      });

      it('writes none of a batch with an event JSON cannot carry', async () => {
        const s = streamId('unserialisable');
        await store.append(s, [event(0)], 'no_stream');
        const bad = { ...event(2), data: { at: new Date(T0) } };

        await expect(store.append(s, [event(1), bad], 0)).rejects.toThrow(/\$\.data\.at/);
        expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0]);
        expect((await store.append(s, [event(3)], 0)).nextExpectedRevision).toBe(1);
      });
    });

    describe('Idempotency-Key', () => {
      it('keeps the key with the batch it came with and finds that batch by the key, after a reopen too', async () => {
        const s = streamId('keyed');
        const scope = `["s-${run}","station","S-1",null,null]`;
        await store.append(s, [event(0)], 'no_stream');
        const keyed = await store.append(s, [event(1), event(2)], 0, { idempotency: { scope, key: `k-${run}` } });
        await store.append(s, [event(3)], 2);

        // Scope, key and the batch, nothing of the request's body: the store is kept for ever.
        const found = { streamId: s, result: keyed };
        expect(await store.appendsOfKey(scope, `k-${run}`)).toEqual([found]);
        expect(await store.appendsOfKey(scope, `k-${run}x`)).toEqual([]);
        expect(await store.appendsOfKey(`["o-${run}","office",null,null,null]`, `k-${run}`)).toEqual([]);
        if (fixture.reopen) {
          store = await fixture.reopen();
          expect(await store.appendsOfKey(scope, `k-${run}`)).toEqual([found]);
        }
      });

      it('takes one batch per stream under a key, in global order, and refuses a second batch for the same stream, writing none of it', async () => {
        const a = streamId('first-use');
        const b = streamId('other-stream');
        const mark = { scope: `s-${run}`, key: `again-${run}` };
        const first = await store.append(a, [event(0)], 'no_stream', { idempotency: mark });
        const second = await store.append(b, [event(1)], 'no_stream', { idempotency: mark });
        const head = await store.headPosition();

        const error = await rejectionOf(store.append(a, [event(2)], 0, { idempotency: mark }));
        expect(error).toBeInstanceOf(IdempotencyKeyTaken);
        expect(error).toMatchObject({ scope: mark.scope, key: mark.key, streamId: a });
        expect(await store.readStream(a)).toHaveLength(1);
        expect(await store.headPosition()).toBe(head);
        expect((await store.appendsOfKey(mark.scope, mark.key)).map((found) => found.result)).toEqual([first, second]);
      });
    });

    describe('readAll', () => {
      it('returns every stream’s events in append order after a position, page by page', async () => {
        const start = await store.headPosition();
        const a = streamId('all-a');
        const b = streamId('all-b');
        const first = await store.append(a, [event(0), event(1)], 'no_stream');
        const second = await store.append(b, [event(2)], 'no_stream');
        const third = await store.append(a, [event(3)], 1);
        const expected = [...first.events, ...second.events, ...third.events];

        const all = await store.readAll({ from: start, maxCount: 1000 });
        const mine = all.filter(ours);
        expect(mine.map((p) => p.event)).toEqual(expected);
        expect(mine.map((p) => p.position)).toEqual([...mine.map((p) => p.position)].sort((x, y) => (x < y ? -1 : 1)));
        expect(new Set(mine.map((p) => p.position)).size).toBe(4);
        expect([mine[1]?.position, mine[2]?.position, mine[3]?.position]).toEqual([first.position, second.position, third.position]);
        for (const p of all) {
          expect(p.event.streamId).not.toMatch(/^(\$|event-store\.)/);
          expect(p.event.type).not.toMatch(/^\$/);
        }
        if (!fixture.shared) expect(all).toEqual(mine);

        const afterFirst = (await store.readAll({ from: first.position, maxCount: 1000 })).filter(ours);
        expect(ids(afterFirst.map((p) => p.event))).toEqual(ids([...second.events, ...third.events]));

        const paged = await readInPages(store, start, 2, third.position);
        expect(paged.filter(ours)).toEqual(mine);
        if (!fixture.shared) {
          expect((await store.readAll({ from: start, maxCount: 2 })).map((p) => p.event)).toEqual(expected.slice(0, 2));
          expect(await store.readAll({ from: third.position, maxCount: 10 })).toEqual([]);
        }
      });
    });

    describe('a case’s streams', () => {
      it('names the streams holding an event filed under the case, and reads several streams at once in global order', async () => {
        const start = await store.headPosition();
        const [mine, other] = [`case-${run}-a`, `case-${run}-b`];
        const of = (caseId: string, n: number): EventToAppend => ({ ...event(n), caseId });
        const [own, task, unrelated, mixed] = [streamId('own'), streamId('task'), streamId('unrelated'), streamId('mixed')];
        await store.append(own, [of(mine, 0)], 'no_stream');
        await store.append(unrelated, [of(other, 1)], 'no_stream');
        await store.append(task, [of(mine, 2)], 'no_stream');
        // A stream that takes up the case later, as a meeting tables it.
        await store.append(mixed, [of(other, 3)], 'no_stream');
        await store.append(mixed, [of(mine, 4)], 0);
        await store.append(own, [of(mine, 5)], 0);

        expect(await store.streamsOfCase(mine)).toEqual([own, task, mixed].sort());
        expect(await store.streamsOfCase(other)).toEqual([unrelated, mixed].sort());
        expect(await store.streamsOfCase(`case-${run}-nobody`)).toEqual([]);

        const all = (await store.readAll({ from: start, maxCount: 1000 })).filter(ours);
        const read = await store.readStreams([mixed, own, `case-${run}-missing`, own]);
        expect(read).toEqual(all.filter((p) => p.event.streamId === own || p.event.streamId === mixed));
        expect(read.map((p) => p.event.data)).toEqual([0, 3, 4, 5].map((n) => expect.objectContaining({ n })));
        expect(await store.readStreams([])).toEqual([]);
      });
    });

    describe('subscriptions', () => {
      const subscriptionId = (label: string) => `sub-${run}-${(counter += 1)}-${label}`;

      it('delivers the stored events, then new appends, in global order', async () => {
        const start = await store.headPosition();
        const a = streamId('sub-a');
        const b = streamId('sub-b');
        await store.append(a, [event(0), event(1)], 'no_stream');
        await store.append(b, [event(2)], 'no_stream');
        const seen: PositionedEvent[] = [];
        const id = subscriptionId('live');
        const subscription = store.subscribe(fast(id, async (e, position) => void seen.push({ position, event: e }), start));

        await subscription.caughtUp();
        expect(seen.filter(ours).map((p) => p.event.streamId)).toEqual([a, a, b]);
        expect(() => store.subscribe(fast(id, async () => undefined, start))).toThrow(/already running/);

        const later = await store.append(a, [event(3)], 1);
        await subscription.waitFor(later.position);
        const delivered = seen.filter(ours);
        expect(delivered.map((p) => p.event)).toEqual((await store.readAll({ from: start, maxCount: 1000 })).filter(ours).map((p) => p.event));
        expect(delivered.at(-1)).toEqual({ position: later.position, event: later.events[0] });
        expect(subscription.position).toBeGreaterThanOrEqual(later.position);
        await subscription.stop();
      });

      it('hands a batch handler whole pages in global order, with one checkpoint per page to resume after', async () => {
        const start = await store.headPosition();
        const s = streamId('pages');
        const first = await store.append(s, [event(0), event(1), event(2)], 'no_stream');
        const id = subscriptionId('pages');
        const pages: PositionedEvent[][] = [];
        const failOnce = { armed: true };
        const batched = store.subscribe({
          subscriptionId: id,
          from: start,
          ...quick,
          handleBatch: async (page) => {
            const mine = page.filter(ours);
            // The first attempt fails: the whole page comes again, and nothing of it is checkpointed before.
            if (failOnce.armed && mine.length > 0) {
              failOnce.armed = false;
              throw new Error('the projection store is away');
            }
            if (mine.length > 0) pages.push(mine);
          },
        });
        await batched.caughtUp();
        expect(pages.flat().map((p) => p.event)).toEqual(first.events);
        expect(pages.flat().map((p) => p.position)).toEqual([...pages.flat().map((p) => p.position)].sort((x, y) => (x < y ? -1 : 1)));
        expect(batched.position).toBe(first.position);
        await batched.stop();

        if (fixture.reopen) store = await fixture.reopen();
        const second = await store.append(s, [event(3), event(4)], 2);
        const resumed: string[] = [];
        const again = store.subscribe({
          subscriptionId: id,
          from: start,
          ...quick,
          handleBatch: async (page) => void resumed.push(...page.filter(ours).map((p) => p.event.eventId)),
        });
        await again.caughtUp();
        await again.stop();
        expect(resumed).toEqual(ids(second.events));
      });

      it('resumes after its checkpoint when subscribed again (after a reopen where data persists), delivering nothing twice', async () => {
        const start = await store.headPosition();
        const s = streamId('resume');
        const firstBatch = await store.append(s, [event(0), event(1), event(2)], 'no_stream');
        const id = subscriptionId('resume');
        const firstRun: string[] = [];
        const first = store.subscribe(fast(id, async (e) => void (e.streamId === s && firstRun.push(e.eventId)), start));
        await first.caughtUp();
        await first.stop();
        expect(firstRun).toEqual(ids(firstBatch.events));

        if (fixture.reopen) store = await fixture.reopen();
        expect(await store.readStream(s)).toEqual(firstBatch.events);
        const secondBatch = await store.append(s, [event(3), event(4)], 2);
        const secondRun: string[] = [];
        const second = store.subscribe(fast(id, async (e) => void (e.streamId === s && secondRun.push(e.eventId)), start));
        await second.caughtUp();
        await second.stop();
        expect(secondRun).toEqual(ids(secondBatch.events));
      });

      it('keeps an in-memory subscription’s position out of the store: each run starts again at `from`', async () => {
        const start = await store.headPosition();
        const s = streamId('in-memory');
        const batch = await store.append(s, [event(0), event(1)], 'no_stream');
        const id = subscriptionId('in-memory');
        for (let run = 0; run < 2; run += 1) {
          const seen: string[] = [];
          const subscription = store.subscribe({ ...fast(id, async (e) => void (e.streamId === s && seen.push(e.eventId)), start), inMemory: true });
          await subscription.caughtUp();
          await subscription.stop();
          expect(seen).toEqual(ids(batch.events));
        }
      });

      it('retries a failing handler with backoff, without skipping or reordering', async () => {
        const start = await store.headPosition();
        const s = streamId('flaky');
        const { events } = await store.append(s, [event(0), event(1), event(2)], 'no_stream');
        const flaky = events[1]?.eventId;
        const handled: string[] = [];
        const failures: Array<{ eventId: string | undefined; attempt: number }> = [];
        let failuresLeft = 2;
        const subscription = store.subscribe({
          ...fast(
            subscriptionId('flaky'),
            async (e) => {
              if (e.streamId !== s) return;
              if (e.eventId === flaky && failuresLeft > 0) {
                failuresLeft -= 1;
                throw new Error('projection unavailable');
              }
              handled.push(e.eventId);
            },
            start,
          ),
          onError: (_error, context) => failures.push({ eventId: context.event?.eventId, attempt: context.attempt }),
        });

        await subscription.caughtUp();
        await subscription.stop();
        expect(handled).toEqual(ids(events));
        expect(failures).toEqual([
          { eventId: flaky, attempt: 1 },
          { eventId: flaky, attempt: 2 },
        ]);
      });

      it('keeps the checkpoint before a handler that keeps failing, so the next run starts with that event', async () => {
        const start = await store.headPosition();
        const s = streamId('stuck');
        const appended = await store.append(s, [event(0), event(1), event(2)], 'no_stream');
        const [e0, e1] = appended.events;
        const id = subscriptionId('stuck');
        let attemptsOnE1 = 0;
        let e0Position: GlobalPosition = START;
        let failedTwice: () => void = () => undefined;
        const twice = new Promise<void>((resolve) => (failedTwice = resolve));
        const stuck = store.subscribe(
          fast(
            id,
            async (e, position) => {
              if (e.eventId === e0?.eventId) e0Position = position;
              if (e.eventId !== e1?.eventId) return;
              attemptsOnE1 += 1;
              if (attemptsOnE1 >= 2) failedTwice();
              throw new Error('poison');
            },
            start,
          ),
        );
        const neverCaughtUp = stuck.caughtUp();
        await twice;
        expect(stuck.position).toBe(e0Position);
        await stuck.stop();
        await expect(neverCaughtUp).rejects.toThrow(SubscriptionStopped);

        if (fixture.reopen) store = await fixture.reopen();
        const redelivered: string[] = [];
        const next = store.subscribe(fast(id, async (e) => void (e.streamId === s && redelivered.push(e.eventId)), start));
        await next.caughtUp();
        await next.stop();
        expect(redelivered).toEqual(ids(appended.events.slice(1)));
      });
    });

    it('refuses work after close', async () => {
      await store.close();
      await expect(store.append(streamId('closed'), [event(0)], 'any')).rejects.toThrow(EventStoreClosed);
      await expect(store.readStream(streamId('closed'))).rejects.toThrow(EventStoreClosed);
    });
  });
}

/** A test event; `eventId` fixes the id, for retries and duplicates. */
function event(n: number, eventId: string = randomUUID()): EventToAppend {
  return {
    eventId,
    type: 'test.ThingHappened.v1',
    data: { n, note: `第${n}次`, nested: { z: [1, 'x', null], a: { deep: true } } },
    caseId: 'case-contract',
    occurredAt: '2026-11-21T07:59:00.000Z',
    actor: { id: 'officer-7', role: 'station', stationId: 'station-3' },
    correlationId: 'correlation-1',
    causationId: n === 0 ? null : `cause-${n}`,
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but it resolved');
}

/** Pages through readAll from `from` until the page that holds `until`. */
async function readInPages(store: EventStore, from: GlobalPosition, pageSize: number, until: GlobalPosition): Promise<PositionedEvent[]> {
  const collected: PositionedEvent[] = [];
  let position = from;
  while (position < until) {
    const page = await store.readAll({ from: position, maxCount: pageSize });
    const last = page.at(-1);
    if (!last) break;
    expect(page.length).toBeLessThanOrEqual(pageSize);
    collected.push(...page);
    position = last.position;
  }
  return collected;
}
