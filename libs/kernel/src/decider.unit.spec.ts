import { runWorkflow, type Workflow } from './decider';

type Input = { type: 'start'; dueAt: string } | { type: 'finish' };
type Event = { type: 'Started'; dueAt: string } | { type: 'Finished' };
type State = { status: 'idle' } | { status: 'running'; dueAt: string } | { status: 'done' };

const timer: Workflow<Input, Event, State> = {
  initialState: { status: 'idle' },
  decide: (input) => (input.type === 'start' ? [{ type: 'Started', dueAt: input.dueAt }] : [{ type: 'Finished' }]),
  evolve: (_state, event) => (event.type === 'Started' ? { status: 'running', dueAt: event.dueAt } : { status: 'done' }),
  deadlines: (state) => (state.status === 'running' ? [{ id: 'due', kind: 'due', dueAt: state.dueAt }] : []),
};

describe('runWorkflow', () => {
  it('schedules the deadlines that a step makes appear', () => {
    const { outputs } = runWorkflow(timer, { type: 'start', dueAt: '2026-11-21T10:00:00Z' }, timer.initialState);
    expect(outputs).toEqual([
      { kind: 'record', event: { type: 'Started', dueAt: '2026-11-21T10:00:00Z' } },
      { kind: 'schedule', deadline: { id: 'due', kind: 'due', dueAt: '2026-11-21T10:00:00Z' } },
    ]);
  });

  it('cancels the deadlines that a step makes disappear', () => {
    const { outputs } = runWorkflow(timer, { type: 'finish' }, { status: 'running', dueAt: '2026-11-21T10:00:00Z' });
    expect(outputs).toEqual([{ kind: 'record', event: { type: 'Finished' } }, { kind: 'cancel', deadlineId: 'due' }]);
  });
});
