import { assertNever } from '@whistle/kernel';
import type { ActionKind, ActionRecorded, Level, OutcomeResult, TaskAssigned, TaskEvent } from '@whistle/contracts';

/** summoned by a whistle (levels 2–3), or lead (牵头) / supporting (配合) unit of a resolution (level 4) */
export type TaskRole = TaskAssigned['data']['role'];

/** A rectification order's (限期整改) check: an inspection taken at or after its deadline. */
export interface RectificationCheck {
  readonly checked: boolean;
  /** the actionId of the inspection that checked it */
  readonly checkedBy: string | null;
  /** when the deadline passed unchecked and the check was recorded as due */
  readonly checkDueAt: string | null;
}

/** An on-site action (inspection 检查, persuasion 劝导, warning 警告, 限期整改, penalty 处罚, removal). */
export interface TaskAction {
  readonly actionId: string;
  readonly kind: ActionKind;
  readonly note: string;
  readonly deadline?: string;
  readonly legalBasis?: string;
  readonly amount?: number;
  readonly takenAt: string;
  /** rectification orders only */
  readonly rectification?: RectificationCheck;
}

/** What is known of a task from its assignment on, whatever its status. */
export interface TaskFacts {
  readonly taskId: string;
  readonly caseId: string;
  readonly whistleId: string;
  readonly unitId: string;
  readonly level: Level;
  readonly role: TaskRole;
  /** 报到 deadline of a summoned unit */
  readonly reportInDueAt?: string;
  /** the resolution's deadline of a lead or supporting unit's task */
  readonly dueAt?: string;
  readonly assignedAt: string;
  readonly reportedInAt: string | null;
  /** reported in by reportInDueAt (always true without one) */
  readonly onTime: boolean | null;
  readonly acceptedAt: string | null;
  readonly actions: readonly TaskAction[];
  /** set when the resolution's deadline passed with the task still open */
  readonly overdueAt: string | null;
}

export interface TaskOutcome {
  readonly result: OutcomeResult;
  readonly note: string;
  readonly recordedAt: string;
}

export interface TaskDecline {
  readonly reason: string;
  readonly notOurResponsibility: boolean;
  readonly declinedAt: string;
}

export interface TaskSupersession {
  readonly reason: string;
  readonly supersededAt: string;
}

export type UnassignedTask = { readonly status: 'unassigned' };
export type AssignedTask = TaskFacts & {
  readonly status: 'assigned';
  readonly reportedInAt: null;
  readonly onTime: null;
  readonly acceptedAt: null;
};
export type ReportedInTask = TaskFacts & {
  readonly status: 'reported_in';
  readonly reportedInAt: string;
  readonly onTime: boolean;
  readonly acceptedAt: null;
};
export type AcceptedTask = TaskFacts & {
  readonly status: 'accepted';
  readonly reportedInAt: string;
  readonly onTime: boolean;
  readonly acceptedAt: string;
};
export type DoneTask = TaskFacts & {
  readonly status: 'done';
  readonly reportedInAt: string;
  readonly onTime: boolean;
  readonly acceptedAt: string;
  readonly outcome: TaskOutcome;
};
export type DeclinedTask = TaskFacts & {
  readonly status: 'declined';
  readonly reportedInAt: string;
  readonly onTime: boolean;
  readonly acceptedAt: null;
  readonly decline: TaskDecline;
};
export type SupersededTask = TaskFacts & {
  readonly status: 'superseded';
  readonly supersededFrom: OpenTask['status'];
  readonly supersession: TaskSupersession;
};

export type TaskState = UnassignedTask | AssignedTask | ReportedInTask | AcceptedTask | DoneTask | DeclinedTask | SupersededTask;
export type TaskStatus = TaskState['status'];
/** A task the case may still move on from. */
export type OpenTask = AssignedTask | ReportedInTask | AcceptedTask;

export const initialTaskState: TaskState = { status: 'unassigned' };

export function isOpenTask(state: TaskState): state is OpenTask {
  return state.status === 'assigned' || state.status === 'reported_in' || state.status === 'accepted';
}

/** Events are facts already decided, so a transition the state cannot take is left out, not thrown. */
export function evolveTask(state: TaskState, event: TaskEvent): TaskState {
  switch (event.type) {
    case 'enforcement.TaskAssigned.v1': {
      if (state.status !== 'unassigned') return state;
      const { taskId, caseId, whistleId, unitId, level, role, reportInDueAt, dueAt, assignedAt } = event.data;
      return {
        status: 'assigned',
        taskId,
        caseId,
        whistleId,
        unitId,
        level,
        role,
        ...(reportInDueAt !== undefined && { reportInDueAt }),
        ...(dueAt !== undefined && { dueAt }),
        assignedAt,
        reportedInAt: null,
        onTime: null,
        acceptedAt: null,
        actions: [],
        overdueAt: null,
      };
    }
    case 'enforcement.TaskReportedIn.v1':
      if (state.status !== 'assigned') return state;
      return { ...state, status: 'reported_in', reportedInAt: event.data.reportedInAt, onTime: event.data.onTime };
    case 'enforcement.TaskAccepted.v1':
      if (state.status !== 'reported_in') return state;
      return { ...state, status: 'accepted', acceptedAt: event.data.acceptedAt };
    case 'enforcement.TaskDeclined.v1': {
      if (state.status !== 'reported_in') return state;
      const { reason, notOurResponsibility, declinedAt } = event.data;
      return { ...state, status: 'declined', decline: { reason, notOurResponsibility, declinedAt } };
    }
    case 'enforcement.ActionRecorded.v1':
      if (state.status !== 'accepted') return state;
      return { ...state, actions: withAction(state.actions, event.data) };
    case 'enforcement.RectificationCheckDue.v1': {
      if (state.status !== 'accepted') return state;
      const { actionId, dueAt } = event.data;
      const actions = state.actions.map((a) =>
        a.actionId === actionId && a.rectification ? { ...a, rectification: { ...a.rectification, checkDueAt: dueAt } } : a,
      );
      return { ...state, actions };
    }
    case 'enforcement.OutcomeRecorded.v1': {
      if (state.status !== 'accepted') return state;
      const { result, note, recordedAt } = event.data;
      return { ...state, status: 'done', outcome: { result, note, recordedAt } };
    }
    case 'enforcement.TaskOverdue.v1':
      if (state.status === 'unassigned') return state;
      return { ...state, overdueAt: event.data.overdueAt };
    case 'enforcement.TaskSuperseded.v1': {
      if (!isOpenTask(state)) return state;
      const { reason, supersededAt } = event.data;
      return { ...state, status: 'superseded', supersededFrom: state.status, supersession: { reason, supersededAt } };
    }
    default:
      return assertNever(event, 'task event');
  }
}

/** An inspection at or after a rectification order's deadline checks that order. */
function withAction(actions: readonly TaskAction[], data: ActionRecorded['data']): TaskAction[] {
  const { actionId, kind, note, deadline, legalBasis, amount, takenAt } = data;
  const action: TaskAction = {
    actionId,
    kind,
    note,
    ...(deadline !== undefined && { deadline }),
    ...(legalBasis !== undefined && { legalBasis }),
    ...(amount !== undefined && { amount }),
    takenAt,
    ...(kind === 'rectification_order' && { rectification: { checked: false, checkedBy: null, checkDueAt: null } }),
  };
  const checked =
    kind === 'inspection'
      ? actions.map((a) =>
          a.rectification && !a.rectification.checked && a.deadline !== undefined && atOrAfter(takenAt, a.deadline)
            ? { ...a, rectification: { ...a.rectification, checked: true, checkedBy: actionId } }
            : a,
        )
      : actions;
  return [...checked, action];
}

/** Compares instants without throwing: evolve must not fail on a stored event. */
function atOrAfter(a: string, b: string): boolean {
  return Date.parse(a) >= Date.parse(b);
}
