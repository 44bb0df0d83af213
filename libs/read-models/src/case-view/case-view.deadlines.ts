import { taskIdFor } from '@whistle/contracts';
import type { CaseView, Lapse, PendingDeadline, TaskView } from './case-view';
import { isOpenTask } from './from-enforcement';
import { compareText } from './view-lists';

/**
 * What the case still waits for, each with `overdue` once its lapse was signalled: report-in
 * (报到) per summoned unit, the level-1 activity, the tabling at a joint meeting, a resolution
 * task's deadline, a rectification order's check (限期整改). Called only for open cases.
 */
export function pendingDeadlines(view: CaseView): PendingDeadline[] {
  const deadlines = [...roundDeadlines(view), ...tablingDeadline(view), ...view.tasks.flatMap((task) => taskDeadlines(task, view.lapses))];
  return deadlines.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || compareText(JSON.stringify(a), JSON.stringify(b)));
}

function roundDeadlines(view: CaseView): PendingDeadline[] {
  const { phase, round } = view.facts.escalation;
  // A round escalation has not yet heard was reopened is over, whatever escalation still says.
  if (phase !== 'in_progress' || !round || view.facts.intake.reopens > view.facts.escalation.reopensSeen) return [];
  const { whistleId } = round;
  const deadlines: PendingDeadline[] = [];
  for (const unit of round.units) {
    if (unit.reportInDueAt === null || unit.reportedIn) continue;
    const taskId = taskIdFor(whistleId, unit.unitId);
    const task = view.tasks.find((t) => t.taskId === taskId);
    if (task && task.status !== 'assigned') continue;
    const overdue = view.lapses.some((l) => l.kind === 'report_in_missed' && l.whistleId === whistleId && l.unitId === unit.unitId);
    deadlines.push({ kind: 'report_in', dueAt: unit.reportInDueAt, overdue, whistleId, unitId: unit.unitId, taskId });
  }
  const publicity = view.publicity?.whistleId === whistleId ? view.publicity : null;
  const activityOpen = !round.publicityNoted && publicity?.status !== 'held' && publicity?.status !== 'cancelled';
  if (round.activityDueAt !== null && activityOpen) {
    const overdue = view.lapses.some((l) => l.kind === 'activity_overdue' && l.whistleId === whistleId);
    deadlines.push({ kind: 'activity', dueAt: round.activityDueAt, overdue, whistleId });
  }
  return deadlines;
}

/** Waiting to be tabled: since adjudication was requested, or since the last deferral. */
function tablingDeadline(view: CaseView): PendingDeadline[] {
  const adjudication = view.adjudication;
  if (adjudication?.status !== 'awaiting_tabling' || adjudication.meetingId !== null || adjudication.tablingDueAt === null) return [];
  return [{ kind: 'tabling', dueAt: adjudication.tablingDueAt, overdue: adjudication.tablingOverdue }];
}

function taskDeadlines(task: TaskView, lapses: readonly Lapse[]): PendingDeadline[] {
  if (!isOpenTask(task)) return [];
  const { taskId, unitId, whistleId } = task;
  const deadlines: PendingDeadline[] = [];
  if (task.dueAt !== null) deadlines.push({ kind: 'task_due', dueAt: task.dueAt, overdue: task.overdueAt !== null, whistleId, unitId, taskId });
  for (const order of task.actions) {
    if (order.kind !== 'rectification_order' || order.deadline === undefined) continue;
    const deadline = order.deadline;
    // An inspection at or after the order's deadline checks it, as the task aggregate rules.
    const checked = task.actions.some((a) => a.kind === 'inspection' && Date.parse(a.takenAt) >= Date.parse(deadline));
    if (checked) continue;
    const overdue = lapses.some((l) => l.kind === 'rectification_check_due' && l.taskId === taskId && l.actionId === order.actionId);
    deadlines.push({ kind: 'rectification_check', dueAt: deadline, overdue, whistleId, unitId, taskId, actionId: order.actionId });
  }
  return deadlines;
}
