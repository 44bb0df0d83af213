import type { FieldTask, TaskAction } from '../../api/field-types';

export interface RectificationOrder {
  readonly order: TaskAction;
  readonly deadline: string;
  /** the inspection at or after the deadline that checked the order, as the task itself rules */
  readonly checkedBy: TaskAction | null;
}

/** The task's rectification orders (限期整改), each with the inspection that checked it, if one has. */
export function rectificationOrders(task: FieldTask): RectificationOrder[] {
  return task.actions.flatMap((order) => {
    if (order.kind !== 'rectification_order' || order.deadline === undefined) return [];
    const deadline = order.deadline;
    const checkedBy = task.actions.find((a) => a.kind === 'inspection' && Date.parse(a.takenAt) >= Date.parse(deadline)) ?? null;
    return [{ order, deadline, checkedBy }];
  });
}
