import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandRefused, ManualClock, refuse, uuidIds, type Decider, type Workflow } from '@whistle/kernel';
import { SqliteEventStore } from '@whistle/event-store';
import { CommandLoop, derivedEventId, type CommandContext } from './command-loop';
import { StaleRevision } from './errors';

type Command = { type: 'Open'; caseId: string } | { type: 'Note'; caseId: string; text: string };
type Event = { type: 'test.Opened.v1'; data: { caseId: string } } | { type: 'test.Noted.v1'; data: { caseId: string; text: string } };
type State = { open: boolean; notes: number };

const counter: Decider<Command, Event, State> = {
  initialState: { open: false, notes: 0 },
  decide: (command, state) => {
    if (command.type === 'Open') return state.open ? [] : [{ type: 'test.Opened.v1', data: { caseId: command.caseId } }];
    if (!state.open) refuse('test.closed', 'open it first');
    return [{ type: 'test.Noted.v1', data: { caseId: command.caseId, text: command.text } }];
  },
  evolve: (state, event) => (event.type === 'test.Opened.v1' ? { ...state, open: true } : { ...state, notes: state.notes + 1 }),
};

const timer: Workflow<{ type: 'Start'; caseId: string; dueAt: string }, { type: 'test.Started.v1'; data: { caseId: string; dueAt: string } }, { dueAt: string | null }> = {
  initialState: { dueAt: null },
  decide: (input, state) => (state.dueAt ? [] : [{ type: 'test.Started.v1', data: { caseId: input.caseId, dueAt: input.dueAt } }]),
  evolve: (_state, event) => ({ dueAt: event.data.dueAt }),
  deadlines: (state) => (state.dueAt ? [{ id: 'due', kind: 'due', dueAt: state.dueAt }] : []),
};

describe('CommandLoop on a real SQLite store', () => {
  let dir: string;
  let store: SqliteEventStore;
  let loop: CommandLoop;
  const clock = new ManualClock('2026-11-21T08:00:00.000Z');
  const context = (extra: Partial<CommandContext> = {}): CommandContext => ({
    actor: { id: 'station-user', role: 'station', stationId: 's1' },
    correlationId: 'corr-1',
    causationId: null,
    now: clock.now(),
    ...extra,
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'command-loop-'));
    store = new SqliteEventStore({ file: join(dir, 'store.db'), clock });
    loop = new CommandLoop({ store, ids: uuidIds });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads, decides and appends with the actor, correlation and case recorded', async () => {
    const first = await loop.run(counter, 'case-c1', { type: 'Open', caseId: 'c1' }, context());
    expect(first.revision).toBe(0);
    const second = await loop.run(counter, 'case-c1', { type: 'Note', caseId: 'c1', text: 'x' }, context());
    expect(second.revision).toBe(1);
    const [opened, noted] = await store.readStream('case-c1');
    expect(opened).toMatchObject({ type: 'test.Opened.v1', caseId: 'c1', revision: 0, actor: { id: 'station-user' }, correlationId: 'corr-1', causationId: null });
    expect(noted).toMatchObject({ type: 'test.Noted.v1', revision: 1, prevHash: opened?.hash });
  });

  it('records nothing and reports the revision when the decider decides nothing', async () => {
    await loop.run(counter, 'case-c1', { type: 'Open', caseId: 'c1' }, context());
    const again = await loop.run(counter, 'case-c1', { type: 'Open', caseId: 'c1' }, context());
    expect(again).toMatchObject({ revision: 0, events: [] });
    expect(await store.readStream('case-c1')).toHaveLength(1);
  });

  it('passes a refusal through and records nothing', async () => {
    await expect(loop.run(counter, 'case-c2', { type: 'Note', caseId: 'c2', text: 'x' }, context())).rejects.toBeInstanceOf(CommandRefused);
    expect(await store.readStream('case-c2')).toEqual([]);
  });

  it('refuses a command whose If-Match revision is stale, recording nothing', async () => {
    await loop.run(counter, 'case-c1', { type: 'Open', caseId: 'c1' }, context());
    await loop.run(counter, 'case-c1', { type: 'Note', caseId: 'c1', text: 'a' }, context());
    const stale = loop.run(counter, 'case-c1', { type: 'Note', caseId: 'c1', text: 'b' }, context({ expectedRevision: 0 }));
    await expect(stale).rejects.toEqual(new StaleRevision('case-c1', 0, 1));
    const fresh = await loop.run(counter, 'case-c1', { type: 'Note', caseId: 'c1', text: 'b' }, context({ expectedRevision: 1 }));
    expect(fresh.revision).toBe(2);
  });

  it('starts again from the read when another writer got there first', async () => {
    await loop.run(counter, 'case-c1', { type: 'Open', caseId: 'c1' }, context());
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((text) => loop.run(counter, 'case-c1', { type: 'Note', caseId: 'c1', text }, context())),
    );
    expect(results.map((r) => r.revision).sort()).toEqual([1, 2, 3, 4]);
    const stream = await store.readStream('case-c1');
    expect(stream.map((e) => (e.data as { text?: string }).text).filter(Boolean).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('folds on from the state it last saw, and still sees what another process appended since', async () => {
    const reads: Array<number | undefined> = [];
    const watched = new CommandLoop({
      store: Object.assign(Object.create(store) as SqliteEventStore, {
        readStream: (streamId: string, options?: { fromRevision?: number }) => {
          reads.push(options?.fromRevision);
          return store.readStream(streamId, options);
        },
      }),
      ids: uuidIds,
    });
    await watched.run(counter, 'case-c5', { type: 'Open', caseId: 'c5' }, context());
    await watched.run(counter, 'case-c5', { type: 'Note', caseId: 'c5', text: 'a' }, context());
    const elsewhere = new SqliteEventStore({ file: join(dir, 'store.db'), clock });
    try {
      await new CommandLoop({ store: elsewhere, ids: uuidIds }).run(counter, 'case-c5', { type: 'Note', caseId: 'c5', text: 'b' }, context());
    } finally {
      await elsewhere.close();
    }
    const third = await watched.run(counter, 'case-c5', { type: 'Note', caseId: 'c5', text: 'c' }, context());
    expect(third.revision).toBe(3);
    expect(await watched.load(counter, 'case-c5')).toEqual({ state: { open: true, notes: 3 }, revision: 3 });
    // The whole stream once, then only what came after the revision it had folded to.
    expect(reads).toEqual([0, 1, 2, 4]);
  });

  it('records a reaction once however often it is delivered (ids derived from its cause)', async () => {
    await loop.run(counter, 'case-c1', { type: 'Open', caseId: 'c1' }, context());
    const reaction = context({ causationId: 'event-9', derivationKey: 'event-9:0' });
    const first = await loop.run(counter, 'case-c1', { type: 'Note', caseId: 'c1', text: 'from event 9' }, reaction);
    const redelivered = await loop.run(counter, 'case-c1', { type: 'Note', caseId: 'c1', text: 'from event 9' }, reaction);
    expect(first.events[0]?.eventId).toBe(derivedEventId('event-9:0', 'case-c1', 0));
    expect(redelivered.events).toEqual([]);
    expect(await store.readStream('case-c1')).toHaveLength(2);
  });

  it('keeps the Idempotency-Key with the events and answers a retry under it from them, deciding and appending nothing', async () => {
    const idempotency = { scope: 'station-user', key: 'k-1' };
    await loop.run(counter, 'case-c1', { type: 'Open', caseId: 'c1' }, context());
    const first = await loop.run(counter, 'case-c1', { type: 'Note', caseId: 'c1', text: 'x' }, context({ idempotency }));
    const again = await loop.run(counter, 'case-c1', { type: 'Note', caseId: 'c1', text: 'x' }, context({ idempotency }));
    expect(again).toEqual({ ...first, outputs: [], replayed: true });
    expect((await store.readStream('case-c1')).map((e) => e.type)).toEqual(['test.Opened.v1', 'test.Noted.v1']);

    // The store keeps nothing of the body: once the HTTP layer's store (which compares bodies) has
    // forgotten the key, a retry with another body gets the first answer, never a second effect.
    const otherBody = await loop.run(counter, 'case-c1', { type: 'Note', caseId: 'c1', text: 'y' }, context({ idempotency }));
    expect(otherBody).toEqual({ ...first, outputs: [], replayed: true });
    expect(await store.readStream('case-c1')).toHaveLength(2);
  });

  it('answers from the recorded events when another attempt under the key appended first, on its last attempt too', async () => {
    const idempotency = { scope: 'station-user', key: 'k-race' };
    await loop.run(counter, 'case-c1', { type: 'Open', caseId: 'c1' }, context());
    const first = await loop.run(counter, 'case-c1', { type: 'Note', caseId: 'c1', text: 'x' }, context({ idempotency }));
    // The look-up before deciding misses the other attempt's batch, which commits just after it.
    let lookups = 0;
    const racing = Object.assign(Object.create(store) as SqliteEventStore, {
      appendsOfKey: async (scope: string, key: string) => ((lookups += 1) === 1 ? [] : store.appendsOfKey(scope, key)),
    });
    const lastAttempt = new CommandLoop({ store: racing, ids: uuidIds, maxAttempts: 1 });
    const retry = await lastAttempt.run(counter, 'case-c1', { type: 'Note', caseId: 'c1', text: 'x' }, context({ idempotency }));
    expect(retry).toEqual({ ...first, outputs: [], replayed: true });
    expect(await store.readStream('case-c1')).toHaveLength(2);
  });

  it('answers a retry that would begin a stream under a fresh id with the stream its first attempt began', async () => {
    const idempotency = { scope: 'station-user', key: 'k-open' };
    const first = await loop.run(counter, 'case-first', { type: 'Open', caseId: 'first' }, context({ idempotency }));
    const retry = await loop.run(counter, 'case-second', { type: 'Open', caseId: 'second' }, context({ idempotency }));
    expect(retry).toMatchObject({ streamId: 'case-first', revision: first.revision, events: first.events, replayed: true });
    expect(await store.readStream('case-second')).toEqual([]);
  });

  it('hands a workflow’s schedule outputs on', async () => {
    const seen: unknown[] = [];
    const withOutputs = new CommandLoop({ store, ids: uuidIds, onOutputs: (_streamId, outputs) => void seen.push(...outputs) });
    await withOutputs.run(timer, 'timer-c1', { type: 'Start', caseId: 'c1', dueAt: '2026-11-21T09:00:00.000Z' }, context());
    expect(seen).toContainEqual({ kind: 'schedule', deadline: { id: 'due', kind: 'due', dueAt: '2026-11-21T09:00:00.000Z' } });
  });
});
