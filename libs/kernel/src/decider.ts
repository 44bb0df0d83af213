/**
 * A decider is one aggregate's rules: `decide` turns a command into events, `evolve` folds an
 * event into state. Both are pure: time, ids and catalogue look-ups arrive inside the command.
 */
export interface Decider<Command, Event, State> {
  readonly initialState: State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

/** A point in time at which a workflow wants to be woken with a timeout input. */
export interface Deadline {
  readonly id: string;
  readonly kind: string;
  readonly dueAt: string;
}

/**
 * A workflow is a decider whose inputs are its own commands, other contexts' events and
 * timeouts. What it must be woken for is read off its state, so the schedule is rebuilt from
 * the workflow's own stream like everything else.
 */
export interface Workflow<Input, Event, State> extends Decider<Input, Event, State> {
  deadlines(state: State): readonly Deadline[];
}

export type WorkflowOutput<Event> =
  | { readonly kind: 'record'; readonly event: Event }
  | { readonly kind: 'schedule'; readonly deadline: Deadline }
  | { readonly kind: 'cancel'; readonly deadlineId: string };

export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  events: Iterable<Event>,
  from: State = decider.initialState,
): State {
  let state = from;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

/**
 * One workflow step: the events to record, then the deadlines that appeared (schedule) or
 * disappeared (cancel) between the state before and after them.
 */
export function runWorkflow<Input, Event, State>(
  workflow: Workflow<Input, Event, State>,
  input: Input,
  state: State,
): { outputs: WorkflowOutput<Event>[]; state: State } {
  const events = workflow.decide(input, state);
  const next = fold(workflow, events, state);
  const before = new Map(workflow.deadlines(state).map((d) => [d.id, d]));
  const after = new Map(workflow.deadlines(next).map((d) => [d.id, d]));
  const outputs: WorkflowOutput<Event>[] = events.map((event) => ({ kind: 'record', event }));
  for (const [id, deadline] of after) {
    const old = before.get(id);
    if (!old || old.dueAt !== deadline.dueAt) outputs.push({ kind: 'schedule', deadline });
  }
  for (const id of before.keys()) {
    if (!after.has(id)) outputs.push({ kind: 'cancel', deadlineId: id });
  }
  return { outputs, state: next };
}

/** Closes an exhaustive switch: the compiler proves every case was handled. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}

/**
 * A command that an event from elsewhere calls for, addressed to one stream. Reaction policies
 * are pure functions from an event (and look-ups) to reactions; a service's consumer carries
 * them out through the same command loop as HTTP commands.
 */
export interface Reaction<Command> {
  readonly streamId: string;
  readonly command: Command;
}
