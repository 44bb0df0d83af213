import type { CaseViewHandle } from '../../api/case-view';
import type { FieldCase, FieldTask } from '../../api/field-types';

/** What each part of the task page gets: the task, its case, and the wait for a command's effect. */
export interface TaskWorkProps {
  readonly view: FieldCase;
  readonly task: FieldTask;
  readonly settle: CaseViewHandle['settle'];
}

/** Waits until the read side shows the task changed by a command (a new status, action or outcome). */
export function taskMoved(task: FieldTask): (next: FieldCase) => boolean {
  const before = JSON.stringify(task);
  return (next) => {
    const now = next.tasks.find((t) => t.taskId === task.taskId);
    return now !== undefined && JSON.stringify(now) !== before;
  };
}
