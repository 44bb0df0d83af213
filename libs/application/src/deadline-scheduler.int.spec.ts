import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, isBefore, uuidIds, type Workflow } from '@whistle/kernel';
import { streamKind } from '@whistle/contracts';
import { SqliteEventStore } from '@whistle/event-store';
import { CommandLoop, type CommandContext } from './command-loop';
import { DeadlineScheduler, trackDeadlines, type DeadlineSource } from './deadline-scheduler';
import { SqliteDeadlineTable } from './deadline-table';

type Input = { type: 'Start'; caseId: string; dueAt: string } | { type: 'DeadlineReached'; deadlineId: string; now: string };
type Event = { type: 'test.Started.v1'; data: { caseId: string; dueAt: string } } | { type: 'test.Expired.v1'; data: { caseId: string; at: string } };
type State = { status: 'idle' } | { status: 'running'; caseId: string; dueAt: string } | { status: 'expired' };

/** Starts a timer; its deadline expires it once. */
const timer: Workflow<Input, Event, State> = {
  initialState: { status: 'idle' },
  decide: (input, state) => {
    if (input.type === 'Start') return state.status === 'idle' ? [{ type: 'test.Started.v1', data: { caseId: input.caseId, dueAt: input.dueAt } }] : [];
    if (state.status !== 'running' || input.deadlineId !== 'due' || isBefore(input.now, state.dueAt)) return [];
    return [{ type: 'test.Expired.v1', data: { caseId: state.caseId, at: input.now } }];
  },
  evolve: (_state, event) => (event.type === 'test.Started.v1' ? { status: 'running', caseId: event.data.caseId, dueAt: event.data.dueAt } : { status: 'expired' }),
  deadlines: (state) => (state.status === 'running' ? [{ id: 'due', kind: 'due', dueAt: state.dueAt }] : []),
};
const sources: DeadlineSource[] = [{ stream: streamKind('timer'), workflow: timer }];

describe('durable deadlines', () => {
  let dir: string;
  const clock = new ManualClock('2026-11-21T08:00:00.000Z');
  const context = (): CommandContext => ({ actor: { id: 'system', role: 'system' }, correlationId: 'c', causationId: null, now: clock.now() });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deadlines-'));
    clock.set('2026-11-21T08:00:00.000Z');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function open() {
    const file = join(dir, 'service.db');
    const store = new SqliteEventStore({ file, clock, pollIntervalMs: 20 });
    const table = new SqliteDeadlineTable({ file });
    const loop = new CommandLoop({ store, ids: uuidIds });
    const tracking = trackDeadlines({ store, table, sources });
    const fired: string[] = [];
    const scheduler = new DeadlineScheduler({
      table,
      clock,
      fire: async (deadline) => {
        fired.push(`${deadline.streamId}/${deadline.id}`);
        await loop.run(timer, deadline.streamId, { type: 'DeadlineReached', deadlineId: deadline.id, now: clock.now() }, context());
      },
    });
    const close = async () => {
      await scheduler.stop();
      await tracking.stop();
      table.close();
      await store.close();
    };
    return { store, table, loop, tracking, scheduler, fired, close };
  }

  it('tracks a workflow’s deadline, fires it when due, and forgets it once handled', async () => {
    const s = open();
    await s.loop.run(timer, 'timer-c1', { type: 'Start', caseId: 'c1', dueAt: '2026-11-21T08:00:05.000Z' }, context());
    await s.tracking.caughtUp();
    expect(s.table.all()).toMatchObject([{ streamId: 'timer-c1', id: 'due', dueAt: '2026-11-21T08:00:05.000Z' }]);

    expect(await s.scheduler.fireDue()).toBe(0);
    clock.set('2026-11-21T08:00:05.000Z');
    expect(await s.scheduler.fireDue()).toBe(1);
    await s.tracking.caughtUp();
    expect((await s.store.readStream('timer-c1')).map((e) => e.type)).toEqual(['test.Started.v1', 'test.Expired.v1']);
    expect(s.table.all()).toEqual([]);
    await s.close();
  });

  it('keeps pending deadlines across a restart and fires them then', async () => {
    const before = open();
    await before.loop.run(timer, 'timer-c2', { type: 'Start', caseId: 'c2', dueAt: '2026-11-21T08:10:00.000Z' }, context());
    await before.tracking.caughtUp();
    await before.close();

    clock.set('2026-11-21T08:30:00.000Z');
    const after = open();
    await after.tracking.caughtUp();
    expect(await after.scheduler.fireDue()).toBe(1);
    expect((await after.store.readStream('timer-c2')).map((e) => e.type)).toEqual(['test.Started.v1', 'test.Expired.v1']);
    await after.close();
  });

  it('rebuilds the table from the store when the table lost a deadline (crash between append and tracking)', async () => {
    const first = open();
    await first.tracking.stop();
    await first.loop.run(timer, 'timer-c3', { type: 'Start', caseId: 'c3', dueAt: '2026-11-21T08:01:00.000Z' }, context());
    expect(first.table.all()).toEqual([]);
    await first.close();

    const second = open();
    await second.tracking.caughtUp();
    expect(second.table.all()).toMatchObject([{ streamId: 'timer-c3', id: 'due' }]);
    await second.close();
  });

  it('takes effect once when a deadline fires twice', async () => {
    const s = open();
    await s.loop.run(timer, 'timer-c4', { type: 'Start', caseId: 'c4', dueAt: '2026-11-21T08:00:01.000Z' }, context());
    await s.tracking.caughtUp();
    clock.set('2026-11-21T08:00:02.000Z');
    const [deadline] = s.table.due(clock.now());
    await Promise.all([
      s.loop.run(timer, 'timer-c4', { type: 'DeadlineReached', deadlineId: deadline!.id, now: clock.now() }, context()),
      s.loop.run(timer, 'timer-c4', { type: 'DeadlineReached', deadlineId: deadline!.id, now: clock.now() }, context()),
    ]);
    expect((await s.store.readStream('timer-c4')).filter((e) => e.type === 'test.Expired.v1')).toHaveLength(1);
    await s.close();
  });

  it('runs on its own timer', async () => {
    const s = open();
    await s.loop.run(timer, 'timer-c5', { type: 'Start', caseId: 'c5', dueAt: '2026-11-21T08:00:00.000Z' }, context());
    await s.tracking.caughtUp();
    const scheduler = new DeadlineScheduler({
      table: s.table,
      clock,
      tickMs: 10,
      fire: async (deadline) => {
        await s.loop.run(timer, deadline.streamId, { type: 'DeadlineReached', deadlineId: deadline.id, now: clock.now() }, context());
      },
    });
    scheduler.start();
    for (let i = 0; i < 100 && (await s.store.readStream('timer-c5')).length < 2; i += 1) await new Promise((r) => setTimeout(r, 10));
    await scheduler.stop();
    expect((await s.store.readStream('timer-c5')).map((e) => e.type)).toContain('test.Expired.v1');
    await s.close();
  });
});
