import { addDays, dateInZone } from '../time.js';
import type { StoredRecord } from '../storage/port.js';

/** The kinds of record a task can be about. */
export type TaskSubject = 'contact' | 'company' | 'deal' | 'task';

/**
 * The links a task about a record carries, so it shows on the right
 * timelines: a contact's company, a deal's first contact and company, the
 * links of a task it follows.
 */
export function taskLinks(entity: TaskSubject, r: StoredRecord): { contactId?: string; companyId?: string; dealId?: string } {
  const out = (links: Record<string, unknown>) => Object.fromEntries(Object.entries(links).filter(([, v]) => v !== undefined)) as { contactId?: string; companyId?: string; dealId?: string };
  if (entity === 'contact') return out({ contactId: r.id, companyId: r.companyId });
  if (entity === 'company') return out({ companyId: r.id });
  if (entity === 'deal') return out({ dealId: r.id, contactId: (r.contactIds as string[])[0], companyId: r.companyId });
  return out({ contactId: r.contactId, companyId: r.companyId, dealId: r.dealId });
}

/** The calendar date `days` after `now`'s date in the viewer's zone: "due in 2 days". */
export const dueInDays = (now: number, timeZone: string, days: number): string => addDays(dateInZone(now, timeZone), days);
