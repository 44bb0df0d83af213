import { assertNever } from '@whistle/kernel';
import type { PublicityEvent, TaskEvent } from '@whistle/contracts';
import type { CaseView, TaskStatus, TaskView } from './case-view';
import { withLapse, withTask, withUnits } from './view-lists';

const OPEN: readonly TaskStatus[] = ['assigned', 'reported_in', 'accepted'];

export function isOpenTask(task: TaskView): boolean {
  return OPEN.includes(task.status);
}

/**
 * What enforcement (执法) says of one unit's task. A transition the task cannot take from its
 * status is left out, as the task aggregate itself does.
 */
export function fromTask(view: CaseView, event: TaskEvent): CaseView {
  if (event.type === 'enforcement.TaskAssigned.v1') {
    if (view.tasks.some((t) => t.taskId === event.data.taskId)) return view;
    const { taskId, unitId, role, level, whistleId, reportInDueAt, dueAt, assignedAt } = event.data;
    const task: TaskView = {
      taskId,
      unitId,
      role,
      level,
      whistleId,
      status: 'assigned',
      assignedAt,
      reportInDueAt: reportInDueAt ?? null,
      reportedInAt: null,
      onTime: null,
      acceptedAt: null,
      decline: null,
      actions: [],
      outcome: null,
      superseded: null,
      dueAt: dueAt ?? null,
      overdueAt: null,
      overdue: false,
    };
    return { ...view, tasks: withTask(view.tasks, task), involvedUnits: withUnits(view.involvedUnits, [unitId]) };
  }
  const task = view.tasks.find((t) => t.taskId === event.data.taskId);
  if (!task) return view;
  const next = evolveTask(task, event);
  const lapse = lapseOf(event);
  return {
    ...view,
    tasks: next === task ? view.tasks : withTask(view.tasks, next),
    lapses: lapse ? withLapse(view.lapses, lapse) : view.lapses,
  };
}

function evolveTask(task: TaskView, event: Exclude<TaskEvent, { type: 'enforcement.TaskAssigned.v1' }>): TaskView {
  switch (event.type) {
    case 'enforcement.TaskReportedIn.v1':
      return task.status === 'assigned' ? { ...task, status: 'reported_in', reportedInAt: event.data.reportedInAt, onTime: event.data.onTime } : task;
    case 'enforcement.TaskAccepted.v1':
      return task.status === 'reported_in' ? { ...task, status: 'accepted', acceptedAt: event.data.acceptedAt } : task;
    case 'enforcement.TaskDeclined.v1': {
      if (task.status !== 'reported_in') return task;
      const { reason, notOurResponsibility, declinedAt } = event.data;
      return { ...task, status: 'declined', decline: { reason, notOurResponsibility, at: declinedAt } };
    }
    case 'enforcement.ActionRecorded.v1': {
      if (task.status !== 'accepted') return task;
      const { actionId, kind, note, deadline, legalBasis, amount, takenAt } = event.data;
      const action = {
        actionId,
        kind,
        note,
        ...(deadline !== undefined && { deadline }),
        ...(legalBasis !== undefined && { legalBasis }),
        ...(amount !== undefined && { amount }),
        takenAt,
      };
      return { ...task, actions: [...task.actions, action] };
    }
    case 'enforcement.RectificationCheckDue.v1':
      return task;
    case 'enforcement.OutcomeRecorded.v1': {
      if (task.status !== 'accepted') return task;
      const { result, note, recordedAt } = event.data;
      return { ...task, status: 'done', outcome: { result, note, at: recordedAt } };
    }
    case 'enforcement.TaskOverdue.v1':
      return { ...task, overdueAt: event.data.overdueAt };
    case 'enforcement.TaskSuperseded.v1':
      return isOpenTask(task) ? { ...task, status: 'superseded', superseded: { reason: event.data.reason, at: event.data.supersededAt } } : task;
    default:
      return assertNever(event, 'task event');
  }
}

function lapseOf(event: TaskEvent): CaseView['lapses'][number] | undefined {
  switch (event.type) {
    case 'enforcement.TaskOverdue.v1': {
      const { taskId, unitId, dueAt, overdueAt } = event.data;
      return { kind: 'task_overdue', taskId, unitId, dueAt, at: overdueAt };
    }
    case 'enforcement.RectificationCheckDue.v1': {
      const { taskId, unitId, actionId, dueAt } = event.data;
      // dueAt is the moment the unchecked deadline was found passed; deadline is the order's own.
      return { kind: 'rectification_check_due', taskId, unitId, actionId, dueAt: event.data.deadline, at: dueAt };
    }
    default:
      return undefined;
  }
}

/** What enforcement says of the level-1 publicity activity (宣传哨); only the latest request is shown. */
export function fromPublicity(view: CaseView, event: PublicityEvent): CaseView {
  const current = view.publicity;
  switch (event.type) {
    case 'enforcement.PublicityRequested.v1': {
      const { whistleId, units, dueAt, requestedAt } = event.data;
      return {
        ...view,
        publicity: { whistleId, status: 'requested', units: [...units], dueAt, requestedAt, activity: null, cancellation: null },
        involvedUnits: withUnits(view.involvedUnits, units),
      };
    }
    case 'enforcement.ActivityRecorded.v1': {
      if (current?.status !== 'requested' || current.whistleId !== event.data.whistleId) return view;
      const { activityId, heldAt, topic, units, attendance, recordedAt } = event.data;
      return { ...view, publicity: { ...current, status: 'held', activity: { activityId, heldAt, topic, units: [...units], attendance, recordedAt } } };
    }
    case 'enforcement.PublicityCancelled.v1':
      if (current?.status !== 'requested' || current.whistleId !== event.data.whistleId) return view;
      return { ...view, publicity: { ...current, status: 'cancelled', cancellation: { reason: event.data.reason, at: event.data.cancelledAt } } };
    default:
      return assertNever(event, 'publicity event');
  }
}
