import type { Task } from './model/task.js';
import { dateInZone, daysBetween, isDateOnly } from './time.js';

/** Where a task stands for a viewer: done, overdue, due today, upcoming, or with no due time. */
export type DueState = 'done' | 'overdue' | 'today' | 'upcoming' | 'none';

/** A task's due state and how many calendar days it is late (or early, negative). */
export interface DueInfo {
  state: DueState;
  /** Calendar days from the due date to today in the viewer's zone; 2 means "overdue by 2 days". */
  daysLate: number;
}

/**
 * Decides a task's due state for a viewer. A date-only due is compared with
 * the viewer's calendar date in `timeZone`, never with UTC: a task due on the
 * 25th is not overdue in Tbilisi's evening of the 25th, though it is the 26th
 * in UTC by then. An instant due is overdue once that instant has passed.
 */
export function dueInfo(task: Pick<Task, 'due' | 'completedAt'>, now: number, timeZone: string): DueInfo {
  if (task.completedAt) return { state: 'done', daysLate: 0 };
  if (!task.due) return { state: 'none', daysLate: 0 };
  const today = dateInZone(now, timeZone);
  const dueDate = isDateOnly(task.due) ? task.due : dateInZone(task.due, timeZone);
  const daysLate = daysBetween(dueDate, today);
  if (isDateOnly(task.due)) {
    return { state: daysLate > 0 ? 'overdue' : daysLate === 0 ? 'today' : 'upcoming', daysLate };
  }
  const passed = Date.parse(task.due) < now;
  return { state: passed ? 'overdue' : daysLate === 0 ? 'today' : 'upcoming', daysLate };
}

/** True when the task is open and past due for a viewer in `timeZone`. */
export function isOverdue(task: Pick<Task, 'due' | 'completedAt'>, now: number, timeZone: string): boolean {
  return dueInfo(task, now, timeZone).state === 'overdue';
}
