import { type DueInfo, type Task, dueInfo } from '@kith/core';

/** The sections of a task list, in the order they show. */
export const TASK_GROUPS = ['overdue', 'today', 'upcoming', 'none'] as const;
export type TaskGroup = (typeof TASK_GROUPS)[number];

/** A task with its due state for the viewer. */
export interface ListedTask {
  task: Task;
  due: DueInfo;
}

/**
 * Sorts open tasks into overdue, today, upcoming and undated, judged on the
 * viewer's calendar; each section soonest first (the most overdue first).
 */
export function groupTasks(tasks: readonly Task[], now: number, timeZone: string): Map<TaskGroup, ListedTask[]> {
  const groups = new Map<TaskGroup, ListedTask[]>(TASK_GROUPS.map((g) => [g, []]));
  for (const task of tasks) {
    if (task.completedAt) continue;
    const due = dueInfo(task, now, timeZone);
    const group: TaskGroup = due.state === 'overdue' ? 'overdue' : due.state === 'today' ? 'today' : due.state === 'upcoming' ? 'upcoming' : 'none';
    groups.get(group)!.push({ task, due });
  }
  for (const list of groups.values()) list.sort((a, b) => (a.task.due ?? '').localeCompare(b.task.due ?? '') || a.task.id.localeCompare(b.task.id));
  return groups;
}
