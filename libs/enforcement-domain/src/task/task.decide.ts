import { assertNever, invalid, isBefore, isInstant, refuse, type Deadline, type Workflow } from '@whistle/kernel';
import {
  ACTION_KINDS,
  OUTCOME_RESULTS,
  type ActionKind,
  type ActionRecorded,
  type Level,
  type OutcomeResult,
  type TaskEvent,
  type TaskRef,
} from '@whistle/contracts';
import { required } from '../text';
import {
  evolveTask,
  initialTaskState,
  isOpenTask,
  type AcceptedTask,
  type AssignedTask,
  type DoneTask,
  type ReportedInTask,
  type TaskAction,
  type TaskRole,
  type TaskState,
} from './task.state';

/** In reaction to a whistle (levels 2–3, summoned) or the case's adjudication resolved (level 4, lead or supporting). */
export interface AssignTask {
  readonly type: 'AssignTask';
  readonly taskId: string;
  readonly caseId: string;
  readonly whistleId: string;
  readonly unitId: string;
  readonly level: Level;
  readonly role: TaskRole;
  readonly reportInDueAt?: string;
  /** the resolution's deadline */
  readonly dueAt?: string;
  readonly now: string;
}

/** 报到: the unit confirms it has received the task. */
export interface ReportIn {
  readonly type: 'ReportIn';
  readonly now: string;
}

export interface AcceptTask {
  readonly type: 'AcceptTask';
  readonly now: string;
}

export interface DeclineTask {
  readonly type: 'DeclineTask';
  readonly reason: string;
  readonly notOurResponsibility: boolean;
  readonly now: string;
}

export interface RecordAction {
  readonly type: 'RecordAction';
  readonly actionId: string;
  readonly kind: ActionKind;
  readonly note: string;
  /** rectification orders only: by when it must be rectified */
  readonly deadline?: string;
  /** penalties only */
  readonly legalBasis?: string;
  readonly amount?: number;
  readonly now: string;
}

export interface RecordOutcome {
  readonly type: 'RecordOutcome';
  readonly result: OutcomeResult;
  readonly note: string;
  readonly now: string;
}

/** The case moved on (level changed, withdrawn, closed). */
export interface Supersede {
  readonly type: 'Supersede';
  readonly reason: string;
  readonly now: string;
}

/** A timeout input for one of `taskDeadlines(state)`. */
export interface DeadlineReached {
  readonly type: 'DeadlineReached';
  readonly deadlineId: string;
  readonly now: string;
}

export type TaskCommand = AssignTask | ReportIn | AcceptTask | DeclineTask | RecordAction | RecordOutcome | Supersede | DeadlineReached;

const ROLES: readonly TaskRole[] = ['summoned', 'lead', 'supporting'];
export const TASK_DUE = 'task_due';
export const RECTIFICATION_CHECK = 'rectification_check';
const RECTIFICATION_PREFIX = 'rectification:';
/**
 * Outcomes that end the case's handling at this level: none may leave a rectification order
 * (限期整改) unchecked. `persuasion_failed` and `needs_joint_action` escalate the case instead.
 */
const CLOSING_RESULTS: readonly OutcomeResult[] = ['resolved', 'rectified', 'unresolved'];

export function decideTask(command: TaskCommand, state: TaskState): TaskEvent[] {
  switch (command.type) {
    case 'AssignTask':
      return assign(command, state);
    case 'ReportIn': {
      const task = assigned(state, 'report in');
      if (task.status !== 'assigned') {
        refuse('task.already_reported_in', `${describe(task)} already reported in (报到) at ${task.reportedInAt} and is ${task.status}`);
      }
      const onTime = task.reportInDueAt === undefined || !isBefore(task.reportInDueAt, command.now);
      return [{ type: 'enforcement.TaskReportedIn.v1', data: { ...ids(task), onTime, reportedInAt: command.now } }];
    }
    case 'AcceptTask': {
      const task = assigned(state, 'be accepted');
      switch (task.status) {
        case 'assigned':
          return refuse('task.not_reported_in', `${describe(task)} is assigned but not reported in: report in (报到) first`);
        case 'accepted':
        case 'done':
          return refuse('task.already_accepted', `${describe(task)} was already accepted at ${task.acceptedAt} and is ${task.status}`);
        case 'reported_in':
          return [{ type: 'enforcement.TaskAccepted.v1', data: { ...ids(task), acceptedAt: command.now } }];
        default:
          return assertNever(task, 'task status');
      }
    }
    case 'DeclineTask':
      return decline(command, state);
    case 'RecordAction':
      return recordAction(command, state);
    case 'RecordOutcome':
      return recordOutcome(command, state);
    case 'Supersede': {
      if (!isOpenTask(state)) return [];
      const reason = required('reason', command.reason);
      return [{ type: 'enforcement.TaskSuperseded.v1', data: { ...ids(state), reason, supersededAt: command.now } }];
    }
    case 'DeadlineReached':
      return deadlineReached(command, state);
    default:
      return assertNever(command, 'task command');
  }
}

/**
 * What the task must be woken for: each rectification order's deadline, to check it, while the
 * task is accepted; and a resolution task's own deadline while it is open.
 */
export function taskDeadlines(state: TaskState): Deadline[] {
  if (state.status === 'unassigned') return [];
  const deadlines: Deadline[] = [];
  if (state.status === 'accepted') {
    for (const action of state.actions) {
      const check = action.rectification;
      if (check && !check.checked && check.checkDueAt === null && action.deadline !== undefined) {
        deadlines.push({ id: `${RECTIFICATION_PREFIX}${action.actionId}`, kind: RECTIFICATION_CHECK, dueAt: action.deadline });
      }
    }
  }
  if (isOpenTask(state) && state.dueAt !== undefined && state.overdueAt === null) {
    deadlines.push({ id: TASK_DUE, kind: TASK_DUE, dueAt: state.dueAt });
  }
  return deadlines;
}

export const taskDecider: Workflow<TaskCommand, TaskEvent, TaskState> = {
  initialState: initialTaskState,
  decide: decideTask,
  evolve: evolveTask,
  deadlines: taskDeadlines,
};

function assign(command: AssignTask, state: TaskState): TaskEvent[] {
  if (state.status !== 'unassigned') {
    if (command.taskId !== state.taskId) {
      refuse('task.already_assigned', `this stream already holds task ${state.taskId}; task ${command.taskId} needs a stream of its own`);
    }
    const differs = (['caseId', 'whistleId', 'unitId', 'level', 'role', 'reportInDueAt', 'dueAt'] as const).filter(
      (key) => command[key] !== state[key],
    );
    if (differs.length > 0) {
      refuse(
        'task.assignment_conflict',
        `${describe(state)} is already assigned (now ${state.status}) with another ${differs.join(', ')}; a different assignment needs a new task id`,
      );
    }
    return [];
  }
  const taskId = required('taskId', command.taskId);
  const caseId = required('caseId', command.caseId);
  const whistleId = required('whistleId', command.whistleId);
  const unitId = required('unitId', command.unitId);
  const { level, role, reportInDueAt, dueAt } = command;
  if (!ROLES.includes(role)) invalid('role', `role must be one of ${ROLES.join(', ')}, not "${role}"`);
  if (role === 'summoned' && level !== 2 && level !== 3) {
    invalid('level', `a whistle summons units to tasks at levels 2 and 3, not at level ${level}`);
  }
  if (role !== 'summoned' && level !== 4) {
    invalid('level', `a ${role} unit's task comes from a joint-meeting resolution at level 4, not at level ${level}`);
  }
  if (role !== 'summoned' && dueAt === undefined) invalid('dueAt', `a ${role} unit's task needs the resolution's deadline as dueAt`);
  if (reportInDueAt !== undefined && !isInstant(reportInDueAt)) invalid('reportInDueAt', `reportInDueAt "${reportInDueAt}" is not an ISO-8601 instant`);
  if (dueAt !== undefined && !isInstant(dueAt)) invalid('dueAt', `dueAt "${dueAt}" is not an ISO-8601 instant`);
  return [
    {
      type: 'enforcement.TaskAssigned.v1',
      data: {
        taskId,
        caseId,
        whistleId,
        unitId,
        level,
        role,
        ...(reportInDueAt !== undefined && { reportInDueAt }),
        ...(dueAt !== undefined && { dueAt }),
        assignedAt: command.now,
      },
    },
  ];
}

function decline(command: DeclineTask, state: TaskState): TaskEvent[] {
  const task = assigned(state, 'be declined');
  if (task.role !== 'summoned') {
    refuse(
      'task.resolution_binding',
      `${describe(task)} is the ${task.role} unit's task of a joint-meeting resolution: a joint-meeting resolution binds its lead and supporting units; raise objections at the joint meeting`,
    );
  }
  switch (task.status) {
    case 'assigned':
      return refuse('task.not_reported_in', `${describe(task)} is assigned but not reported in: report in (报到) first, then accept or decline`);
    case 'accepted':
    case 'done':
      return refuse('task.already_accepted', `${describe(task)} was accepted at ${task.acceptedAt} and is ${task.status}; it can no longer be declined`);
    case 'reported_in': {
      const reason = required('reason', command.reason);
      return [
        {
          type: 'enforcement.TaskDeclined.v1',
          data: { ...ids(task), reason, notOurResponsibility: command.notOurResponsibility, declinedAt: command.now },
        },
      ];
    }
    default:
      return assertNever(task, 'task status');
  }
}

function recordAction(command: RecordAction, state: TaskState): TaskEvent[] {
  if (state.status !== 'unassigned' && state.actions.some((a) => a.actionId === command.actionId)) return [];
  const task = accepted(assigned(state, 'record an action'), 'record an action');
  const actionId = required('actionId', command.actionId);
  const { kind, deadline, legalBasis, amount, now } = command;
  if (!ACTION_KINDS.includes(kind)) invalid('kind', `kind must be one of ${ACTION_KINDS.join(', ')}, not "${kind}"`);
  const note = required('note', command.note);
  const data: ActionRecorded['data'] = { ...ids(task), actionId, kind, note, takenAt: now };
  if (kind === 'rectification_order') {
    if (deadline === undefined || !isInstant(deadline)) {
      invalid('deadline', 'a rectification order (限期整改) needs a deadline as an ISO-8601 instant');
    }
    if (!isBefore(now, deadline)) invalid('deadline', `the rectification deadline ${deadline} must be later than now (${now})`);
    return [{ type: 'enforcement.ActionRecorded.v1', data: { ...data, deadline } }];
  }
  if (deadline !== undefined) invalid('deadline', `only a rectification order has a deadline, not a ${kind}`);
  if (kind === 'penalty') {
    const basis = required('legalBasis', legalBasis, 'the legal basis (法律依据) of a penalty');
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
      invalid('amount', `a penalty needs an amount in yuan greater than 0, not ${String(amount)}`);
    }
    return [{ type: 'enforcement.ActionRecorded.v1', data: { ...data, legalBasis: basis, amount } }];
  }
  if (legalBasis !== undefined) invalid('legalBasis', `only a penalty has a legal basis, not a ${kind}`);
  if (amount !== undefined) invalid('amount', `only a penalty has an amount, not a ${kind}`);
  return [{ type: 'enforcement.ActionRecorded.v1', data }];
}

function recordOutcome(command: RecordOutcome, state: TaskState): TaskEvent[] {
  const task = accepted(assigned(state, 'record an outcome'), 'record an outcome');
  const { result } = command;
  if (!OUTCOME_RESULTS.includes(result)) invalid('result', `result must be one of ${OUTCOME_RESULTS.join(', ')}, not "${result}"`);
  const note = required('note', command.note);
  if (task.actions.length === 0) {
    refuse('task.no_actions', `${describe(task)} is accepted with no action recorded: record the on-site actions before the outcome`);
  }
  if (CLOSING_RESULTS.includes(result)) {
    const orders = task.actions.filter((a) => a.rectification);
    if (result === 'rectified' && orders.length === 0) {
      refuse('task.nothing_to_rectify', `${describe(task)} has no rectification order (限期整改), so its outcome cannot be "rectified"`);
    }
    const unchecked = orders.filter((a) => !a.rectification?.checked);
    if (unchecked.length > 0) {
      refuse(
        'task.rectification_unchecked',
        `${describe(task)} cannot close as "${result}" while ${unchecked.map(orderName).join(' and ')} ${unchecked.length > 1 ? 'are' : 'is'} unchecked: record an inspection at or after the deadline first`,
      );
    }
  }
  return [{ type: 'enforcement.OutcomeRecorded.v1', data: { ...ids(task), result, note, recordedAt: command.now } }];
}

function deadlineReached(command: DeadlineReached, state: TaskState): TaskEvent[] {
  const deadline = taskDeadlines(state).find((d) => d.id === command.deadlineId);
  if (state.status === 'unassigned' || !deadline || isBefore(command.now, deadline.dueAt)) return [];
  if (deadline.kind === TASK_DUE) {
    return [{ type: 'enforcement.TaskOverdue.v1', data: { ...ids(state), dueAt: deadline.dueAt, overdueAt: command.now } }];
  }
  const actionId = deadline.id.slice(RECTIFICATION_PREFIX.length);
  return [
    {
      type: 'enforcement.RectificationCheckDue.v1',
      data: { ...ids(state), actionId, deadline: deadline.dueAt, dueAt: command.now },
    },
  ];
}

/** A task that was assigned and is still being worked on (or done); refuses the others. */
function assigned(state: TaskState, doing: string): AssignedTask | ReportedInTask | AcceptedTask | DoneTask {
  switch (state.status) {
    case 'unassigned':
      return refuse('task.not_assigned', `no task has been assigned on this stream, so nothing can ${doing}`);
    case 'declined':
      return refuse(
        'task.declined',
        `${describe(state)} was declined at ${state.decline.declinedAt} ("${state.decline.reason}"), so it cannot ${doing}`,
      );
    case 'superseded':
      return refuse(
        'task.superseded',
        `${describe(state)} was superseded at ${state.supersession.supersededAt} because the case moved on ("${state.supersession.reason}"), so it cannot ${doing}`,
      );
    case 'assigned':
    case 'reported_in':
    case 'accepted':
    case 'done':
      return state;
    default:
      return assertNever(state, 'task status');
  }
}

function accepted(task: AssignedTask | ReportedInTask | AcceptedTask | DoneTask, doing: string): AcceptedTask {
  switch (task.status) {
    case 'assigned':
    case 'reported_in':
      return refuse('task.not_accepted', `${describe(task)} is ${task.status.replace('_', ' ')} and not accepted: accept it before you ${doing}`);
    case 'done':
      return refuse(
        'task.outcome_recorded',
        `${describe(task)} is done: its outcome (${task.outcome.result}) was recorded at ${task.outcome.recordedAt}, so you cannot ${doing}`,
      );
    case 'accepted':
      return task;
    default:
      return assertNever(task, 'task status');
  }
}

function ids(task: TaskRef): TaskRef {
  return { taskId: task.taskId, caseId: task.caseId, whistleId: task.whistleId, unitId: task.unitId };
}

function describe(task: { readonly taskId: string; readonly unitId: string; readonly caseId: string }): string {
  return `task ${task.taskId} of unit ${task.unitId} on case ${task.caseId}`;
}

function orderName(action: TaskAction): string {
  return `rectification order ${action.actionId} (deadline ${action.deadline})`;
}
