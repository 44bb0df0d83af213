import type { Lapse, TaskView } from './case-view';

/*
 * Lists that several streams add to are kept sorted by their content, never by arrival, so the
 * same events give the same view whatever order their streams were interleaved in.
 */

export function withUnits(units: readonly string[], more: readonly string[]): string[] {
  return [...new Set([...units, ...more])].sort();
}

export function withLapse(lapses: readonly Lapse[], lapse: Lapse): Lapse[] {
  return [...lapses, lapse].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || compareText(JSON.stringify(a), JSON.stringify(b)));
}

export function withTask(tasks: readonly TaskView[], task: TaskView): TaskView[] {
  const others = tasks.filter((t) => t.taskId !== task.taskId);
  return [...others, task].sort((a, b) => Date.parse(a.assignedAt) - Date.parse(b.assignedAt) || compareText(a.taskId, b.taskId));
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
