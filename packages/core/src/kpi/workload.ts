import type { Deal } from '../model/deal.js';
import type { Member } from '../model/member.js';
import type { Task } from '../model/task.js';
import { isOverdue } from '../task-due.js';
import { addMoney } from './data.js';

/** One member's (or nobody's) current load. */
export interface Workload {
  /** The member's id, or `null` for deals and tasks nobody owns. */
  memberId: string | null;
  name?: string;
  openDeals: number;
  /** Value of the open deals, per currency (minor units). */
  openValue: Record<string, number>;
  openTasks: number;
  /** Open tasks past due on the viewer's calendar. */
  overdueTasks: number;
}

/**
 * Manager workload now: per active member, the open deals they own and the
 * open tasks assigned to them, with those overdue. A last row (memberId null)
 * holds what nobody owns, when there is any.
 */
export function workload(members: readonly Member[], deals: readonly Deal[], tasks: readonly Task[], now: number, timeZone: string): Workload[] {
  const rows = new Map<string | null, Workload>();
  const row = (id: string | null) => rows.get(id) ?? rows.set(id, { memberId: id, openDeals: 0, openValue: {}, openTasks: 0, overdueTasks: 0 }).get(id)!;
  for (const m of members) if (m.active) row(m.id).name = m.name;
  for (const d of deals) {
    if (d.status !== 'open') continue;
    const r = row(d.ownerId ?? null);
    r.openDeals++;
    addMoney(r.openValue, d.value.currency, d.value.amount);
  }
  for (const t of tasks) {
    if (t.completedAt) continue;
    const r = row(t.assigneeId ?? null);
    r.openTasks++;
    if (isOverdue(t, now, timeZone)) r.overdueTasks++;
  }
  const names = new Map(members.map((m) => [m.id, m.name]));
  return [...rows.values()]
    .map((r) => (r.name === undefined && r.memberId && names.has(r.memberId) ? { ...r, name: names.get(r.memberId)! } : r))
    .sort((a, b) => (a.memberId === null ? 1 : b.memberId === null ? -1 : (a.name ?? '').localeCompare(b.name ?? '')));
}
